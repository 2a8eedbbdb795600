//! Memory overlap, judged by the bytes two views address (NumPy's `mem_overlap.c`), never by
//! which buffer they came through: an arrpy array and a NumPy, memoryview, `__array_interface__`
//! or DLPack view of its memory are different buffers over the same bytes.
//!
//! - [`may_share_memory`]: whether the byte extents `[lo, hi)` intersect (cheap, conservative).
//! - [`shares_memory`]: whether some byte lies in an element of both, exactly. Two strided views
//!   overlap iff a bounded linear Diophantine equation `Σ a_i·x_i = rhs, 0 ≤ x_i ≤ ub_i` has a
//!   solution; it is solved by an iterative search with a work bound.
//! - [`may_overlap_itself`]: whether two elements of one view may share a byte (a stride-0 or
//!   otherwise self-overlapping writeable view from NumPy's `as_strided`). Such a destination is
//!   written once, by one thread, in C order, from a finished result: the last write wins as in
//!   NumPy, and no two threads ever store to the same byte.
//! - [`must_copy_before_write`]: the rule every writing path uses (`out=`, in-place operators,
//!   assignment): a source overlapping the destination is copied first unless it addresses
//!   exactly the destination's elements (then each element is read before it is written).

use crate::array::Array;

/// The exact answer would take more than the allowed work (NumPy's `TooHardError`).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct TooHard;

/// Candidate steps the writing paths spend on the exact question before assuming overlap (and
/// copying, which is always correct). Interleaved 1-d views (`a[::2]`, `a[1::2]`) cost none.
const WRITE_CHECK_WORK: u64 = 256;

/// Whether the byte extents of `a` and `b` intersect. Empty arrays address no memory.
pub fn may_share_memory(a: &Array, b: &Array) -> bool {
    match (a.byte_extent(), b.byte_extent()) {
        (Some((lo_a, hi_a)), Some((lo_b, hi_b))) => lo_a < hi_b && lo_b < hi_a,
        _ => false,
    }
}

/// Whether some byte lies in an element of both `a` and `b`. `max_work` bounds the candidate
/// steps of the search (None: no bound); past it the answer is `Err(TooHard)`.
pub fn shares_memory(a: &Array, b: &Array, max_work: Option<u64>) -> Result<bool, TooHard> {
    let (Some((lo_a, hi_a)), Some((lo_b, hi_b))) = (a.byte_extent(), b.byte_extent()) else {
        return Ok(false);
    };
    if lo_a >= hi_b || lo_b >= hi_a {
        return Ok(false);
    }
    // An element of `a` starts at lo_a + Σ|s|·x and one of `b` ends at hi_b - 1 - Σ|s|·y
    // (counting b's steps from its far end); they share byte k of a's and byte k' of b's element
    // iff Σ|s_a|·x + k + Σ|s_b|·y + k' = hi_b - 1 - lo_a. The mirrored equation from b's start
    // has the same terms, so the smaller right-hand side is taken.
    let rhs = (hi_b - 1 - lo_a).min(hi_a - 1 - lo_b) as u128;
    let mut terms = Vec::with_capacity(2 * (a.ndim() + b.ndim() + 1));
    for x in [a, b] {
        terms.push(Term {
            a: 1,
            ub: x.itemsize() as u128 - 1,
        });
        for (&d, &s) in x.shape().iter().zip(x.strides()) {
            terms.push(Term {
                a: s.unsigned_abs() as u128,
                ub: d as u128 - 1,
            });
        }
    }
    solve(terms, rhs, max_work)
}

/// Whether writing `dst` element by element while reading `src` (broadcast to `dst`'s shape)
/// could read a byte already written, so that `src` must be copied first. False when they share
/// no byte, or when `src` addresses exactly `dst`'s elements (the in-place case).
pub fn must_copy_before_write(dst: &Array, src: &Array) -> bool {
    if !may_share_memory(dst, src) || same_elements(dst, src) {
        return false;
    }
    shares_memory(dst, src, Some(WRITE_CHECK_WORK)) != Ok(false)
}

/// Whether `dst` and `src` may share a byte, even when `src` addresses exactly `dst`'s elements
/// (a false alarm past the work bound only costs a copy). The rule for ops whose output
/// elements each read many input elements (matmul): there an input must be read whole before
/// the first write to memory it occupies.
pub fn may_share_bytes(dst: &Array, src: &Array) -> bool {
    may_share_memory(dst, src) && shares_memory(dst, src, Some(WRITE_CHECK_WORK)) != Ok(false)
}

