//! Spread statistics: var, std (NumPy's two-pass algorithm) and ptp.
//!
//! var = Σ|x - mean|² / max(count - ddof, 0), with mean = Σx / count, as NumPy's `_var` computes
//! it. Both sums use the blocked pairwise order of `ops::reduce`, so every tier and thread count
//! gives the same bits. Where the reduced axes include the input's fastest one (every `axis=None`
//! reduction among them) the two passes are fused: each output element reads its block twice and
//! no temporary array is made. Otherwise (the fastest axis is kept) the squared deviations are
//! materialized in C order and reduced like a sum, which is NumPy's own data flow.

use crate::array::Array;
use crate::dtype::element::{Arith, CastTo};
use crate::dtype::{DType, Element, Kind};
use crate::error::{Error, Result};
use crate::iter::LoopPlan;
use crate::kernels::reducer::Reducer;
use crate::kernels::reference;
use crate::kernels::{current_tier, parallel, Exec, SendPtr};
use crate::layout::c_strides;
use crate::ops::reduce::{
    axes_mask, fastest_is_kept, inner_reduce, keep_dims, kept_shape, reduce_as, reduce_block,
    reduced_count, run_reduce, split_layout, ReduceOp, SumR,
};
use crate::optable::OpInfo;
use crate::with_dtype;
use num_complex::{Complex32, Complex64};
use std::marker::PhantomData;

/// The accumulator of a variance: the mean's type (real or complex) and its real part.
pub trait VarAcc: Arith + Element {
    type Real: Arith + Element + CastTo<Self::Real>;
    /// |x|², in the real type.
    fn abs2(self) -> Self::Real;
    fn from_f64(x: f64) -> Self;
    fn real_from_f64(x: f64) -> Self::Real;
    fn sqrt(x: Self::Real) -> Self::Real;
}

macro_rules! var_acc_real {
    ($($t:ty),*) => {$(
        impl VarAcc for $t {
            type Real = $t;
            #[inline(always)] fn abs2(self) -> $t { self * self }
            #[inline(always)] fn from_f64(x: f64) -> $t { x as $t }
            #[inline(always)] fn real_from_f64(x: f64) -> $t { x as $t }
            #[inline(always)] fn sqrt(x: $t) -> $t { x.sqrt() }
        }
    )*};
}
var_acc_real!(f32, f64);

macro_rules! var_acc_complex {
    ($($t:ty => $f:ty),*) => {$(
        impl VarAcc for $t {
            type Real = $f;
            #[inline(always)] fn abs2(self) -> $f { self.re * self.re + self.im * self.im }
            #[inline(always)] fn from_f64(x: f64) -> $t { <$t>::new(x as $f, 0.0) }
            #[inline(always)] fn real_from_f64(x: f64) -> $f { x as $f }
            #[inline(always)] fn sqrt(x: $f) -> $f { x.sqrt() }
        }
    )*};
}
var_acc_complex!(Complex32 => f32, Complex64 => f64);

/// Σ |x - mean|², in the real type.
#[derive(Clone, Copy)]
struct SqDevR<T, M> {
    mean: M,
    _t: PhantomData<fn() -> T>,
}
impl<T: CastTo<M> + Copy, M: VarAcc> Reducer<T, M::Real> for SqDevR<T, M> {
    #[inline(always)]
    fn identity(&self) -> M::Real {
        <M::Real as Arith>::zero()
    }
    #[inline(always)]
    fn convert(&self, x: T) -> M::Real {
        M::sub(x.cast(), self.mean).abs2()
    }
    #[inline(always)]
    fn combine(&self, a: M::Real, b: M::Real) -> M::Real {
        <M::Real as Arith>::add(a, b)
    }
}

