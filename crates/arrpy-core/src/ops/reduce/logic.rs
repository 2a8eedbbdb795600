//! Truth reductions: any, all (bool results) and count_nonzero (int64). An element is true when
//! it is non-zero (NaN is true), as NumPy's `x != 0`. They run on the shared reduction driver
//! (`ops::reduce`), so they have its inner/outer strategies and tiers.

use crate::array::Array;
use crate::dtype::element::CastTo;
use crate::dtype::DType;
use crate::error::Result;
use crate::kernels::reducer::Reducer;
use crate::ops::reduce::{reduce_with, run_reduce, table};
use crate::optable::OpInfo;
use crate::with_dtype;
use std::marker::PhantomData;

macro_rules! truth_reducer {
    ($name:ident, $acc:ty, $identity:expr, |$x:ident| $convert:expr, |$a:ident, $b:ident| $combine:expr, |$s:ident| $settled:expr) => {
        #[derive(Clone, Copy)]
        struct $name<T>(PhantomData<fn() -> T>);
        impl<T: CastTo<bool> + Copy> Reducer<T, $acc> for $name<T> {
            const EXACT: bool = true;
            #[inline(always)]
            fn settled(&self, $s: $acc) -> bool {
                $settled
            }
            #[inline(always)]
            fn identity(&self) -> $acc {
                $identity
            }
            #[inline(always)]
            fn convert(&self, $x: T) -> $acc {
                $convert
            }
            #[inline(always)]
            fn combine(&self, $a: $acc, $b: $acc) -> $acc {
                $combine
            }
        }
    };
}
truth_reducer!(AnyR, bool, false, |x| x.cast(), |a, b| a | b, |acc| acc);
truth_reducer!(AllR, bool, true, |x| x.cast(), |a, b| a & b, |acc| !acc);
truth_reducer!(
    CountR,
    i64,
    0,
    |x| CastTo::<bool>::cast(x) as i64,
    |a, b| a + b,
    |_acc| false
);

// Each `_as` form runs as the op `info` (a row of `ops::reduce::table`, or the caller's); the
// plain forms run as their own rows.

/// Whether any element along `axes` is true, as the `any` row.
pub fn any(a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    any_as(&table::ANY.info, a, axes, keepdims)
}

/// Whether every element along `axes` is true, as the `all` row.
pub fn all(a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    all_as(&table::ALL.info, a, axes, keepdims)
}

/// The number of non-zero elements along `axes`, as the `count_nonzero` row.
pub fn count_nonzero(a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    count_nonzero_as(&table::COUNT_NONZERO.info, a, axes, keepdims)
}

/// Whether any element along `axes` is true (False for an empty reduction).
pub fn any_as(info: &OpInfo, a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    reduce_with(
        info,
        a,
        axes,
        keepdims,
        DType::Bool,
        |exec, a, mask, out| with_dtype!(a.dtype(), T => run_reduce(exec, a, mask, out, AnyR::<T>(PhantomData))),
    )
}

/// Whether every element along `axes` is true (True for an empty reduction).
pub fn all_as(info: &OpInfo, a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    reduce_with(
        info,
        a,
        axes,
        keepdims,
        DType::Bool,
        |exec, a, mask, out| with_dtype!(a.dtype(), T => run_reduce(exec, a, mask, out, AllR::<T>(PhantomData))),
    )
}

/// The number of non-zero elements along `axes`, as int64.
pub fn count_nonzero_as(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array> {
    reduce_with(
        info,
        a,
        axes,
        keepdims,
        DType::Int64,
        |exec, a, mask, out| with_dtype!(a.dtype(), T => run_reduce(exec, a, mask, out, CountR::<T>(PhantomData))),
    )
}