/// Whether two different elements of `a` may share a byte (conservative: true can be a false
/// alarm, false is certain). Axes of length > 1, taken from the smallest step up, must each step
/// past everything the axes inside them reach; that is NumPy's check for "no internal overlap"
/// before it tries the exact solver, and a false alarm only costs a copy.
pub fn may_overlap_itself(a: &Array) -> bool {
    if a.size() <= 1 {
        return false;
    }
    let mut steps: smallvec::SmallVec<[(usize, usize); 8]> = a
        .shape()
        .iter()
        .zip(a.strides())
        .filter(|(&d, _)| d > 1)
        .map(|(&d, &s)| (s.unsigned_abs(), d))
        .collect();
    steps.sort_unstable();
    let mut reach = a.itemsize();
    for (step, len) in steps {
        if step < reach {
            return true;
        }
        reach = step.saturating_mul(len - 1).saturating_add(reach);
    }
    false
}

/// Whether `src` broadcast to `dst`'s shape addresses the very elements of `dst` in the same
/// order (same first address, item size and strides on every axis longer than 1).
fn same_elements(dst: &Array, src: &Array) -> bool {
    if dst.data_ptr() != src.data_ptr() || dst.itemsize() != src.itemsize() {
        return false;
    }
    let Ok(strides) = src.strides_for(dst.shape()) else {
        return false;
    };
    dst.shape()
        .iter()
        .zip(dst.strides().iter().zip(&strides))
        .all(|(&d, (s, t))| d <= 1 || s == t)
}

/// One unknown `x` of `Σ a·x = rhs`, with `0 ≤ x ≤ ub`.
#[derive(Copy, Clone, Debug)]
struct Term {
    a: u128,
    ub: u128,
}

/// Whether `Σ a_i·x_i = rhs` has a solution with `0 ≤ x_i ≤ ub_i`, spending at most `max_work`
/// candidate values. Terms are searched largest coefficient first, depth first with an explicit
/// stack (depth is the number of terms, at most two per dimension plus two); each level visits
/// only the values of its unknown that leave a remainder the later terms can still reach (in
/// range, divisible by their gcd); the last two unknowns are solved in closed form.
fn solve(terms: Vec<Term>, rhs: u128, max_work: Option<u64>) -> Result<bool, TooHard> {
    let terms = simplify(terms, rhs);
    let n = terms.len();
    match n {
        0 => return Ok(rhs == 0),
        1 => return Ok(rhs % terms[0].a == 0 && rhs / terms[0].a <= terms[0].ub),
        _ => {}
    }
    // reach[i]: the largest sum terms i.. can make; gcd[i]: the gcd of their coefficients.
    let mut reach = vec![0u128; n + 1];
    let mut gcds = vec![0u128; n + 1];
    for i in (0..n).rev() {
        reach[i] = reach[i + 1].saturating_add(terms[i].a.saturating_mul(terms[i].ub));
        gcds[i] = gcd(terms[i].a, gcds[i + 1]);
    }
    // Levels 0..n-2 enumerate their unknown; level n-2 hands the last two to `solve_two`.
    let levels = n - 2;
    if levels == 0 {
        return Ok(solve_two(terms[0], terms[1], rhs));
    }
    // Per level: the remainder it must make, and its candidates still to try.
    let mut remainder = vec![0u128; levels];
    let mut pending: Vec<Option<Candidates>> = vec![None; levels];
    let mut work = 0u64;
    remainder[0] = rhs;
    pending[0] = candidates(&terms, &reach, &gcds, 0, rhs);
    let mut level = 0usize;
    loop {
        let Some(c) = pending[level] else {
            if level == 0 {
                return Ok(false);
            }
            level -= 1;
            continue;
        };
        work += 1;
        if max_work.is_some_and(|m| work > m) {
            return Err(TooHard);
        }
        let x = c.next;
        pending[level] = x
            .checked_sub(c.step)
            .filter(|&y| y >= c.lo)
            .map(|next| Candidates { next, ..c });
        let rest = remainder[level] - terms[level].a * x;
        if level + 1 == levels {
            if solve_two(terms[levels], terms[levels + 1], rest) {
                return Ok(true);
            }
        } else {
            level += 1;
            remainder[level] = rest;
            pending[level] = candidates(&terms, &reach, &gcds, level, rest);
        }
    }
}

/// Merges terms of equal coefficient, drops those that can only be 0, caps each bound at what
/// `rhs` allows, and orders by decreasing coefficient.
fn simplify(mut terms: Vec<Term>, rhs: u128) -> Vec<Term> {
    terms.retain(|t| t.a > 0 && t.ub > 0 && t.a <= rhs);
    terms.sort_by(|x, y| y.a.cmp(&x.a));
    let mut merged: Vec<Term> = Vec::with_capacity(terms.len());
    for t in terms {
        match merged.last_mut() {
            Some(last) if last.a == t.a => last.ub = last.ub.saturating_add(t.ub),
            _ => merged.push(t),
        }
    }
    for t in &mut merged {
        t.ub = t.ub.min(rhs / t.a);
    }
    merged
}

