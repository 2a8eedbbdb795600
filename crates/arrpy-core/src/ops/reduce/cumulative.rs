//! Cumulative sums and products along one axis (NumPy's cumsum/cumprod, the Array API's
//! cumulative_sum/cumulative_prod). Each line is accumulated in order, out[i] = out[i-1] ⊕ x[i],
//! exactly NumPy's loop, so float results match NumPy bit for bit. Reference kernel only: the
//! lines are independent, but each is a sequential dependency chain. The nan- forms (nancumsum,
//! nancumprod) take a NaN element as the identity (0 or 1), as NumPy replaces NaN before its
//! cumsum; integer and bool inputs have no NaN.

use crate::array::Array;
use crate::dtype::element::{Arith, CastTo};
use crate::dtype::{DType, Kind};
use crate::error::{normalize_axis, Result};
use crate::iter::LoopPlan;
use crate::kernels::{current_tier, parallel, reference, Exec, SendPtr};
use crate::layout::c_strides;
use crate::ops::reduce::record;
use crate::optable::OpInfo;

#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum CumulativeOp {
    Sum,
    Prod,
    NanSum,
    NanProd,
}
use crate::with_dtype;

impl CumulativeOp {
    /// NumPy's accumulator: bool and smaller integers widen to int64 / uint64.
    pub fn result_dtype(self, input: DType, requested: Option<DType>) -> DType {
        requested.unwrap_or(match input.kind() {
            Kind::Bool | Kind::Signed => DType::Int64,
            Kind::Unsigned => DType::UInt64,
            _ => input,
        })
    }
}

/// Accumulates along `axis` (None: the C-order flattened array). With `include_initial` each
/// line starts with the identity (0 or 1), one element longer.
pub fn cumulative(
    info: &OpInfo,
    op: CumulativeOp,
    a: &Array,
    axis: Option<isize>,
    dtype: Option<DType>,
    include_initial: bool,
) -> Result<Array> {
    let flat;
    let (src, ax) = match axis {
        None => {
            flat = a.reshape(&[-1])?;
            (&flat, 0)
        }
        Some(_) if a.ndim() == 0 => {
            flat = a.reshape(&[1])?;
            normalize_axis(axis.unwrap_or(0), 1)?;
            (&flat, 0)
        }
        Some(ax) => (a, normalize_axis(ax, a.ndim())?),
    };
    let out_dt = op.result_dtype(a.dtype(), dtype);
    // The input converts inside the loop for the usual accumulators; others cast it first.
    let direct =
        out_dt == src.dtype() || matches!(out_dt, DType::Int64 | DType::UInt64 | DType::Float64);
    let cast;
    let src = if direct {
        src
    } else {
        cast = crate::ops::cast::astype(src, out_dt)?;
        &cast
    };
    let mut shape = src.shape().to_vec();
    let len = shape[ax];
    shape[ax] += include_initial as usize;
    let out = Array::empty(out_dt, &shape)?;
    if out.size() == 0 {
        return Ok(out);
    }
    let exec = info.exec(current_tier(), src.dtype());
    with_dtype!(src.dtype(), T => match out_dt {
        DType::Int64 => run::<T, i64>(op, exec, src, &out, ax, len, include_initial),
        DType::UInt64 => run::<T, u64>(op, exec, src, &out, ax, len, include_initial),
        DType::Float64 => run::<T, f64>(op, exec, src, &out, ax, len, include_initial),
        _ => run::<T, T>(op, exec, src, &out, ax, len, include_initial),
    });
    Ok(out)
}

fn run<T, A>(
    op: CumulativeOp,
    exec: Exec,
    a: &Array,
    out: &Array,
    ax: usize,
    len: usize,
    include_initial: bool,
) where
    T: Arith + CastTo<A>,
    A: Arith,
    bool: CastTo<A>,
{
    let out_strides = c_strides(out.shape(), out.itemsize());
    let keep = |s: &[isize]| -> Vec<isize> {
        s.iter()
            .enumerate()
            .filter(|&(i, _)| i != ax)
            .map(|(_, &v)| v)
            .collect()
    };
    let kept: Vec<usize> = a
        .shape()
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != ax)
        .map(|(_, &d)| d)
        .collect();
    let (ko, ka) = (keep(&out_strides), keep(a.strides()));
    let plan = LoopPlan::new(&kept, [&ko, &ka]);
    let (so, sa) = (out_strides[ax], a.strides()[ax]);
    let (po, pa) = (SendPtr(out.data_ptr()), SendPtr(a.data_ptr()));
    // The identity as NumPy's initial element: +0 (not -0.0) for sums, 1 for products.
    let product = matches!(op, CumulativeOp::Prod | CumulativeOp::NanProd);
    let skip_nan = matches!(op, CumulativeOp::NanSum | CumulativeOp::NanProd);
    let initial: A = product.cast();
    // A NaN element enters a nan- form as the identity, converted like any element.
    let element = |x: T| -> A {
        if skip_nan && T::is_nan(x) {
            initial
        } else {
            x.cast()
        }
    };
    let body = |start: usize, end: usize| {
        // SAFETY: offsets come from plans over the arrays' own layouts; each line has `len`
        // input elements and `len + include_initial` output elements along the axis.
        plan.for_each_run(start, end, |n, off, st| unsafe {
            for i in 0..n {
                let x = pa.get().offset(off[1] + i as isize * st[1]);
                let mut y = po.get().offset(off[0] + i as isize * st[0]);
                if include_initial {
                    reference::store(y, so, 0, initial);
                    y = y.offset(so);
                }
                if len == 0 {
                    continue;
                }
                let mut acc: A = element(reference::load::<T>(x, sa, 0));
                reference::store(y, so, 0, acc);
                for j in 1..len {
                    let v = element(reference::load::<T>(x, sa, j));
                    acc = if product {
                        A::mul(acc, v)
                    } else {
                        A::add(acc, v)
                    };
                    reference::store(y, so, j, acc);
                }
            }
        })
    };
    // Lines are independent: they may go to threads (each is one sequential chain). The loop
    // is the reference one at every tier.
    let exec = Exec {
        vector: false,
        ..exec
    };
    record(
        exec,
        exec.threads && parallel::splits(a.size()) && plan.size() > 1,
    );
    if exec.threads {
        parallel::for_each_chunk_of(plan.size(), a.size(), 4, body);
    } else {
        body(0, plan.size());
    }
}
