"""The fuzz driver: runs batches of calls in worker subprocesses, finds the call that killed or
hung a batch, and saves a standalone reproducer for each finding under fuzz-crashes/.

    python -m tools.fuzz --seed 7 --time 600          # ten minutes
    python -m tools.fuzz --seed 7 --calls 100000 --jobs 2
    python -m tools.fuzz --seed 7 --show 1234         # the program of call 1234 (give the
                                                      # run's --families/--avoid too)

Findings: a process death (segfault, abort, Rust abort on allocation failure), a call running past
--call-timeout, a Rust panic (PanicException), a RuntimeError about borrowing and a SystemError.
Every other exception is an expected outcome of a random call. With --differential, results are
compared with NumPy's and a difference is a finding too (a "mismatch").
"""

import argparse
import atexit
import collections
import os
import re
import resource
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from .calls import FAMILIES
from .differential import DIFFERENTIAL
from .known import KNOWN, KNOWN_FAMILIES
from .program import HELPERS, PRELUDE, generate

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def scratch_env(extra):
    """The environment of a fuzzed process: it imports tools.fuzz from ROOT but runs in a scratch
    folder (SCRATCH), so the files random calls write (savez("uint32")…) never land in the
    checkout."""
    path = os.pathsep.join(filter(None, [ROOT, os.environ.get("PYTHONPATH")]))
    return dict(os.environ, PYTHONPATH=path, **extra)


SCRATCH = tempfile.mkdtemp(prefix="arrpy-fuzz-")
atexit.register(shutil.rmtree, SCRATCH, True)


class Worker:
    """A subprocess running calls [start, end) or an explicit list of indices."""

    def __init__(self, options, indices):
        self.indices = list(indices)
        read_fd, write_fd = os.pipe()
        self.stderr = tempfile.TemporaryFile()
        command = [sys.executable, "-m", "tools.fuzz.worker", "--seed", str(options.seed),
                   "--families", ",".join(options.families), "--avoid", ",".join(options.avoid),
                   "--fd", str(write_fd), "--memory-gib", str(options.memory_gib)]
        if self.indices == list(range(self.indices[0], self.indices[-1] + 1)):
            command += ["--start", str(self.indices[0]), "--count", str(len(self.indices))]
        else:
            command += ["--indices", ",".join(map(str, self.indices))]
        env = scratch_env({"OPENBLAS_NUM_THREADS": "1", "PYTHONFAULTHANDLER": "1"})
        self.process = subprocess.Popen(command, cwd=SCRATCH, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.DEVNULL, stderr=self.stderr,
                                        pass_fds=(write_fd,), env=env)
        os.close(write_fd)
        self.fd = read_fd
        self.partial = b""
        self.started_at = time.monotonic()  # of the call in flight, or of the process
        self.in_flight = None
        self.done = []
        self.findings = []  # (index, outcome, message)
        self.closed = False

    def read(self):
        """Handles what the worker wrote; False at the end of the pipe (the worker exited)."""
        data = os.read(self.fd, 1 << 16)
        if not data:
            return False
        *lines, self.partial = (self.partial + data).split(b"\n")
        for line in lines:
            self.feed(line.decode("utf-8", "replace"))
        return True

    def close(self):
        os.close(self.fd)

    def feed(self, line):
        kind, _, rest = line.rstrip("\n").partition(" ")
        if kind == "S":
            self.in_flight = int(rest)
            self.started_at = time.monotonic()
        elif kind == "E":
            index, outcome, message = (rest.split(" ", 2) + [""])[:3]
            self.done.append(int(index))
            self.in_flight = None
            if outcome != "ok":
                self.findings.append((int(index), outcome, message))

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()

    def stderr_tail(self, lines=25):
        self.stderr.seek(0)
        text = self.stderr.read().decode("utf-8", "replace")
        return "\n".join(text.splitlines()[-lines:])

    def remaining(self):
        """The indices after the one that ended this worker (to run in a new batch)."""
        finished = set(self.done)
        if self.in_flight is not None:
            finished.add(self.in_flight)
        return [i for i in self.indices if i not in finished]


def describe_exit(returncode):
    if returncode is None:
        return "killed"
    if returncode < 0:
        try:
            return f"signal {signal.Signals(-returncode).name}"
        except ValueError:
            return f"signal {-returncode}"
    return f"exit code {returncode}"