/// What a variance computes in: `dtype=` if given (it must be inexact), else the input's dtype
/// when inexact, else float64 (NumPy's rule). Complex input needs a complex working dtype.
pub fn var_work_dtype(input: DType, requested: Option<DType>) -> Result<DType> {
    let work = match requested {
        Some(d) if !d.is_inexact() => {
            return Err(Error::Type(format!(
                "var/std compute in a floating or complex dtype; dtype={} is not one",
                d.name()
            )))
        }
        Some(d) => d,
        None if input.is_inexact() => input,
        None => DType::Float64,
    };
    if input.is_complex() && !work.is_complex() {
        return Err(Error::Type(format!(
            "var/std of complex input ({}) need a complex dtype, got dtype={}",
            input.name(),
            work.name()
        )));
    }
    Ok(work)
}

/// The outcome of var/std: the array and whether a slice had `count - ddof <= 0` (NumPy then
/// warns "Degrees of freedom <= 0 for slice").
pub struct VarResult {
    pub array: Array,
    pub dof_warning: bool,
}

/// Variance (or its square root) along `axes`, run as the op `info`; `ddof` is NumPy's ddof
/// (the Array API's correction).
pub fn var(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
    ddof: f64,
    sqrt: bool,
) -> Result<VarResult> {
    if !ddof.is_finite() {
        return Err(Error::Value(format!(
            "ddof must be a finite number, got {ddof}"
        )));
    }
    let mask = axes_mask(axes, a.ndim())?;
    // Real input computes in the real part of a complex `dtype=` (the imaginary parts stay 0,
    // as in NumPy); a requested dtype is the result's dtype.
    let work = var_work_dtype(a.dtype(), dtype)?;
    let work = if a.dtype().is_complex() {
        work
    } else {
        work.real_part()
    };
    let kept = kept_shape(a, &mask);
    let count = reduced_count(a, &mask);
    let out = Array::empty(work.real_part(), &kept)?;
    // Inputs convert inside the kernels for the usual pairs (x → itself, int/bool → float64);
    // anything else casts to the working dtype first.
    let direct = a.dtype() == work
        || (work == DType::Float64
            && matches!(a.dtype().kind(), Kind::Bool | Kind::Signed | Kind::Unsigned));
    let src = if direct {
        a.clone()
    } else {
        crate::ops::cast::astype(a, work)?
    };
    let exec = info.exec(current_tier(), src.dtype());
    match work {
        DType::Float32 => var_into::<f32, f32>(exec, &src, &mask, &out, count, ddof, sqrt),
        DType::Complex64 => {
            var_into::<Complex32, Complex32>(exec, &src, &mask, &out, count, ddof, sqrt)
        }
        DType::Complex128 => {
            var_into::<Complex64, Complex64>(exec, &src, &mask, &out, count, ddof, sqrt)
        }
        _ => {
            with_dtype!(src.dtype(), T => var_into::<T, f64>(exec, &src, &mask, &out, count, ddof, sqrt))
        }
    }?;
    // NumPy compares ddof with the one count of every lane, so an empty result warns too.
    let dof_warning = (count as f64 - ddof) <= 0.0;
    let out = match dtype {
        Some(d) if d != out.dtype() => crate::ops::cast::astype(&out, d)?,
        _ => out,
    };
    let array = keep_dims(out, a.shape(), &mask, keepdims)?;
    Ok(VarResult { array, dof_warning })
}

fn var_into<T, M>(
    exec: Exec,
    a: &Array,
    mask: &[bool],
    out: &Array,
    count: usize,
    ddof: f64,
    sqrt: bool,
) -> Result<()>
where
    T: Copy + Sync + CastTo<M> + 'static,
    M: VarAcc,
{
    if out.size() == 0 {
        return Ok(());
    }
    let divisor = M::from_f64(count as f64);
    let rdivisor = M::real_from_f64((count as f64 - ddof).max(0.0));
    let finish = move |ssd: M::Real| -> M::Real {
        let v = <M::Real as Arith>::div(ssd, rdivisor);
        if sqrt {
            M::sqrt(v)
        } else {
            v
        }
    };
    if fastest_is_kept(a, mask) {
        return var_materialized::<T, M>(exec, a, mask, out, divisor, finish);
    }
    // Fused: each output element reads its block twice (mean, then squared deviations).
    let l = split_layout(a, mask, out);
    inner_reduce(exec, a, &l, out, |single, red_plan, base| {
        let sum = reduce_block(exec, single, red_plan, base, SumR::<T, M>(PhantomData));
        let mean = M::div(sum, divisor);
        let sq_dev = SqDevR::<T, M> {
            mean,
            _t: PhantomData,
        };
        finish(reduce_block(exec, single, red_plan, base, sq_dev))
    });
    Ok(())
}

