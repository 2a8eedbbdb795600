//! The one N-d driver of elementwise loops (elementwise ops, casts and copies, fills).
//!
//! `for_each_run` walks the output's shape (inputs broadcast to it) as 1-d runs, on one thread
//! or in chunks on the pool, and hands each run to a kernel; `run_unary`, `run_binary`,
//! `run_ternary` and `fill_with` are its typed forms. What runs is an `Exec` from the op table
//! (the vectorized or the reference loop, threads or not), recorded in `kernels::trace`.

use crate::array::Array;
use crate::dtype::Element;
use crate::error::Result;
use crate::iter::LoopPlan;
use crate::kernels::trace;
use crate::kernels::{parallel, reference, simd, Exec, SendPtr};
use crate::layout::Strides;
use crate::overlap::may_overlap_itself;

/// Calls `kernel(n, ptrs, strides)` on every 1-d run of `ops[0]`'s shape, where operand 0 is
/// the output and the others are inputs broadcast to it (`ptrs[k]`, `strides[k]`: operand k's
/// run). The runs lie inside every operand's extent and chunks on different threads are
/// disjoint in the output: the condition a run kernel needs. An output whose elements overlap
/// is written by one thread in C order (last write wins, as NumPy); `with_output` never
/// computes into one, so only copies arrive here with it.
pub(crate) fn for_each_run<const N: usize>(
    exec: Exec,
    ops: [&Array; N],
    kernel: impl Fn(usize, [*mut u8; N], [isize; N]) + Send + Sync,
) -> Result<()> {
    let shape = ops[0].shape();
    let mut strides: [Strides; N] = std::array::from_fn(|_| Strides::new());
    for (k, op) in ops.iter().enumerate() {
        strides[k] = if k == 0 {
            op.strides().into()
        } else {
            op.strides_for(shape)?
        };
    }
    let layouts: [&[isize]; N] = std::array::from_fn(|k| &strides[k][..]);
    let overlapping = may_overlap_itself(ops[0]);
    let plan = if overlapping {
        LoopPlan::in_c_order(shape, layouts)
    } else {
        LoopPlan::new(shape, layouts)
    };
    let bases: [SendPtr; N] = std::array::from_fn(|k| SendPtr(ops[k].data_ptr()));
    let body = |start: usize, end: usize| {
        plan.for_each_run(start, end, |n, off, st| {
            // SAFETY: offsets come from the plan over each operand's own layout, so each run
            // starts inside its operand.
            let ptrs = std::array::from_fn(|k| unsafe { bases[k].get().offset(off[k]) });
            kernel(n, ptrs, st)
        })
    };
    let threads = exec.threads && !overlapping;
    trace::record(
        exec.op,
        exec.dtype,
        exec.vector,
        threads && parallel::splits(plan.size()),
    );
    run_chunks(threads, plan.size(), body);
    Ok(())
}

/// Runs `body` over `0..size` on one thread, or in chunks on the pool when `threads`.
pub(crate) fn run_chunks(threads: bool, size: usize, body: impl Fn(usize, usize) + Send + Sync) {
    if threads {
        parallel::for_each_chunk(size, body);
    } else {
        body(0, size);
    }
}

/// Runs `out[i] = f(a[i])` over `out`'s shape (`a` broadcast to it) as `exec` says.
pub(crate) fn run_unary<T: Copy + 'static, U: Copy + 'static>(
    exec: Exec,
    out: &Array,
    a: &Array,
    f: impl Fn(T) -> U + Copy + Send + Sync,
) -> Result<()> {
    for_each_run(exec, [out, a], |n, [o, x], [so, sx]| {
        // SAFETY: `for_each_run` passes runs inside both arrays.
        unsafe {
            if exec.vector {
                simd::unary(n, x.cast_const(), sx, o, so, f)
            } else {
                reference::unary(n, x.cast_const(), sx, o, so, f)
            }
        }
    })
}