def shrink(options, program, how, attempts=20):
    """`program` with the setup it does not need to die as `how` taken out, each candidate run
    as a standalone script. For each setup line `x = ...`, last first: drop it; failing that,
    drop it and use its source instead (`x = y[::-1]`: y for x); failing that, a scalar for x."""
    lines = program.lines
    position = len(lines) - 2  # the last line is the call itself
    while position >= 0 and attempts > 0:
        for candidate in shrink_candidates(lines, position):
            if attempts == 0:
                break
            attempts -= 1
            if script_dies(options, program.with_lines(candidate).script(), how):
                lines = candidate
                break
        position -= 1
    return program.with_lines(lines)


def shrink_candidates(lines, position):
    before, line, after = lines[:position], lines[position], lines[position + 1:]
    yield before + after
    bound = re.match(r"(\w+) = (\w+)\b", line)
    if bound:
        name, source = bound.groups()
        for replacement in ([source] if re.fullmatch(r"[a-z]\d+", source) else []) + ["1"]:
            yield before + [re.sub(rf"\b{name}\b", replacement, later) for later in after]


def script_dies(options, script, how):
    """Whether `script`, run on its own, ends as `how` (e.g. "signal SIGSEGV")."""
    limit = int(options.memory_gib * 2**30)

    def limit_memory():
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    with tempfile.NamedTemporaryFile("w", suffix=".py") as f:
        f.write(script)
        f.flush()
        try:
            result = subprocess.run([sys.executable, f.name], cwd=SCRATCH, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                    timeout=options.call_timeout + 30, preexec_fn=limit_memory,
                                    env=scratch_env({"OPENBLAS_NUM_THREADS": "1"}))
        except subprocess.TimeoutExpired:
            return how == "hang"
    return describe_exit(result.returncode) == how


def run_alone(options, indices, timeout):
    """Runs `indices` in one fresh worker; returns (died, exit description, stderr tail)."""
    worker = Worker(options, indices)
    deadline = time.monotonic() + timeout
    selector = selectors.DefaultSelector()
    selector.register(worker.fd, selectors.EVENT_READ)
    while True:
        if not selector.select(max(0.0, deadline - time.monotonic())):
            worker.kill()
            worker.close()
            return True, "hang", worker.stderr_tail()
        if not worker.read():
            break
    worker.process.wait()
    worker.close()
    died = worker.process.returncode != 0 or len(worker.done) < len(indices)
    return died, describe_exit(worker.process.returncode), worker.stderr_tail()