/// The unfused path: mean (keepdims) by the sum reducer, squared deviations into a C-order
/// temporary, then their sum by the sum reducer; both sums on the reduction driver as `exec`.
fn var_materialized<T, M>(
    exec: Exec,
    a: &Array,
    mask: &[bool],
    out: &Array,
    divisor: M,
    finish: impl Fn(M::Real) -> M::Real,
) -> Result<()>
where
    T: Copy + Sync + CastTo<M> + 'static,
    M: VarAcc,
{
    let sum = Array::empty(M::DTYPE, &kept_shape(a, mask))?;
    run_reduce(exec, a, mask, &sum, SumR::<T, M>(PhantomData))?;
    let sum = keep_dims(sum, a.shape(), mask, true)?;
    // SAFETY: `sum` is a fresh C-contiguous array of M.
    let means = unsafe { std::slice::from_raw_parts_mut(sum.data_ptr().cast::<M>(), sum.size()) };
    for m in means.iter_mut() {
        *m = M::div(*m, divisor);
    }
    let sq = Array::empty(<M::Real as Element>::DTYPE, a.shape())?;
    let sq_strides = c_strides(sq.shape(), sq.itemsize());
    let mean_strides = sum.strides_for(a.shape())?;
    let plan = LoopPlan::new(a.shape(), [&sq_strides, a.strides(), &mean_strides]);
    let (ps, pa, pm) = (
        SendPtr(sq.data_ptr()),
        SendPtr(a.data_ptr()),
        SendPtr(sum.data_ptr()),
    );
    let body = |start: usize, end: usize| {
        // SAFETY: offsets come from a plan over the three arrays' layouts (the mean broadcast).
        plan.for_each_run(start, end, |n, off, st| unsafe {
            let (o, x, m) = (
                ps.get().offset(off[0]),
                pa.get().offset(off[1]),
                pm.get().offset(off[2]),
            );
            for i in 0..n {
                let d = M::sub(
                    reference::load::<T>(x, st[1], i).cast(),
                    reference::load::<M>(m, st[2], i),
                );
                reference::store(o, st[0], i, d.abs2());
            }
        })
    };
    if exec.threads {
        parallel::for_each_chunk(plan.size(), body);
    } else {
        body(0, plan.size());
    }
    // `out` (of M::Real, C order) receives the sums of squared deviations, then `finish`es them.
    run_reduce(exec, &sq, mask, out, SumR::<M::Real, M::Real>(PhantomData))?;
    // SAFETY: `out` is a fresh C-contiguous array of M::Real.
    let dst =
        unsafe { std::slice::from_raw_parts_mut(out.data_ptr().cast::<M::Real>(), out.size()) };
    for d in dst.iter_mut() {
        *d = finish(*d);
    }
    Ok(())
}

/// Peak to peak: max - min along `axes` (NumPy's ptp; the subtraction wraps for integers).
pub fn ptp(info: &OpInfo, a: &Array, axes: Option<&[isize]>, keepdims: bool) -> Result<Array> {
    let hi = reduce_as(info, ReduceOp::Max, a, axes, keepdims, None)?;
    let lo = reduce_as(info, ReduceOp::Min, a, axes, keepdims, None)?;
    if a.dtype() == DType::Bool {
        return Err(Error::Type("ptp of a bool array is not supported: boolean subtract is undefined (NumPy raises too)".into()));
    }
    crate::ops::elementwise::binary(
        crate::ops::elementwise::BinaryOp::Subtract,
        &hi,
        &lo,
        Some(&hi),
    )
}
