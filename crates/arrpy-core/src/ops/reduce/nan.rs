//! NaN-ignoring reductions: nansum, nanprod, nanmean, nanmin, nanmax, with NumPy's semantics.
//! Integer and bool inputs have no NaN: they run the plain reductions. For float and complex
//! inputs NaN elements count as 0 (nansum) or 1 (nanprod), are left out of the count (nanmean) or are skipped
//! (nanmin/nanmax, whose identity is NaN so that an all-NaN slice stays NaN). The result says
//! whether NumPy would warn (an all-NaN slice), for the bindings to raise the RuntimeWarning.

use crate::array::Array;
use crate::dtype::element::{Arith, CastTo};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::kernels::reducer::Reducer;
use crate::kernels::Exec;
use crate::ops::reduce::{
    lanes_are_empty, reduce_as, reduce_with, reduced_count, run_reduce, ReduceOp,
};
use crate::optable::OpInfo;
use num_complex::{Complex32, Complex64};
use std::marker::PhantomData;

/// A result and whether a slice was all NaN (NumPy warns then).
pub struct NanResult {
    pub array: Array,
    pub all_nan_slice: bool,
}

macro_rules! nan_reducer {
    ($vis:vis $name:ident, |$x:ident| $convert:expr, |$a:ident, $b:ident| $combine:expr, $identity:expr) => {
        nan_reducer!(@row $vis $name, |$x| $convert, |$a, $b| $combine, $identity, );
    };
    // nanmin/nanmax: `$replaces` is the compare-and-select form (a NaN never replaces: complex
    // comparisons do not see NaN by themselves), `$start` its lanes' start.
    ($name:ident, |$x:ident| $convert:expr, |$a:ident, $b:ident| $combine:expr, $identity:expr,
     select |$acc:ident, $v:ident| $replaces:expr, from $start:expr) => {
        nan_reducer!(@row $name, |$x| $convert, |$a, $b| $combine, $identity,
            const EXTREMUM: bool = true;
            const SKIPS_NAN: bool = true;
            #[inline(always)]
            fn replaces(&self, $acc: A, $v: A) -> bool {
                $replaces
            }
            #[inline(always)]
            fn select_start(&self) -> A {
                $start
            }
            #[inline(always)]
            fn is_nan(&self, v: A) -> bool {
                A::is_nan(v)
            }
            #[inline(always)]
            fn zero_tie(&self, total: A) -> bool {
                A::SIGNED_ZEROS && A::is_eq(total, A::zero_pos())
            }
            #[inline(always)]
            fn equal(&self, a: A, b: A) -> bool {
                A::is_eq(a, b)
            }
        );
    };
    (@row $vis:vis $name:ident, |$x:ident| $convert:expr, |$a:ident, $b:ident| $combine:expr, $identity:expr, $($extra:tt)*) => {
        #[derive(Clone, Copy)]
        $vis struct $name<T, A>(pub(crate) PhantomData<fn() -> (T, A)>);
        impl<T: Arith + CastTo<A>, A: Arith> Reducer<T, A> for $name<T, A>
        where
            bool: CastTo<A>,
            f64: CastTo<A>,
        {
            const EXACT: bool = A::EXACT;
            #[inline(always)]
            fn identity(&self) -> A {
                $identity
            }
            #[inline(always)]
            fn convert(&self, $x: T) -> A {
                $convert
            }
            #[inline(always)]
            fn combine(&self, $a: A, $b: A) -> A {
                $combine
            }
            $($extra)*
        }
    };
}
// NaN becomes +0 (NumPy replaces it with 0 before summing).
nan_reducer!(
    NanSumR,
    |x| if T::is_nan(x) { false.cast() } else { x.cast() },
    |a, b| A::add(a, b),
    A::zero()
);
// NaN becomes 1 (NumPy replaces it with 1 before multiplying).
nan_reducer!(
    NanProdR,
    |x| if T::is_nan(x) { true.cast() } else { x.cast() },
    |a, b| A::mul(a, b),
    A::one()
);
// Count of non-NaN elements (A is i64).
nan_reducer!(
    pub(crate) NotNanR,
    |x| if T::is_nan(x) { A::zero() } else { A::one() },
    |a, b| A::add(a, b),
    A::zero()
);
// fmax / fmin: NaN loses to any number; the identity NaN survives only an all-NaN slice.
nan_reducer!(
    NanMaxR,
    |x| x.cast(),
    |a, b| if A::is_nan(b) {
        a
    } else if A::is_nan(a) {
        b
    } else {
        A::max(a, b)
    },
    f64::NAN.cast(),
    select |acc, v| if A::SIGNED_ZEROS { A::is_le(acc, v) } else { A::is_lt(acc, v) && !A::is_nan(v) },
    from A::lowest()
);
nan_reducer!(
    NanMinR,
    |x| x.cast(),
    |a, b| if A::is_nan(b) {
        a
    } else if A::is_nan(a) {
        b
    } else {
        A::min(a, b)
    },
    f64::NAN.cast(),
    select |acc, v| if A::SIGNED_ZEROS { A::is_le(v, acc) } else { A::is_lt(v, acc) && !A::is_nan(v) },
    from A::highest()
);

pub(crate) use crate::with_inexact;

