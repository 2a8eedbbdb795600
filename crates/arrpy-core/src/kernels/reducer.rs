//! The `Reducer` trait: one reduction as data for the kernels of every tier (how an element
//! enters the accumulator, how accumulators combine, and the hints the simd tier uses). Every
//! reduction of `ops::reduce` (sums, extrema, nan-, truth, arg- and spread statistics) is a
//! `Reducer` run by the one driver there; the tiers' loops (`reference::reduce`, `simd::reduce`,
//! `parallel::reduce`, the row accumulators) take any of them.

/// A reduction: how an element enters the accumulator type, and how accumulators combine.
pub trait Reducer<T, A>: Copy + Send + Sync {
    /// A plain min or max (NaN-propagating `combine`). On a NaN-free leaf such a combine is a
    /// compare-and-select: `replaces(acc, v)` says when `v` takes the accumulator's place.
    /// The simd tier uses that form, which vectorizes (vmaxpd-like) where the NaN-propagating
    /// one does not; on NaN-free data both pick the same element, so the bits agree.
    const EXTREMUM: bool = false;
    /// `combine` is exactly associative and commutative (integer or boolean): any order of
    /// combining gives the same bits, so the simd tier may use one plain accumulator.
    const EXACT: bool = false;
    fn identity(&self) -> A;
    fn convert(&self, x: T) -> A;
    fn combine(&self, a: A, b: A) -> A;
    #[inline(always)]
    fn replaces(&self, acc: A, v: A) -> bool {
        let _ = (acc, v);
        false
    }
    #[inline(always)]
    fn is_nan(&self, v: A) -> bool {
        let _ = v;
        false
    }
    /// An extremum that ignores NaN (nanmin/nanmax, identity NaN): the select form starts its
    /// lanes at `select_start()` (the infinity that loses to every number) and skips NaN by
    /// itself, so it needs no probe; a leaf that ends at `select_start()` (all NaN, or the
    /// extremum is that infinity) is redone in the exact form.
    const SKIPS_NAN: bool = false;
    #[inline(always)]
    fn select_start(&self) -> A {
        self.identity()
    }
    /// Whether `acc` already is the answer whatever else is combined into it (an absorbing
    /// value: true for any, false for all); exact reductions may then stop early.
    #[inline(always)]
    fn settled(&self, acc: A) -> bool {
        let _ = acc;
        false
    }
    /// Extrema return the last of the elements equal to their result (the sequential
    /// compare-and-select keeps the later of equal values, as NumPy's loops). The `LANES`
    /// accumulators of a leaf see equal elements out of order, which shows only for zeros
    /// (+0 == -0): when `zero_tie(total)`, the leaf takes the bits of its last element
    /// `equal` to `total` (`last_equal`), a backward scan that stops at the first zero it meets.
    #[inline(always)]
    fn zero_tie(&self, total: A) -> bool {
        let _ = total;
        false
    }
    #[inline(always)]
    fn equal(&self, a: A, b: A) -> bool {
        let _ = (a, b);
        false
    }
    /// A running NaN probe for extremum leaves, from `probe_start()`: for floats the plain sum,
    /// which turns NaN once a NaN went in (it never misses one) and otherwise only when +inf
    /// and -inf meet (a harmless false alarm). One add per element, carried beside the
    /// compare-and-select in the same vector pass.
    #[inline(always)]
    fn probe_start(&self) -> A {
        self.identity()
    }
    #[inline(always)]
    fn nan_probe(&self, probe: A, v: A) -> A {
        let _ = v;
        probe
    }
}
