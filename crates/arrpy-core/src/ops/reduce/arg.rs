//! argmin / argmax: the index of the first extremum (NaN wins, as in NumPy), along one axis or
//! over the C-order flattened array. Results are int64 (NumPy's intp) and identical at every tier.
//! nanargmin / nanargmax are NumPy's: NaN replaced by the infinity that loses, then the same
//! search; a slice of NaN only is a ValueError.

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{normalize_axis, Error, Result};
use crate::iter::LoopPlan;
use crate::kernels::search::{self, ArgKind};
use crate::kernels::{current_tier, parallel, reference, Exec, SendPtr};
use crate::layout::c_strides;
use crate::ops::elementwise::{select::where_, unary, UnaryOp};
use crate::ops::reduce::logic;
use crate::ops::reduce::{keep_dims, record};
use crate::optable::OpInfo;
use crate::with_dtype;

/// The first-extremum index of one run (`n >= 1`): the reference loop, or the vectorized one,
/// split across threads when `threads`.
///
/// # Safety
/// `a` must address `n` elements of the dtype's type at stride `sa`.
unsafe fn arg_run(
    dtype: DType,
    vector: bool,
    threads: bool,
    kind: ArgKind,
    n: usize,
    a: *const u8,
    sa: isize,
) -> usize {
    with_dtype!(dtype, T => match (vector, threads) {
        (false, _) => search::reference::arg::<T>(kind, n, a, sa),
        (true, false) => search::simd::arg::<T>(kind, n, a, sa),
        (true, true) => search::threaded::arg::<T>(kind, n, a, sa),
    })
}

/// nanargmin/nanargmax along `axis` (None: over the flattened array), run as the op `info`.
pub fn nanargreduce(
    info: &OpInfo,
    kind: ArgKind,
    a: &Array,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array> {
    if !a.dtype().is_inexact() || a.size() == 0 {
        return argreduce(info, kind, a, axis, keepdims);
    }
    let nan = unary(UnaryOp::Isnan, a, None)?;
    let axes = axis.map(|ax| [ax]);
    // The check runs as `all` and `count_nonzero`: the trace shows nanargmin's own search alone.
    let all_nan = logic::all(&nan, axes.as_ref().map(|ax| &ax[..]), false)?;
    if logic::count_nonzero(&all_nan, None, false)?.to_vec::<i64>()?[0] > 0 {
        return Err(Error::Value("All-NaN slice encountered".into()));
    }
    let loses = match kind {
        ArgKind::Min => f64::INFINITY,
        ArgKind::Max => f64::NEG_INFINITY,
    };
    let fill = Array::scalar(a.dtype(), crate::dtype::Scalar::Float(loses))?;
    argreduce(info, kind, &where_(&nan, &fill, a, None)?, axis, keepdims)
}

/// argmin/argmax along `axis` (None: over the flattened array), run as the op `info`.
pub fn argreduce(
    info: &OpInfo,
    kind: ArgKind,
    a: &Array,
    axis: Option<isize>,
    keepdims: bool,
) -> Result<Array> {
    let name = info.name;
    let exec: Exec = info.exec(current_tier(), a.dtype());
    let empty_error = || Error::Value(format!("attempt to get {name} of an empty sequence"));
    let Some(axis) = axis else {
        if a.size() == 0 {
            return Err(empty_error());
        }
        let c = a.to_contiguous()?;
        record(exec, exec.threads && parallel::splits(c.size()));
        // SAFETY: `c` is C-contiguous with `size` elements.
        let index = unsafe {
            arg_run(
                c.dtype(),
                exec.vector,
                exec.threads,
                kind,
                c.size(),
                c.data_ptr(),
                c.itemsize() as isize,
            )
        };
        let out = Array::from_vec(vec![index as i64], &[])?;
        return keep_dims(out, a.shape(), &vec![true; a.ndim()], keepdims);
    };
    if a.ndim() == 0 {
        // NumPy treats a 0-d array as one element along axis 0 / -1.
        normalize_axis(axis, 1)?;
        return Array::from_vec(vec![0i64], &[]);
    }
    let ax = normalize_axis(axis, a.ndim())?;
    let len = a.shape()[ax];
    let kept: Vec<usize> = a
        .shape()
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != ax)
        .map(|(_, &d)| d)
        .collect();
    let kept_strides: Vec<isize> = a
        .strides()
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != ax)
        .map(|(_, &s)| s)
        .collect();
    let out = Array::empty(DType::Int64, &kept)?;
    if out.size() > 0 {
        if len == 0 {
            return Err(empty_error());
        }
        let stride = a.strides()[ax];
        let out_strides = c_strides(&kept, 8);
        let plan = LoopPlan::new(&kept, [&out_strides, &kept_strides]);
        let (po, pa) = (SendPtr(out.data_ptr()), SendPtr(a.data_ptr()));
        let dtype = a.dtype();
        // One output element: the run itself may be split across threads; otherwise the
        // output elements are.
        let split_run = exec.threads && out.size() == 1;
        record(exec, exec.threads && parallel::splits(a.size()));
        let body = |start: usize, end: usize| {
            // SAFETY: offsets come from a plan over the arrays' own layouts.
            plan.for_each_run(start, end, |n, off, st| unsafe {
                for i in 0..n {
                    let index = arg_run(
                        dtype,
                        exec.vector,
                        split_run,
                        kind,
                        len,
                        pa.get().offset(off[1] + i as isize * st[1]),
                        stride,
                    );
                    reference::store(po.get().offset(off[0]), st[0], i, index as i64);
                }
            })
        };
        if exec.threads && out.size() > 1 {
            parallel::for_each_chunk_of(plan.size(), a.size(), 4, body);
        } else {
            body(0, plan.size());
        }
    }
    let mask: Vec<bool> = (0..a.ndim()).map(|i| i == ax).collect();
    keep_dims(out, a.shape(), &mask, keepdims)
}