/// As `run_unary` with a hand-vectorized kernel for contiguous runs where `exec` vectorizes:
/// `vector(n, x, out)` computes exactly what `f` would (or returns false, writing nothing,
/// where the CPU lacks its instruction set; the generic loop runs then).
pub(crate) fn run_unary_vector<T: Copy + 'static>(
    exec: Exec,
    out: &Array,
    a: &Array,
    f: impl Fn(T) -> T + Copy + Send + Sync,
    vector: unsafe fn(usize, *const T, *mut T) -> bool,
) -> Result<()> {
    let elem = std::mem::size_of::<T>() as isize;
    for_each_run(exec, [out, a], |n, [o, x], [so, sx]| {
        // SAFETY: `for_each_run` passes runs inside both arrays; with unit strides they
        // are `n` contiguous elements, and an output shares memory with an input only by being
        // exactly it (`with_output`).
        unsafe {
            if !exec.vector {
                reference::unary(n, x.cast_const(), sx, o, so, f)
            } else if !(sx == elem && so == elem && vector(n, x.cast_const().cast(), o.cast())) {
                simd::unary(n, x.cast_const(), sx, o, so, f)
            }
        }
    })
}

/// As `run_unary` for a function split into a vectorizable `fast` path, a `needs_slow`
/// predicate and a scalar `slow` path (see `simd::unary_split`).
pub(crate) fn run_unary_split<T: Copy + 'static>(
    exec: Exec,
    out: &Array,
    a: &Array,
    fast: impl Fn(T) -> T + Copy + Send + Sync,
    needs_slow: impl Fn(T) -> bool + Copy + Send + Sync,
    slow: impl Fn(T) -> T + Copy + Send + Sync,
) -> Result<()> {
    let complete = move |x: T| if needs_slow(x) { slow(x) } else { fast(x) };
    for_each_run(exec, [out, a], |n, [o, x], [so, sx]| {
        // SAFETY: `for_each_run` passes runs inside both arrays.
        unsafe {
            if exec.vector {
                simd::unary_split(n, x.cast_const(), sx, o, so, fast, needs_slow, slow)
            } else {
                reference::unary(n, x.cast_const(), sx, o, so, complete)
            }
        }
    })
}

/// Runs `out[i] = f(a[i], b[i])` over `out`'s shape as `exec` says.
pub(crate) fn run_binary<T: Copy + 'static, U: Copy + 'static>(
    exec: Exec,
    out: &Array,
    a: &Array,
    b: &Array,
    f: impl Fn(T, T) -> U + Copy + Send + Sync,
) -> Result<()> {
    for_each_run(exec, [out, a, b], |n, [o, x, y], [so, sx, sy]| {
        // SAFETY: `for_each_run` passes runs inside every array.
        unsafe {
            let (x, y) = (x.cast_const(), y.cast_const());
            if exec.vector {
                simd::binary(n, x, sx, y, sy, o, so, f)
            } else {
                reference::binary(n, x, sx, y, sy, o, so, f)
            }
        }
    })
}

/// Runs `out[i] = f(a[i], b[i], c[i])` over `out`'s shape as `exec` says.
pub(crate) fn run_ternary<A: Copy + 'static, T: Copy + 'static, U: Copy + 'static>(
    exec: Exec,
    out: &Array,
    inputs: [&Array; 3],
    f: impl Fn(A, T, T) -> U + Copy + Send + Sync,
) -> Result<()> {
    let [a, b, c] = inputs;
    for_each_run(exec, [out, a, b, c], |n, [o, x, y, z], [so, sx, sy, sz]| {
        let ptrs = [x, y, z].map(|p| p.cast_const());
        // SAFETY: `for_each_run` passes runs inside every array.
        unsafe {
            if exec.vector {
                simd::ternary(n, ptrs, [sx, sy, sz], o, so, f)
            } else {
                reference::ternary(n, ptrs, [sx, sy, sz], o, so, f)
            }
        }
    })
}

/// Sets every element of `a` to `value` (a plain store loop: it runs as the copy op's entry says).
pub(crate) fn fill_with<T: Element>(exec: Exec, a: &Array, value: T) {
    // A lone array never fails to broadcast to its own shape.
    let _ = for_each_run(exec, [a], |n, [base], [stride]| {
        for i in 0..n {
            // SAFETY: i < n, inside the run.
            unsafe { reference::store(base, stride, i, value) }
        }
    });
}