class Fuzzer:
    def __init__(self, options):
        self.options = options
        self.findings = []
        self.signatures = collections.Counter()
        self.calls = 0
        os.makedirs(options.out, exist_ok=True)

    def log(self, text):
        if not self.options.quiet:
            print(text, flush=True)

    def record(self, kind, index, detail, stderr="", extra_indices=(), program=None):
        program = program or generate(self.options.seed, index, self.options.families, self.options.avoid)
        signature = finding_signature(kind, program, detail)
        self.signatures[signature] += 1
        note = f"{kind}: {detail}\n" + (f"stderr:\n{stderr}" if stderr else "")
        if extra_indices:
            script = combined_script(self.options, list(extra_indices) + [index], note)
        else:
            script = program.script(note)
        path = os.path.join(self.options.out, f"{kind}-s{self.options.seed}-{index}.py")
        if self.signatures[signature] <= self.options.keep_per_signature:
            with open(path, "w") as f:
                f.write(script)
        else:
            path = "(not saved: same signature as an earlier finding)"
        self.findings.append((kind, index, program.family, detail, path))
        self.log(f"  {kind} at call {index} ({program.family}): {detail}\n    {path}")
        if self.options.verbose:
            self.log(script)

    def triage_death(self, worker):
        """Finds the call that killed `worker`: the one in flight, run alone; failing that, the
        shortest run of calls before it that still kills."""
        index = worker.in_flight
        if index is None:
            self.record("crash", worker.done[-1] if worker.done else worker.indices[0],
                        f"{describe_exit(worker.process.returncode)} between calls",
                        worker.stderr_tail())
            return
        exit_text = describe_exit(worker.process.returncode)
        died, how, tail = run_alone(self.options, [index], self.options.call_timeout + 30)
        if died:
            program = generate(self.options.seed, index, self.options.families, self.options.avoid)
            signature = finding_signature("crash", program, exit_text)
            if how != "hang" and self.signatures[signature] < self.options.keep_per_signature:
                program = shrink(self.options, program, how)
            self.record("crash", index, f"{exit_text}; alone: {how}", tail or worker.stderr_tail(),
                        program=program)
            return
        position = worker.indices.index(index)
        for back in (1, 4, 16, 64, position):
            prefix = worker.indices[max(0, position - back):position]
            died, how, tail = run_alone(self.options, prefix + [index], self.options.call_timeout * 4 + 60)
            if died:
                self.record("crash", index, f"{exit_text}; needs the {len(prefix)} calls before it: {how}",
                            tail, extra_indices=prefix)
                return
            if back >= position:
                break
        self.record("crash", index, f"{exit_text}; not reproduced when re-run (flaky)", worker.stderr_tail())

    def run(self):
        options = self.options
        begin = time.monotonic()
        stop_at = begin + options.time if options.time else None
        pending = collections.deque()  # batches of indices still to run
        next_index = options.start
        limit = options.start + options.calls if options.calls else None
        workers = {}
        selector = selectors.DefaultSelector()
        next_progress = begin + options.progress
        while True:
            out_of_time = stop_at is not None and time.monotonic() >= stop_at
            while not out_of_time and len(workers) < options.jobs:
                if pending:
                    batch = pending.popleft()
                elif limit is None or next_index < limit:
                    end = next_index + options.batch if limit is None else min(limit, next_index + options.batch)
                    batch = list(range(next_index, end))
                    next_index = end
                else:
                    break
                worker = Worker(options, batch)
                workers[worker.fd] = worker
                selector.register(worker.fd, selectors.EVENT_READ)
            if not workers:
                break
            for key, _ in selector.select(timeout=0.2):
                worker = workers[key.fd]
                if worker.read():
                    continue
                # End of the pipe: the worker exited, normally or not.
                selector.unregister(worker.fd)
                del workers[key.fd]
                worker.process.wait()
                self.finish(worker, pending)
            now = time.monotonic()
            if now >= next_progress:
                next_progress = now + options.progress
                running = sum(len(w.done) for w in workers.values())
                self.log(f"  ... {self.calls + running} calls in {now - begin:.0f} s, "
                         f"{len(self.findings)} findings")
            for fd, worker in list(workers.items()):
                hung = worker.in_flight is not None and now - worker.started_at > options.call_timeout
                if hung or (stop_at is not None and now >= stop_at):
                    selector.unregister(worker.fd)
                    del workers[fd]
                    worker.kill()
                    if hung:
                        self.calls += len(worker.done)
                        self.report_findings(worker)
                        self.record("hang", worker.in_flight,
                                    f"still running after {options.call_timeout} s", worker.stderr_tail())
                        rest = worker.remaining()
                        if rest and not out_of_time:
                            pending.append(rest)
                    else:
                        self.calls += len(worker.done)
                        self.report_findings(worker)
                    worker.close()
        elapsed = time.monotonic() - begin
        return self.summary(elapsed)

    def report_findings(self, worker):
        for index, outcome, message in worker.findings:
            self.record(outcome, index, message)

    def finish(self, worker, pending):
        self.calls += len(worker.done)
        self.report_findings(worker)
        complete = worker.process.returncode == 0 and len(worker.done) == len(worker.indices)
        if not complete:
            self.triage_death(worker)
            rest = worker.remaining()
            if rest:
                pending.append(rest)
        worker.close()

    def summary(self, elapsed):
        counts = collections.Counter(kind for kind, *_ in self.findings)
        rate = self.calls / elapsed if elapsed else 0.0
        if self.signatures:
            self.log("findings by kind, family and message:")
            for (kind, family, detail), n in self.signatures.most_common():
                self.log(f"  {n:5d}  {kind:11s} {family:12s} {detail}")
        print(f"fuzz: seed {self.options.seed}, {self.calls} calls in {elapsed:.0f} s "
              f"({rate:.0f} calls/s, {self.options.jobs} jobs): {counts['crash']} crashes, "
              f"{counts['hang']} hangs, {counts['panic']} panics, {counts['borrow']} borrow errors, "
              f"{counts['systemerror']} system errors"
              + (f", {counts['mismatch']} mismatches with NumPy" if counts["mismatch"] else ""), flush=True)
        return 1 if self.findings else 0


def finding_signature(kind, program, detail):
    """Findings with one signature are one bug, most likely: only the first few are saved."""
    what = f"{call_name(program.lines[-1])}: {detail.split(' at 0x')[0].split(';')[0]}"
    return kind, program.family, what[:90]