/// Sum treating NaN as zero, run as the op `info`. `dtype=` as `sum`; accumulators other than
/// the input's own type, int64, uint64, float32/64 and complex64/128 sum in the input's type,
/// then cast.
pub fn nansum(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<NanResult> {
    nan_fold(info, ReduceOp::Sum, a, axes, keepdims, dtype)
}

/// Product treating NaN as one, run as the op `info`; `dtype=` as `nansum`.
pub fn nanprod(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<NanResult> {
    nan_fold(info, ReduceOp::Prod, a, axes, keepdims, dtype)
}

/// `sum` or `prod` (`op`) with NaN as the identity.
fn nan_fold(
    info: &OpInfo,
    op: ReduceOp,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<NanResult> {
    if !a.dtype().is_inexact() {
        return Ok(NanResult {
            array: reduce_as(info, op, a, axes, keepdims, dtype)?,
            all_nan_slice: false,
        });
    }
    let out_dt = ReduceOp::Sum.result_dtype(a.dtype(), dtype);
    let direct = matches!(
        out_dt,
        DType::Float32
            | DType::Float64
            | DType::Complex64
            | DType::Complex128
            | DType::Int64
            | DType::UInt64
    );
    let acc_dt = if direct { out_dt } else { a.dtype() };
    let array = reduce_with(info, a, axes, keepdims, acc_dt, |exec, a, mask, out| {
        with_inexact!(a.dtype(), T => match acc_dt {
            DType::Float64 => fold_into::<T, f64>(op, exec, a, mask, out),
            DType::Complex128 => fold_into::<T, Complex64>(op, exec, a, mask, out),
            DType::Float32 => fold_into::<T, f32>(op, exec, a, mask, out),
            DType::Complex64 => fold_into::<T, Complex32>(op, exec, a, mask, out),
            DType::Int64 => fold_into::<T, i64>(op, exec, a, mask, out),
            _ => fold_into::<T, u64>(op, exec, a, mask, out),
        })
    })?;
    let array = if acc_dt == out_dt {
        array
    } else {
        crate::ops::cast::astype(&array, out_dt)?
    };
    Ok(NanResult {
        array,
        all_nan_slice: false,
    })
}

fn fold_into<T, A>(op: ReduceOp, exec: Exec, a: &Array, mask: &[bool], out: &Array) -> Result<()>
where
    T: Arith + CastTo<A> + Sync,
    A: Arith,
    bool: CastTo<A>,
    f64: CastTo<A>,
{
    if op == ReduceOp::Prod {
        run_reduce(exec, a, mask, out, NanProdR::<T, A>(PhantomData))
    } else {
        run_reduce(exec, a, mask, out, NanSumR::<T, A>(PhantomData))
    }
}

/// Mean of the non-NaN elements, run as the op `info`; an all-NaN (or empty) slice gives NaN
/// and a warning.
pub fn nanmean(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<NanResult> {
    if !a.dtype().is_inexact() {
        // No NaN to skip: NumPy's nanmean is its mean, warnings included.
        let array = reduce_as(info, ReduceOp::Mean, a, axes, keepdims, dtype)?;
        return Ok(NanResult {
            array,
            all_nan_slice: lanes_are_empty(a, axes)?,
        });
    }
    if let Some(d) = dtype {
        if !d.is_inexact() {
            return Err(Error::Type(format!(
                "If a is inexact, then dtype must be inexact, got dtype={}",
                d.name()
            )));
        }
    }
    let out_dt = dtype.unwrap_or(a.dtype());
    let total = nansum(info, a, axes, keepdims, Some(out_dt))?.array;
    let count = reduce_with(
        info,
        a,
        axes,
        keepdims,
        DType::Int64,
        |exec, a, mask, out| with_inexact!(a.dtype(), T => run_reduce(exec, a, mask, out, NotNanR::<T, i64>(PhantomData))),
    )?;
    // NumPy divides the total by the int64 count in float64 / complex128, then casts back.
    let counts = count.to_vec::<i64>()?;
    let all_nan_slice = counts.iter().any(|&c| c == 0);
    with_inexact!(out_dt, A => {
        let mut values = total.to_vec::<A>()?;
        for (v, &c) in values.iter_mut().zip(&counts) {
            let wide: Complex64 = CastTo::<Complex64>::cast(*v);
            let q = <Complex64 as Arith>::div(wide, Complex64::new(c as f64, 0.0));
            *v = if out_dt.is_complex() { CastTo::<A>::cast(q) } else { CastTo::<A>::cast(wide.re / c as f64) };
        }
        let array = Array::from_vec(values, total.shape())?;
        Ok(NanResult { array, all_nan_slice })
    })
}

/// Min (`is_max` false) or max ignoring NaN, run as the op `info`; an all-NaN slice gives NaN
/// and a warning, an empty reduction raises as `min`/`max` do.
pub fn nanextremum(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    is_max: bool,
) -> Result<NanResult> {
    let op = if is_max { ReduceOp::Max } else { ReduceOp::Min };
    if !a.dtype().is_inexact() {
        return Ok(NanResult {
            array: reduce_as(info, op, a, axes, keepdims, None)?,
            all_nan_slice: false,
        });
    }
    let dt = a.dtype();
    let mut empty = false;
    let array = reduce_with(info, a, axes, keepdims, dt, |exec, a, mask, out| {
        if out.size() > 0 && reduced_count(a, mask) == 0 {
            empty = true;
            return Ok(());
        }
        with_inexact!(dt, T => if is_max {
            run_reduce(exec, a, mask, out, NanMaxR::<T, T>(PhantomData))
        } else {
            run_reduce(exec, a, mask, out, NanMinR::<T, T>(PhantomData))
        })
    })?;
    if empty {
        let name = if is_max { "fmax" } else { "fmin" };
        return Err(Error::Value(format!(
            "zero-size array to reduction operation {name} which has no identity"
        )));
    }
    let all_nan_slice = with_inexact!(dt, A => Ok::<bool, Error>(array.to_vec::<A>()?.into_iter().any(|v| <A as Arith>::is_nan(v))))?;
    Ok(NanResult {
        array,
        all_nan_slice,
    })
}
