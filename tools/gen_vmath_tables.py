"""Derives the constants of the table-driven float64 log and exp (crates/arrpy-core/src/vmath/
log_table.rs and exp_table.rs).

    .venv/bin/python tools/gen_vmath_tables.py      # needs mpmath; prints the Rust constants

log: x = 2^k * z with z in [0.703125, 1.40625); the top four mantissa bits of (x - OFF) pick one of 16
subintervals of z, each with a point c near its middle; log x = k ln2 + log c + log1p(r),
r = z/c - 1 = z*invc - 1. The subinterval holding 1 has c = 1 exactly (no cancellation near
x = 1). invc is searched near 1/c so that log c is within 1e-3 ulp of a double; log1p(r) - r is
r^2 * P(r) with P of degree 7 fitted with mpmath's chebyfit over the reachable r.

exp: x = (16k + j) ln2/16 + r, |r| <= ln2/32; e^x = 2^k * 2^(j/16) * e^r with 2^(j/16) as a
double-double (T_HI + T_LO) and e^r - 1 - r = r^2 * Q(r), Q of degree 5 (chebyfit).
"""
import struct

import mpmath as mp

mp.mp.prec = 200
OFF = 0x3FE6800000000000
N = 16


def b2f(b):
    return struct.unpack("<d", struct.pack("<Q", b))[0]


def f2b(f):
    return struct.unpack("<Q", struct.pack("<d", f))[0]


def best_invc(zlo, zhi):
    if zlo <= 1.0 < zhi:
        return 1.0
    ic0 = float(2 / (mp.mpf(zlo) + mp.mpf(zhi)))
    best = None
    # Steps of ~2^-31 relative: unit steps move log(invc) by a fixed fraction of its ulp, the
    # second-order term of these larger ones moves the rounding error of log c around.
    for j in range(-3000, 3001):
        ic = b2f(f2b(ic0) + j * 2097143)
        lc = -mp.log(mp.mpf(ic))
        err = abs(lc - mp.mpf(float(lc))) / abs(lc)
        if best is None or err < best[0]:
            best = (err, ic)
    return best[1]


def log_tables():
    invc, logc = [], []
    rmin = rmax = mp.mpf(0)
    for i in range(N):
        zlo, zhi = b2f(OFF + i * (1 << 48)), b2f(OFF + (i + 1) * (1 << 48))
        ic = best_invc(zlo, zhi)
        invc.append(ic)
        logc.append(float(-mp.log(mp.mpf(ic))))
        for z in (zlo, zhi):
            r = mp.mpf(z) * ic - 1
            rmin, rmax = min(rmin, r), max(rmax, r)
    g = lambda r: (mp.log1p(r) - r) / r**2 if r != 0 else mp.mpf(-0.5)
    poly, err = mp.chebyfit(g, [rmin * 1.001, rmax * 1.001], 8, error=True)
    coeffs = [float(c) for c in reversed(poly)]
    hexs = lambda xs: ", ".join(f"0x{f2b(x):016x}" for x in xs)
    print(f"// r in [{float(rmin):.6f}, {float(rmax):.6f}]; |P - fit| < {float(err):.2e}")
    print(f"const INVC: [u64; {N}] = [{hexs(invc)}];")
    print(f"const LOGC: [u64; {N}] = [{hexs(logc)}];")
    print(f"const P: [u64; 8] = [{hexs(coeffs)}];")


def exp_tables():
    n = 16
    t_hi = [float(mp.mpf(2) ** (mp.mpf(j) / n)) for j in range(n)]
    t_lo = [float(mp.mpf(2) ** (mp.mpf(j) / n) - mp.mpf(t_hi[j])) for j in range(n)]
    r_max = mp.log(2) / (2 * n) * mp.mpf(1.002)
    g = lambda r: (mp.exp(r) - 1 - r) / r**2 if r != 0 else mp.mpf(0.5)
    poly = mp.chebyfit(g, [-r_max, r_max], 6)
    coeffs = [float(c) for c in reversed(poly)]
    worst = max(
        abs(1 + r + r * r * sum(mp.mpf(c) * r**i for i, c in enumerate(coeffs)) - mp.exp(r))
        / mp.exp(r)
        for r in (r_max * i / 400 for i in range(-400, 401))
    )
    hexs = lambda xs: ", ".join(f"0x{f2b(x):016x}" for x in xs)
    print(f"// |r| <= {float(r_max):.6f}; relative error of 1 + r + r^2 Q: {float(worst):.2e}")
    print(f"const T_HI: [u64; {n}] = [{hexs(t_hi)}];")
    print(f"const T_LO: [u64; {n}] = [{hexs(t_lo)}];")
    print(f"const Q: [u64; 6] = [{hexs(coeffs)}];")


def main():
    log_tables()
    exp_tables()


if __name__ == "__main__":
    main()
