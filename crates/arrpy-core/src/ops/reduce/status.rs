//! The floating-point flags of the summing reductions, as NumPy reports them for its ufunc
//! methods: "overflow encountered in reduce" for a float sum, product or mean that overflowed,
//! "invalid value encountered in reduce" for one that met inf - inf (likewise "accumulate" for
//! the running sums and products). Found from the result: only a result holding a non-finite
//! value is classified, lane by lane, against counts of its lane's NaN and infinite inputs.

use crate::array::Array;
use crate::dtype::{DType, Scalar};
use crate::error::Result;
use crate::fp_status::{self, FpValue};
use crate::ops::elementwise::{unary, UnaryOp};
use crate::ops::reduce::table::{self, ReduceArgs};

/// Reports the flags of the reduction `name` of `a` into `result` (nothing for the other
/// reductions, or inputs that are not real floats); `mark`: `fp_status::mark()` before it ran.
pub(crate) fn report_flags(
    name: &str,
    a: &Array,
    args: &ReduceArgs,
    result: &Array,
    mark: usize,
) -> Result<()> {
    let (method, counts) = match name {
        "sum" | "prod" | "mean" | "nansum" | "nanprod" | "nanmean" => ("reduce", "sum"),
        "cumsum" | "cumprod" | "nancumsum" | "nancumprod" => ("accumulate", "cumsum"),
        "cumulative_sum" | "cumulative_prod" => ("accumulate", "cumulative_sum"),
        _ => return Ok(()),
    };
    let float = |d: DType| matches!(d, DType::Float32 | DType::Float64);
    if name == "mean" && a.size() == 0 && float(result.dtype()) && result.size() != 0 {
        // Every lane is empty: NumPy's 0 / 0 after its "Mean of empty slice", named as NumPy's
        // `_mean` names it (a float64 scalar's division; an array's otherwise), in place of
        // the "divide" the division by the count reported.
        fp_status::discard_since(mark);
        let scalar = result.ndim() == 0 && result.dtype() == DType::Float64;
        let divide = if scalar { "scalar divide" } else { "divide" };
        fp_status::report(divide, fp_status::INVALID);
        return Ok(());
    }
    if !float(a.dtype()) || !float(result.dtype()) || all_finite(result)? {
        return Ok(());
    }
    // Per lane (in the result's shape): how many NaN and how many infinite inputs it holds.
    let Some(counts) = table::find(counts) else {
        return Ok(());
    };
    let args = ReduceArgs {
        dtype: None,
        ddof: None,
        correction: None,
        ..args.clone()
    };
    let nans = counts.call(&unary(UnaryOp::Isnan, a, None)?, &args)?.array;
    let infs = counts.call(&unary(UnaryOp::Isinf, a, None)?, &args)?.array;
    let mut flags = 0;
    let values = result.to_scalars()?;
    for ((v, n), i) in values
        .iter()
        .zip(nans.to_scalars()?)
        .zip(infs.to_scalars()?)
    {
        let v = v.as_f64();
        let (has_nan, has_inf) = (n.as_f64() != 0.0, i.as_f64() != 0.0);
        if v.is_nan() && !has_nan {
            flags |= fp_status::INVALID;
        } else if v.is_infinite() && !has_nan && !has_inf {
            flags |= fp_status::OVERFLOW;
        }
    }
    fp_status::report(method, flags);
    Ok(())
}

/// Whether every element of the float array `a` is finite: a vectorized count where `a` is
/// contiguous (results are), else element by element.
fn all_finite(a: &Array) -> Result<bool> {
    if a.is_c_contiguous() {
        // SAFETY: a C-contiguous array of `size` elements of its dtype.
        let bad = unsafe {
            match a.dtype() {
                DType::Float32 => f32::count_non_finite(std::slice::from_raw_parts(
                    a.data_ptr().cast::<f32>(),
                    a.size(),
                )),
                _ => f64::count_non_finite(std::slice::from_raw_parts(
                    a.data_ptr().cast::<f64>(),
                    a.size(),
                )),
            }
        };
        return Ok(bad == 0);
    }
    Ok(a.to_scalars()?.iter().all(|v| match v {
        Scalar::Float(x) => x.is_finite(),
        _ => true,
    }))
}