/// The values of one unknown still to try, from `next` down to `lo` by `step`.
#[derive(Copy, Clone, Debug)]
struct Candidates {
    next: u128,
    lo: u128,
    step: u128,
}

/// The values of unknown `i` that leave a remainder of `r` the terms after `i` can make (at
/// most `reach[i+1]`, a multiple of `gcds[i+1]`): one residue class, largest first.
fn candidates(
    terms: &[Term],
    reach: &[u128],
    gcds: &[u128],
    i: usize,
    r: u128,
) -> Option<Candidates> {
    let t = terms[i];
    if r > reach[i] || r % gcds[i] != 0 {
        return None;
    }
    let hi = t.ub.min(r / t.a);
    // x ≥ lo keeps r - a·x ≤ reach[i+1].
    let lo = r.saturating_sub(reach[i + 1]).div_ceil(t.a);
    // a·x ≡ r (mod g): with d = gcd(a, g) dividing r (r is a multiple of gcds[i] = d), x is
    // fixed modulo g/d.
    let g = gcds[i + 1];
    let d = gcd(t.a, g);
    let step = g / d;
    let residue = if step == 1 {
        0
    } else {
        mul_mod((r / d) % step, mod_inverse((t.a / d) % step, step), step)
    };
    // The largest x ≤ hi with x ≡ residue (mod step).
    let next = hi.checked_sub((hi % step + step - residue) % step)?;
    (next >= lo).then_some(Candidates { next, lo, step })
}

/// Whether `p.a·x + q.a·y = c` has a solution with `0 ≤ x ≤ p.ub`, `0 ≤ y ≤ q.ub`, in closed
/// form: x runs over one residue class modulo `q.a/g`, and the bounds on y bound x.
fn solve_two(p: Term, q: Term, c: u128) -> bool {
    let g = gcd(p.a, q.a);
    if c % g != 0 {
        return false;
    }
    let (a, b, c) = (p.a / g, q.a / g, c / g);
    // y = (c - a·x) / b ∈ [0, q.ub] ⟺ x ≤ c/a and a·x ≥ c - b·q.ub.
    let hi = p.ub.min(c / a);
    let lo = c.saturating_sub(b.saturating_mul(q.ub)).div_ceil(a);
    if lo > hi {
        return false;
    }
    // a·x ≡ c (mod b).
    let residue = if b == 1 {
        0
    } else {
        mul_mod(c % b, mod_inverse(a % b, b), b)
    };
    let x = lo + (residue + b - lo % b) % b;
    x <= hi
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// `x·y mod m` without overflow (operands below `m`, which is below 2^127).
fn mul_mod(x: u128, y: u128, m: u128) -> u128 {
    if let Some(p) = x.checked_mul(y) {
        return p % m;
    }
    // Double-and-add; only reached for moduli beyond 2^64, which real strides never give.
    let (mut acc, mut x, mut y) = (0u128, x % m, y);
    while y > 0 {
        if y & 1 == 1 {
            acc = (acc + x) % m;
        }
        x = (x << 1) % m;
        y >>= 1;
    }
    acc
}

/// The inverse of `a` modulo `m` (gcd(a, m) = 1, m > 1), by the extended Euclidean algorithm.
fn mod_inverse(a: u128, m: u128) -> u128 {
    // Invariant: r_i ≡ s_i·a (mod m), with s tracked modulo m to stay unsigned.
    let (mut r0, mut r1) = (m, a % m);
    let (mut s0, mut s1) = (0u128, 1u128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        let qs = mul_mod(q % m, s1, m);
        (s0, s1) = (s1, (s0 + m - qs) % m);
    }
    s0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Brute force over every assignment.
    fn brute(terms: &[Term], rhs: u128) -> bool {
        fn go(terms: &[Term], rhs: u128) -> bool {
            match terms.split_first() {
                None => rhs == 0,
                Some((t, rest)) => (0..=t.ub).any(|x| {
                    t.a.checked_mul(x)
                        .is_some_and(|v| v <= rhs && go(rest, rhs - v))
                }),
            }
        }
        go(terms, rhs)
    }

    #[test]
    fn solver_matches_brute_force() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut rand = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as u128
        };
        for _ in 0..20_000 {
            let n = 1 + rand(5) as usize;
            let terms: Vec<Term> = (0..n)
                .map(|_| Term {
                    a: 1 + rand(24),
                    ub: rand(6),
                })
                .collect();
            let rhs = rand(120);
            assert_eq!(
                solve(terms.clone(), rhs, None),
                Ok(brute(&terms, rhs)),
                "{terms:?} = {rhs}"
            );
        }
    }

    #[test]
    fn modular_helpers() {
        assert_eq!(mod_inverse(3, 7), 5);
        assert_eq!(mod_inverse(10, 17) * 10 % 17, 1);
        let big = (1u128 << 100) + 7;
        assert_eq!(mul_mod(big - 1, big - 1, big), 1);
    }
}
