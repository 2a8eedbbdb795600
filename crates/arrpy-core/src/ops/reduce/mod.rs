//! Reductions along axes: sum, prod, min, max, mean here; var/std, the nan-, truth and
//! cumulative reductions beside. One driver (`run_reduce`) serves every `Reducer`:
//! - "inner" reductions (the reduced axes include the input's fastest-varying one) reduce each
//!   output element's block with the blocked pairwise kernel;
//! - "outer" reductions (the fastest axis is kept) accumulate whole rows into the output, which
//!   vectorizes along the kept axis, as NumPy does.
//! Both orders are fixed by the layout alone, so every tier and thread count agrees bit for bit.
//! What runs (the vectorized or the reference loops, threads or not) is the op table's `Exec`
//! for the op, the loop dtype and the tier, recorded in `kernels::trace`.

pub mod arg;
pub mod cumulative;
pub mod logic;
pub mod nan;
pub mod nanstats;
pub mod stats;
pub mod status;
pub mod table;

use crate::array::Array;
use crate::dtype::element::{Arith, CastTo};
use crate::dtype::{DType, Kind};
use crate::error::{normalize_axis, Error, Result};
use crate::iter::LoopPlan;
use crate::kernels::reducer::Reducer;
use crate::kernels::{current_tier, parallel, reference, simd, trace, Exec, SendPtr};
use crate::layout::{c_strides, Shape, Strides};
use crate::ops::elementwise::BinaryOp;
use crate::optable::OpInfo;
use crate::with_dtype;
use std::marker::PhantomData;
pub use table::reduce;

/// The reductions the generic driver runs with its own reducers (`reduce_as`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum ReduceOp {
    Sum,
    Prod,
    Min,
    Max,
    Mean,
}

impl ReduceOp {
    /// NumPy's result dtype: sums and products of small integers widen to 64 bits, means of
    /// integers are float64, min/max keep the input dtype.
    pub fn result_dtype(self, input: DType, requested: Option<DType>) -> DType {
        if let Some(d) = requested {
            if !matches!(self, ReduceOp::Min | ReduceOp::Max) {
                return d;
            }
        }
        match (self, input.kind()) {
            (ReduceOp::Sum | ReduceOp::Prod, Kind::Bool | Kind::Signed) => DType::Int64,
            (ReduceOp::Sum | ReduceOp::Prod, Kind::Unsigned) => DType::UInt64,
            (ReduceOp::Mean, Kind::Bool | Kind::Signed | Kind::Unsigned) => DType::Float64,
            _ => input,
        }
    }
}

