"""A fuzzer for arrpy's public API: `python -m tools.fuzz --help`, or `make fuzz`.

Each call is a small program generated from (seed, index), so any call can be replayed and
printed as a standalone reproducer (`--show INDEX`).

    values.py        argument generators: dtypes, shapes, arrays in every layout, scalars of every
                     kind, nestings, indices, hostile objects
    helpers.py       source of the helper objects programs use (hostile protocols, the NumPy check)
    calls.py         call families over the public API (enumerated from the installed module)
    differential.py  families that compare results with NumPy (--differential)
    program.py       a call as a program; its reproducer script
    worker.py        runs calls in a subprocess, reporting each on a pipe
    run.py           the driver: batches, crash/hang triage, shrinking, reproducers, summary
    known.py         triggers known to fail on main (left out with --avoid-known, as CI does)
"""
