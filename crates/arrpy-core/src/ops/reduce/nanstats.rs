//! nanvar and nanstd: the spread of the elements that are not NaN, as NumPy's `nanvar` computes
//! it: count and sum of the non-NaN elements, their mean, the squared deviations (NaN stays NaN
//! and is then counted as zero), their sum divided by `count - ddof`. A slice with
//! `count - ddof <= 0` (all NaN, or too few) is NaN and NumPy warns. Integer and bool inputs have
//! no NaN: they are `var`/`std`. The sums run on the reduction driver as the op `info`.

use crate::array::Array;
use crate::dtype::element::CastTo;
use crate::dtype::DType;
use crate::error::Result;
use crate::ops::cast::astype;
use crate::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use crate::ops::reduce::nan::{nansum, with_inexact, NotNanR};
use crate::ops::reduce::stats::{var, var_work_dtype, VarAcc, VarResult};
use crate::ops::reduce::{reduce_with, run_reduce};
use crate::optable::OpInfo;
use std::marker::PhantomData;

/// Variance (or, `sqrt`, standard deviation) of the non-NaN elements along `axes`.
pub fn nanvar(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
    ddof: f64,
    sqrt: bool,
) -> Result<VarResult> {
    if !a.dtype().is_inexact() {
        return var(info, a, axes, keepdims, dtype, ddof, sqrt);
    }
    if !ddof.is_finite() {
        return Err(crate::error::Error::Value(format!(
            "ddof must be a finite number, got {ddof}"
        )));
    }
    let work = var_work_dtype(a.dtype(), dtype)?;
    let count = reduce_with(
        info,
        a,
        axes,
        true,
        DType::Int64,
        |exec, a, mask, out| with_inexact!(a.dtype(), T => run_reduce(exec, a, mask, out, NotNanR::<T, i64>(PhantomData))),
    )?;
    let mean = nansum(info, a, axes, true, Some(work))?.array;
    // As NumPy's true_divide(sum, count, out=sum, casting='unsafe').
    let mean = binary(BinaryOp::Divide, &mean, &astype(&count, work)?, Some(&mean))?;
    let dev = binary(BinaryOp::Subtract, &astype(a, work)?, &mean, None)?;
    let squares = if work.is_complex() {
        let conj = unary(UnaryOp::Conj, &dev, None)?;
        unary(
            UnaryOp::Real,
            &binary(BinaryOp::Multiply, &dev, &conj, None)?,
            None,
        )?
    } else {
        binary(BinaryOp::Multiply, &dev, &dev, None)?
    };
    let total = nansum(info, &squares, axes, keepdims, None)?.array;
    let counts = count.to_vec::<i64>()?;
    let dof_warning = counts.iter().any(|&c| c as f64 - ddof <= 0.0);
    let array = match total.dtype() {
        DType::Float32 => finish::<f32>(&total, &counts, ddof, sqrt),
        _ => finish::<f64>(&total, &counts, ddof, sqrt),
    }?;
    // As var: a requested dtype is the result's (complex, for complex input).
    let array = match dtype {
        Some(d) if d != array.dtype() => astype(&array, d)?,
        _ => array,
    };
    Ok(VarResult { array, dof_warning })
}

/// `ssd / dof` per output element in float64 (NumPy divides by the integer count), NaN where
/// `dof <= 0`, cast back, then the square root in the result's type for nanstd.
fn finish<R: VarAcc<Real = R> + CastTo<f64>>(
    total: &Array,
    counts: &[i64],
    ddof: f64,
    sqrt: bool,
) -> Result<Array> {
    let values: Vec<R> = total
        .to_vec::<R>()?
        .into_iter()
        .zip(counts)
        .map(|(ssd, &c)| {
            let dof = c as f64 - ddof;
            let v = R::real_from_f64(if dof <= 0.0 {
                f64::NAN
            } else {
                ssd.cast() / dof
            });
            if sqrt {
                R::sqrt(v)
            } else {
                v
            }
        })
        .collect();
    Array::from_vec(values, total.shape())
}