def call_name(line):
    """What a call line calls, for grouping findings: `ap.add`, a method, an operator, `[]`
    (for a differential check: the operation it names)."""
    checked = re.search(r"^check\(.*what='([^']*)'", line)
    if checked:
        return checked.group(1)
    match = re.search(r"^(?!check\b)(\w+)\(|\bap\.(\w+)\(|\.(\w+)\(|\.(\w+) = |(\[)|\s(\S+=?)\s", line)
    return next((g for g in match.groups() if g), "?") if match else "?"


def combined_script(options, indices, note):
    """One script running several calls in order (for a crash that needs earlier calls)."""
    programs = [generate(options.seed, i, options.families, options.avoid) for i in indices]
    used = set().union(*(p.helpers for p in programs))
    parts = [f"# arrpy fuzz reproducer: seed {options.seed}, calls {indices}\n"]
    parts += [f"# {line}\n" for line in note.splitlines()]
    parts += [PRELUDE, "".join(HELPERS[n] for n in HELPERS if n in used), "\n"]
    for p in programs:
        body = "".join(f"    {line}\n" for line in p.body.splitlines())
        parts.append(f"try:  # call {p.index} ({p.family})\n{body}except Exception:\n    pass\n")
    return "".join(parts)


def parse(argv):
    parser = argparse.ArgumentParser(prog="python -m tools.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=None, help="default: from the clock")
    parser.add_argument("--calls", type=int, default=0, help="stop after this many calls")
    parser.add_argument("--time", type=float, default=0, help="stop after this many seconds")
    parser.add_argument("--start", type=int, default=0, help="first call index")
    parser.add_argument("--batch", type=int, default=5000, help="calls per worker process")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--families", default=",".join(FAMILIES),
                        help=f"comma-separated subset of: {','.join(FAMILIES)}")
    parser.add_argument("--differential", action="store_true",
                        help=f"compare with NumPy instead: families {','.join(DIFFERENTIAL)}")
    parser.add_argument("--exclude", default="", help="families to leave out")
    parser.add_argument("--avoid", default="", help="generator tags to leave out (see known.py)")
    parser.add_argument("--avoid-known", action="store_true",
                        help="leave out every trigger and family known to fail on main (known.py)")
    parser.add_argument("--call-timeout", type=float, default=10.0)
    parser.add_argument("--memory-gib", type=float, default=2.0,
                        help="address-space limit per worker: larger results fail at once (MemoryError)")
    parser.add_argument("--out", default=os.path.join(ROOT, "fuzz-crashes"))
    parser.add_argument("--keep-per-signature", type=int, default=3)
    parser.add_argument("--show", type=int, nargs="*", help="print the programs of these calls")
    parser.add_argument("--progress", type=float, default=60.0, help="seconds between progress lines")
    parser.add_argument("--verbose", action="store_true", help="print each reproducer")
    parser.add_argument("--quiet", action="store_true")
    options = parser.parse_args(argv)
    if options.seed is None:
        options.seed = int(time.time())
    if options.differential:
        options.families = ",".join(DIFFERENTIAL)
    excluded = set(filter(None, options.exclude.split(",")))
    if options.avoid_known:
        excluded |= set(KNOWN_FAMILIES)
    options.families = [f for f in options.families.split(",") if f and f not in excluded]
    unknown = [f for f in options.families if f not in FAMILIES and f not in DIFFERENTIAL]
    if unknown:
        parser.error(f"unknown families {unknown}; known: {list(FAMILIES) + list(DIFFERENTIAL)}")
    avoid = set(filter(None, options.avoid.split(",")))
    if options.avoid_known:
        avoid |= set(KNOWN)
    options.avoid = sorted(avoid)
    if not options.calls and not options.time and options.show is None:
        options.time = 60
    return options


def main(argv=None):
    options = parse(argv)
    if options.show is not None:
        for index in options.show:
            print(generate(options.seed, index, options.families, frozenset(options.avoid)).script())
        return 0
    limits = []
    if options.calls:
        limits.append(f"{options.calls} calls")
    if options.time:
        limits.append(f"{options.time:.0f} s")
    print(f"fuzz: seed {options.seed}, {' or '.join(limits)}, {options.jobs} jobs, "
          f"families {','.join(options.families)}"
          + (f", avoiding {','.join(options.avoid)}" if options.avoid else ""), flush=True)
    options.avoid = frozenset(options.avoid)
    return Fuzzer(options).run()