macro_rules! reducer {
    ($name:ident, $identity:ident, $combine:ident) => {
        reducer!(@base $name, $identity, $combine, );
    };
    // A min/max: `$replaces` is its compare-and-select form on NaN-free data.
    ($name:ident, $identity:ident, $combine:ident, |$acc:ident, $v:ident| $replaces:expr) => {
        reducer!(@base $name, $identity, $combine,
            const EXTREMUM: bool = true;
            #[inline(always)]
            fn replaces(&self, $acc: A, $v: A) -> bool {
                $replaces
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
            #[inline(always)]
            fn probe_start(&self) -> A {
                A::zero()
            }
            #[inline(always)]
            fn nan_probe(&self, probe: A, v: A) -> A {
                A::add(probe, v)
            }
        );
    };
    (@base $name:ident, $identity:ident, $combine:ident, $($extra:tt)*) => {
        // `fn() -> _` in the marker: Send and Sync whatever T and A are, with no unsafe impls.
        #[derive(Clone, Copy)]
        pub(crate) struct $name<T, A>(pub(crate) PhantomData<fn() -> (T, A)>);
        impl<T: CastTo<A> + Copy, A: Arith> Reducer<T, A> for $name<T, A> {
            const EXACT: bool = A::EXACT;
            #[inline(always)]
            fn identity(&self) -> A {
                A::$identity()
            }
            #[inline(always)]
            fn convert(&self, x: T) -> A {
                x.cast()
            }
            #[inline(always)]
            fn combine(&self, a: A, b: A) -> A {
                A::$combine(a, b)
            }
            $($extra)*
        }
    };
}
reducer!(SumR, zero, add);
reducer!(ProdR, one, mul);
// On a tie the select keeps what `combine` keeps: the later element for real floats.
reducer!(MaxR, lowest, max, |acc, v| if A::SIGNED_ZEROS {
    A::is_le(acc, v)
} else {
    A::is_lt(acc, v)
});
reducer!(MinR, highest, min, |acc, v| if A::SIGNED_ZEROS {
    A::is_le(v, acc)
} else {
    A::is_lt(v, acc)
});

/// Normalizes `axes` (None = all) to a per-axis mask; duplicates are an error.
pub fn axes_mask(axes: Option<&[isize]>, ndim: usize) -> Result<Vec<bool>> {
    let mut mask = vec![axes.is_none(); ndim];
    if let Some(axes) = axes {
        for &ax in axes {
            let a = normalize_axis(ax, ndim)?;
            if std::mem::replace(&mut mask[a], true) {
                return Err(Error::Value("duplicate value in 'axis'".into()));
            }
        }
    }
    Ok(mask)
}

/// Reduces `a` along `axes` (None: all axes) as the op `info` (its loops, its name in
/// `kernels::trace`): nansum of integers is their sum, and still nansum's call.
pub fn reduce_as(
    info: &OpInfo,
    op: ReduceOp,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array> {
    let mask = axes_mask(axes, a.ndim())?;
    let out_dt = op.result_dtype(a.dtype(), dtype);
    let kept = kept_shape(a, &mask);
    let count = reduced_count(a, &mask);
    let out_size: usize = kept.iter().product();
    if count == 0 && out_size > 0 && matches!(op, ReduceOp::Min | ReduceOp::Max) {
        let name = if op == ReduceOp::Min {
            "minimum"
        } else {
            "maximum"
        };
        return Err(Error::Value(format!(
            "zero-size array to reduction operation {name} which has no identity"
        )));
    }
    let out = Array::empty(out_dt, &kept)?;
    // Elements convert to the accumulator inside the kernel for the usual accumulators (the
    // input's own dtype, int64, uint64, float64); any other `dtype=` casts the input first.
    // This keeps the kernels instantiated per (input, accumulator) pair to 13 x 4.
    let direct =
        out_dt == a.dtype() || matches!(out_dt, DType::Int64 | DType::UInt64 | DType::Float64);
    let src = if direct {
        a.clone()
    } else {
        crate::ops::cast::astype(a, out_dt)?
    };
    let exec = info.exec(current_tier(), src.dtype());
    with_dtype!(src.dtype(), T => {
        match out_dt {
            DType::Int64 => reduce_into::<T, i64>(op, exec, &src, &mask, &out),
            DType::UInt64 => reduce_into::<T, u64>(op, exec, &src, &mask, &out),
            DType::Float64 => reduce_into::<T, f64>(op, exec, &src, &mask, &out),
            _ => reduce_into::<T, T>(op, exec, &src, &mask, &out),
        }
    })?;
    let out = match op {
        ReduceOp::Mean if out_dt.is_inexact() => {
            let n = Array::scalar(out_dt, crate::dtype::Scalar::Float(count as f64))?;
            crate::ops::elementwise::binary(BinaryOp::Divide, &out, &n, Some(&out))?
        }
        // An integer (or bool) `dtype=`: as NumPy, the sum in that dtype is divided in float64
        // and the quotient cast back unsafely (truncated): mean([1, 2], dtype=int) is 1.
        ReduceOp::Mean => {
            let n = Array::scalar(DType::Float64, crate::dtype::Scalar::Float(count as f64))?;
            let quotient = crate::ops::elementwise::binary(BinaryOp::Divide, &out, &n, None)?;
            crate::ops::cast::astype(&quotient, out_dt)?
        }
        _ => out,
    };
    keep_dims(out, a.shape(), &mask, keepdims)
}

/// The frame every reduction shares: normalizes `axes`, allocates the `out_dt` result of the
/// kept shape, lets `run(exec, a, mask, out)` fill it, and restores reduced axes as length 1
/// when `keepdims`. `exec` is `info`'s for the input's dtype at the current tier.
pub(crate) fn reduce_with(
    info: &OpInfo,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    out_dt: DType,
    run: impl FnOnce(Exec, &Array, &[bool], &Array) -> Result<()>,
) -> Result<Array> {
    let mask = axes_mask(axes, a.ndim())?;
    let kept = kept_shape(a, &mask);
    let out = Array::empty(out_dt, &kept)?;
    run(info.exec(current_tier(), a.dtype()), a, &mask, &out)?;
    keep_dims(out, a.shape(), &mask, keepdims)
}

/// A reduction's result `out` (of the kept shape) with the reduced axes of `shape` (those set
/// in `mask`) put back as length 1 when `keepdims`; every reduction ends here.
pub(crate) fn keep_dims(
    out: Array,
    shape: &[usize],
    mask: &[bool],
    keepdims: bool,
) -> Result<Array> {
    if !keepdims {
        return Ok(out);
    }
    let shape: Vec<isize> = shape
        .iter()
        .zip(mask)
        .map(|(&d, &m)| if m { 1 } else { d as isize })
        .collect();
    out.reshape(&shape)
}

/// The shape of a reduction's result: the axes `mask` leaves out.
pub(crate) fn kept_shape(a: &Array, mask: &[bool]) -> Shape {
    a.shape()
        .iter()
        .zip(mask)
        .filter(|(_, &m)| !m)
        .map(|(&d, _)| d)
        .collect()
}

/// Number of elements each output element reduces.
/// Whether reducing `a` over `axes` reduces no element per lane: NumPy's mean then warns "Mean
/// of empty slice" (from the one count of every lane, so even when there are no lanes).
pub(crate) fn lanes_are_empty(a: &Array, axes: Option<&[isize]>) -> Result<bool> {
    Ok(reduced_count(a, &axes_mask(axes, a.ndim())?) == 0)
}

pub(crate) fn reduced_count(a: &Array, mask: &[bool]) -> usize {
    a.shape()
        .iter()
        .zip(mask)
        .filter(|(_, &m)| m)
        .map(|(&d, _)| d)
        .product()
}

fn reduce_into<T, A>(op: ReduceOp, exec: Exec, a: &Array, mask: &[bool], out: &Array) -> Result<()>
where
    T: Copy + Sync + CastTo<A> + 'static,
    A: Arith + Send + Sync + 'static,
{
    match op {
        ReduceOp::Sum | ReduceOp::Mean => run_reduce(exec, a, mask, out, SumR::<T, A>(PhantomData)),
        ReduceOp::Prod => run_reduce(exec, a, mask, out, ProdR::<T, A>(PhantomData)),
        ReduceOp::Min => run_reduce(exec, a, mask, out, MinR::<T, A>(PhantomData)),
        ReduceOp::Max => run_reduce(exec, a, mask, out, MaxR::<T, A>(PhantomData)),
    }
}

/// Input strides split into kept and reduced axes, and the output's strides broadcast back to
/// the input's rank (0 on reduced axes).
pub(crate) struct ReduceLayout {
    pub kept_shape: Shape,
    pub kept_strides: Strides,
    pub red_shape: Shape,
    pub red_strides: Strides,
    pub out_full_strides: Strides,
}

pub(crate) fn split_layout(a: &Array, mask: &[bool], out: &Array) -> ReduceLayout {
    let out_strides = c_strides(out.shape(), out.itemsize());
    let mut l = ReduceLayout {
        kept_shape: Shape::new(),
        kept_strides: Strides::new(),
        red_shape: Shape::new(),
        red_strides: Strides::new(),
        out_full_strides: Strides::new(),
    };
    let mut k = 0;
    for (i, &m) in mask.iter().enumerate() {
        if m {
            l.red_shape.push(a.shape()[i]);
            l.red_strides.push(a.strides()[i]);
            l.out_full_strides.push(0);
        } else {
            l.kept_shape.push(a.shape()[i]);
            l.kept_strides.push(a.strides()[i]);
            l.out_full_strides.push(out_strides[k]);
            k += 1;
        }
    }
    l
}

/// The reduction driver: fills `out` with `r` over the axes `mask` of `a`, as `exec` says,
/// and records the call in `kernels::trace`.
pub(crate) fn run_reduce<T: Copy + Sync + 'static, A: Copy + Send + Sync + 'static>(
    exec: Exec,
    a: &Array,
    mask: &[bool],
    out: &Array,
    r: impl Reducer<T, A> + 'static,
) -> Result<()> {
    if out.size() == 0 {
        return Ok(());
    }
    let l = split_layout(a, mask, out);
    if fastest_is_kept(a, mask) {
        outer_reduce(exec, a, &l, out, r)
    } else {
        inner_reduce(exec, a, &l, out, move |single, red_plan, base| {
            reduce_block(exec, single, red_plan, base, r)
        });
        Ok(())
    }
}

/// Notes a reduction in `kernels::trace`: its loop, and whether its work went to the pool (for
/// one output element: to `parallel::reduce` or `search::threaded`, which keep runs under their
/// own minimum task size on the calling thread).
pub(crate) fn record(exec: Exec, threaded: bool) {
    trace::record(exec.op, exec.dtype, exec.vector, threaded);
}

/// Whether the input's fastest-varying axis (of length > 1) is kept: it decides between the
/// outer strategy (rows accumulated along it) and the inner one.
pub(crate) fn fastest_is_kept(a: &Array, mask: &[bool]) -> bool {
    let fastest = (0..a.ndim())
        .filter(|&i| a.shape()[i] > 1)
        .min_by_key(|&i| a.strides()[i].unsigned_abs());
    fastest.is_some_and(|ax| !mask[ax])
}

/// The inner strategy: each output element is `block(single, red_plan, base)` of its own block
/// (`base` its first element, `red_plan` the runs of a block); output elements are split across
/// threads when `exec` threads, and `single` (one output element) lets `block` split its runs
/// instead. Records the call in `kernels::trace`.
pub(crate) fn inner_reduce<A: Copy>(
    exec: Exec,
    a: &Array,
    l: &ReduceLayout,
    out: &Array,
    block: impl Fn(bool, &LoopPlan<1>, *const u8) -> A + Sync,
) {
    let red_plan = LoopPlan::new(&l.red_shape, [&l.red_strides]);
    let single = out.size() == 1;
    // One output element: its runs go to `parallel::reduce`, which splits only long ones.
    record(
        exec,
        exec.threads
            && if single {
                parallel::reduce_splits(red_plan.inner_len(), a.itemsize())
            } else {
                parallel::splits(a.size())
            },
    );
    let out_strides = c_strides(out.shape(), out.itemsize());
    let kept_plan = LoopPlan::new(&l.kept_shape, [&out_strides, &l.kept_strides]);
    let (po, pa) = (SendPtr(out.data_ptr()), SendPtr(a.data_ptr()));
    let body = |start: usize, end: usize| {
        // SAFETY: offsets come from plans over the arrays' own layouts.
        kept_plan.for_each_run(start, end, |n, off, st| unsafe {
            for i in 0..n {
                let base = pa.get().offset(off[1] + i as isize * st[1]);
                reference::store(
                    po.get().offset(off[0]),
                    st[0],
                    i,
                    block(single, &red_plan, base),
                );
            }
        })
    };
    if single || !exec.threads {
        body(0, kept_plan.size());
    } else {
        // Output elements are independent; split them when the whole reduction is large.
        parallel::for_each_chunk_of(kept_plan.size(), a.size(), 4, body);
    }
}

/// Reduces one output element's block (the runs of `red_plan` from `base`): each run pairwise,
/// runs combined in order. `single` (the only output element) lets a threaded `exec` split runs.
#[inline]
pub(crate) fn reduce_block<T: Copy + Sync, A: Copy + Send>(
    exec: Exec,
    single: bool,
    red_plan: &LoopPlan<1>,
    base: *const u8,
    r: impl Reducer<T, A>,
) -> A {
    let mut total = r.identity();
    // SAFETY: the plan's offsets lie inside the block that `base` starts.
    red_plan.for_each_run(0, red_plan.size(), |n, off, st| unsafe {
        let p = base.offset(off[0]);
        let part = if !exec.vector {
            reference::reduce(n, p, st[0], r)
        } else if exec.threads && single {
            parallel::reduce(n, p, st[0], r)
        } else {
            simd::reduce(n, p, st[0], r)
        };
        total = r.combine(total, part);
    });
    total
}

/// Reduced rows per leaf of the outer reductions' pairwise tree over rows.
const ROW_BLOCK: usize = 64;

/// Rows the vector tiers add into the accumulators in one pass.
const FUSED_ROWS: usize = 8;

/// Reductions whose fastest axis is kept: rows (one per reduced index) are accumulated into the
/// output, which vectorizes along the kept axis. Rows combine in a fixed pairwise tree (leaves of
/// `ROW_BLOCK` rows accumulated in order), the same at every tier; the parallel tier runs its
/// upper levels on two threads, each streaming through its own contiguous half of the rows.
fn outer_reduce<T: Copy + Sync + 'static, A: Copy + Send + Sync + 'static>(
    exec: Exec,
    a: &Array,
    l: &ReduceLayout,
    out: &Array,
    r: impl Reducer<T, A>,
) -> Result<()> {
    let rows: usize = l.red_shape.iter().product();
    let size = out.size();
    let out_strides = c_strides(out.shape(), std::mem::size_of::<A>());
    let kept_plan = LoopPlan::new(&l.kept_shape, [&l.kept_strides, &out_strides]);
    let pa = SendPtr(a.data_ptr());
    let red_offset = |mut i: usize| -> isize {
        let mut off = 0isize;
        for ax in (0..l.red_shape.len()).rev() {
            off += (i % l.red_shape[ax]) as isize * l.red_strides[ax];
            i /= l.red_shape[ax];
        }
        off
    };
    // acc = rows r0..r1 accumulated in order, starting from the identity.
    let leaf = |r0: usize, r1: usize, acc: SendPtr| {
        // SAFETY: `acc` holds `size` elements of A (the output or a scratch buffer).
        unsafe {
            for i in 0..size {
                reference::store(
                    acc.get(),
                    std::mem::size_of::<A>() as isize,
                    i,
                    r.identity(),
                );
            }
        }
        // Vector tiers fuse rows in eights (same order, fewer passes over the accumulators).
        let mut first = r0;
        while exec.vector && first + FUSED_ROWS <= r1 {
            let bases: [*const u8; FUSED_ROWS] = std::array::from_fn(|k| {
                pa.get().wrapping_offset(red_offset(first + k)) as *const u8
            });
            // SAFETY: rows first..first+4 and the kept plan's runs lie inside `a`; `acc` as above.
            kept_plan.for_each_run(0, kept_plan.size(), |n, off, st| unsafe {
                let xs = bases.map(|b| b.offset(off[0]));
                simd::accumulate_rows(n, acc.get().offset(off[1]), st[1], xs, st[0], r)
            });
            first += FUSED_ROWS;
        }
        for i in first..r1 {
            let base = pa.get().wrapping_offset(red_offset(i));
            // SAFETY: row `i` and the kept plan's runs lie inside `a`; `acc` as above.
            kept_plan.for_each_run(0, kept_plan.size(), |n, off, st| unsafe {
                let (x, y) = (base.offset(off[0]), acc.get().offset(off[1]));
                if exec.vector {
                    simd::accumulate(n, y, st[1], x, st[0], r)
                } else {
                    reference::accumulate(n, y, st[1], x, st[0], r)
                }
            });
        }
    };
    let tree = RowTree {
        size,
        leaf: &leaf,
        r,
    };
    let po = SendPtr(out.data_ptr());
    let threaded = exec.threads
        && parallel::num_threads() > 1
        && rows * size >= 2 * parallel::MIN_PARALLEL_ELEMENTS;
    record(exec, threaded);
    if threaded {
        tree.run_shared(rows, po)
    } else {
        tree.run(0, rows, po)
    }
}

/// The pairwise tree over rows of an outer reduction: leaves of at most `ROW_BLOCK` rows, split
/// at multiples of `ROW_BLOCK` near the middle. Every tier and thread count combines the same
/// subtrees in the same order, so the bits agree.
struct RowTree<'a, L, R> {
    size: usize,
    leaf: &'a L,
    r: R,
}

impl<L: Fn(usize, usize, SendPtr) + Sync, R> RowTree<'_, L, R> {
    fn split(rows: usize) -> usize {
        ((rows / 2) / ROW_BLOCK).max(1) * ROW_BLOCK
    }

    /// Whether the parallel tier shares out the subtree of `rows` rows whole (too small to
    /// split further across threads).
    fn is_task(&self, rows: usize) -> bool {
        rows <= ROW_BLOCK || rows * self.size < 2 * parallel::MIN_PARALLEL_ELEMENTS
    }

    fn scratch<A>(&self) -> Result<crate::buffer::Buffer> {
        crate::buffer::Buffer::alloc(self.size * std::mem::size_of::<A>(), false)
    }

    /// acc = the tree over rows r0..r1, on this thread. The depth is log2 of the row count.
    fn run<T, A: Copy + Send + Sync>(&self, r0: usize, r1: usize, acc: SendPtr) -> Result<()>
    where
        R: Reducer<T, A>,
    {
        let rows = r1 - r0;
        if rows <= ROW_BLOCK {
            (self.leaf)(r0, r1, acc);
            return Ok(());
        }
        let half = Self::split(rows);
        let scratch = self.scratch::<A>()?;
        let tmp = SendPtr(scratch.as_ptr());
        self.run(r0, r0 + half, acc)?;
        self.run(r0 + half, r1, tmp)?;
        self.combine(acc, tmp);
        Ok(())
    }

    /// The tree with its upper levels on several threads: the subtrees `is_task` picks are
    /// shared out with `parallel::share` (the calling thread takes part), each into its own
    /// buffer (the first into `acc`), then combined in the tree's order on this thread.
    fn run_shared<T, A: Copy + Send + Sync>(&self, rows: usize, acc: SendPtr) -> Result<()>
    where
        R: Reducer<T, A>,
    {
        let mut tasks = Vec::new();
        self.tasks(0, rows, &mut tasks);
        let scratch = (1..tasks.len())
            .map(|_| self.scratch::<A>())
            .collect::<Result<Vec<_>>>()?;
        let bufs: Vec<SendPtr> = std::iter::once(acc)
            .chain(scratch.iter().map(|b| SendPtr(b.as_ptr())))
            .collect();
        let failed = std::sync::Mutex::new(None);
        parallel::share(tasks.len(), |t| {
            let (r0, r1) = tasks[t];
            if let Err(e) = self.run(r0, r1, bufs[t]) {
                if let Ok(mut slot) = failed.lock() {
                    *slot = Some(e);
                }
            }
        });
        if let Some(e) = failed.into_inner().ok().flatten() {
            return Err(e);
        }
        self.combine_tasks(0, rows, &mut bufs.into_iter());
        Ok(())
    }

    /// The subtrees `is_task` picks, as (first row, end row), in order.
    fn tasks(&self, r0: usize, r1: usize, out: &mut Vec<(usize, usize)>) {
        if self.is_task(r1 - r0) {
            out.push((r0, r1));
            return;
        }
        let half = Self::split(r1 - r0);
        self.tasks(r0, r0 + half, out);
        self.tasks(r0 + half, r1, out);
    }

    /// Combines the tasks' buffers (taken in order from `bufs`) as `run` combines subtrees;
    /// returns the buffer that holds the result of rows r0..r1.
    fn combine_tasks<T, A: Copy>(
        &self,
        r0: usize,
        r1: usize,
        bufs: &mut impl Iterator<Item = SendPtr>,
    ) -> Option<SendPtr>
    where
        R: Reducer<T, A>,
    {
        if self.is_task(r1 - r0) {
            return bufs.next();
        }
        let half = Self::split(r1 - r0);
        let left = self.combine_tasks(r0, r0 + half, bufs)?;
        let right = self.combine_tasks(r0 + half, r1, bufs)?;
        self.combine(left, right);
        Some(left)
    }

    /// acc[i] = combine(acc[i], tmp[i]) for the `size` accumulators.
    fn combine<T, A: Copy>(&self, acc: SendPtr, tmp: SendPtr)
    where
        R: Reducer<T, A>,
    {
        // SAFETY: both buffers hold `size` elements of A, aligned (the output or fresh
        // allocations), and are distinct.
        let (x, y) = unsafe {
            (
                std::slice::from_raw_parts_mut(acc.get().cast::<A>(), self.size),
                std::slice::from_raw_parts(tmp.get().cast::<A>(), self.size),
            )
        };
        for (x, &y) in x.iter_mut().zip(y) {
            *x = self.r.combine(*x, y);
        }
    }
}
