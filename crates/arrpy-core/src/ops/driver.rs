//! The one N-d driver of elementwise loops (elementwise ops, casts and copies, fills).
//!
//! `for_each_run` walks the output's shape (inputs broadcast to it) as 1-d runs, on one thread
//! or in chunks on the pool, and hands each run to a kernel; `run_unary`, `run_binary`,
//! `run_ternary` and `fill_with` are its typed forms. What runs is an `Exec` from the op table
//! (the vectorized or the reference loop, threads or not), recorded in `kernels::trace`.

use crate::array::Array;
use crate::dtype::Element;
use crate::error::Result;
use crate::fp_status::{self, FpValue, Rule};
use crate::iter::LoopPlan;
use crate::kernels::simd::Watched;
use crate::kernels::trace;
use crate::kernels::{parallel, reference, simd, Exec, SendPtr};
use crate::layout::Strides;
use crate::overlap::may_overlap_itself;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicU8, Ordering};

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

/// Output bytes per block of the floating-point check: a block's inputs and output are still in
/// L1 when it is checked, so the check costs a pass over cached data, not over memory.
pub(crate) const CHECK_BLOCK_BYTES: usize = 16 * 1024;

/// As `for_each_run` for an op whose inputs (operands 1..N) are `T` and output `U`, also
/// finding the floating-point flags it raises (`fp_status`) and reporting them under the op's
/// name. The kernel's last argument asks it to watch its output (`simd::Watched`). For a float
/// `U`, each run is computed a block at a time, watched by the kernel's vector loop or else
/// counted for non-finite values while in cache; only a block holding one is classified
/// element by element. Where an input is the output itself (`a += b`), `guarded` (a
/// `simd::binary_in_place_guarded`) writes the block up to its first non-finite result, or
/// declines (`None`); the rest is computed from a copy of that input, so the classification
/// still sees the values the block read.
pub(crate) fn for_each_checked_run<const N: usize, T: FpValue, U: FpValue>(
    exec: Exec,
    ops: [&Array; N],
    kernel: impl Fn(usize, [*mut u8; N], [isize; N], bool) -> Watched + Send + Sync,
    guarded: impl Fn(usize, [*mut u8; N], [isize; N]) -> Option<usize> + Send + Sync,
) -> Result<()> {
    if !U::CHECKED {
        return for_each_run(exec, ops, |n, ptrs, strides| {
            kernel(n, ptrs, strides, false);
        });
    }
    let block = CHECK_BLOCK_BYTES / std::mem::size_of::<U>();
    let raised = AtomicU8::new(0);
    for_each_run(exec, ops, |n, ptrs, strides| {
        let mut flags = 0;
        let mut start = 0;
        while start < n {
            let len = block.min(n - start);
            let at = std::array::from_fn(|k| {
                // SAFETY: start < n, so the block starts inside the run.
                unsafe { ptrs[k].offset(start as isize * strides[k]) }
            });
            // SAFETY: the block is `len` elements of the run, inside every operand.
            flags |=
                unsafe { checked_block::<N, T, U>(exec.op, len, at, strides, &kernel, &guarded) };
            start += len;
        }
        if flags != 0 {
            raised.fetch_or(flags, Ordering::Relaxed);
        }
    })?;
    fp_status::report(exec.op, raised.into_inner());
    Ok(())
}

thread_local! {
    /// Per-thread room for the copies `checked_block` makes of inputs the kernel overwrites
    /// (kept between calls: in-place ops copy every block).
    static SAVED_INPUTS: std::cell::RefCell<Vec<u128>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Computes one block with `kernel` and returns the flags it raised.
///
/// # Safety
/// `ptrs[k]` with `strides[k]` address `len` elements inside operand k: operand 0 of type
/// `U`, the others of type `T`; an input shares memory with the output only by being exactly
/// it (same pointer and stride).
unsafe fn checked_block<const N: usize, T: FpValue, U: FpValue>(
    op: &'static str,
    len: usize,
    ptrs: [*mut u8; N],
    strides: [isize; N],
    kernel: &impl Fn(usize, [*mut u8; N], [isize; N], bool) -> Watched,
    guarded: &impl Fn(usize, [*mut u8; N], [isize; N]) -> Option<usize>,
) -> u8 {
    if (1..N).any(|k| ptrs[k] == ptrs[0] && strides[k] == strides[0]) {
        let done = guarded(len, ptrs, strides).unwrap_or(0);
        if done == len {
            return 0;
        }
        // SAFETY: done < len: the rest of the block, inside every operand.
        let rest = std::array::from_fn(|k| ptrs[k].offset(done as isize * strides[k]));
        return checked_block_in_place::<N, T, U>(op, len - done, rest, strides, kernel);
    }
    let watched = kernel(len, ptrs, strides, true);
    check_block::<N, T, U>(op, len, ptrs, strides, watched)
}

/// `checked_block` where the output is also an input: that input's block is copied first and
/// the kernel reads the copy, so the check sees the values the kernel read.
///
/// # Safety
/// As `checked_block`.
#[inline(never)]
unsafe fn checked_block_in_place<const N: usize, T: FpValue, U: FpValue>(
    op: &'static str,
    len: usize,
    mut ptrs: [*mut u8; N],
    mut strides: [isize; N],
    kernel: &impl Fn(usize, [*mut u8; N], [isize; N], bool) -> Watched,
) -> u8 {
    let elem = std::mem::size_of::<T>();
    // u128 words: aligned for every element type.
    let words = (len * elem).div_ceil(16);
    SAVED_INPUTS.with(|saved| {
        let mut saved = saved.borrow_mut();
        if saved.len() < words {
            saved.resize(words, 0);
        }
        let copy = saved.as_mut_ptr().cast::<T>();
        let (out, out_stride) = (ptrs[0], strides[0]);
        if out_stride == elem as isize {
            std::ptr::copy_nonoverlapping(out.cast_const(), copy.cast::<u8>(), len * elem);
        } else {
            for i in 0..len {
                copy.add(i).write(reference::load::<T>(out, out_stride, i));
            }
        }
        for k in 1..N {
            if ptrs[k] == out && strides[k] == out_stride {
                ptrs[k] = copy.cast();
                strides[k] = elem as isize;
            }
        }
        let watched = kernel(len, ptrs, strides, true);
        check_block::<N, T, U>(op, len, ptrs, strides, watched)
    })
}

/// The flags raised by a computed block: what the kernel's loop saw of its output (`watched`)
/// or else a vectorized count of its non-finite outputs, and only where there are some, each
/// one classified against its inputs.
///
/// # Safety
/// As `checked_block`, with the block computed (every output element written) and the inputs
/// holding the values it was computed from.
unsafe fn check_block<const N: usize, T: FpValue, U: FpValue>(
    op: &'static str,
    len: usize,
    ptrs: [*mut u8; N],
    strides: [isize; N],
    watched: Watched,
) -> u8 {
    let out_elem = std::mem::size_of::<U>() as isize;
    let bad = if let Some(found) = watched {
        found as usize
    } else if strides[0] == out_elem {
        // SAFETY: a contiguous run of `len` initialized elements of type U (just written).
        U::count_non_finite(std::slice::from_raw_parts(ptrs[0].cast::<U>(), len))
    } else {
        (0..len)
            .filter(|&i| !reference::load::<U>(ptrs[0], strides[0], i).is_finite_value())
            .count()
    };
    if bad == 0 {
        return 0;
    }
    let rule = Rule::of(op);
    let mut flags = 0;
    let mut inputs = [MaybeUninit::<T>::uninit(); N];
    for i in 0..len {
        let out = reference::load::<U>(ptrs[0], strides[0], i);
        if out.is_finite_value() {
            continue;
        }
        for k in 1..N {
            inputs[k - 1] = MaybeUninit::new(reference::load::<T>(ptrs[k], strides[k], i));
        }
        // SAFETY: the first N - 1 entries were written just above.
        let inputs = std::slice::from_raw_parts(inputs.as_ptr().cast::<T>(), N - 1);
        flags |= fp_status::classify(rule, inputs, out);
    }
    flags
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
pub(crate) fn run_unary<T: FpValue, U: FpValue>(
    exec: Exec,
    out: &Array,
    a: &Array,
    f: impl Fn(T) -> U + Copy + Send + Sync,
) -> Result<()> {
    for_each_checked_run::<2, T, U>(
        exec,
        [out, a],
        |n, [o, x], [so, sx], watch| {
            let x = x.cast_const();
            // SAFETY: `for_each_run` passes runs inside both arrays.
            unsafe {
                if !exec.vector {
                    reference::unary(n, x, sx, o, so, f);
                    None
                } else if watch {
                    simd::unary::<T, U, true>(n, x, sx, o, so, f)
                } else {
                    simd::unary::<T, U, false>(n, x, sx, o, so, f)
                }
            }
        },
        |n, [o, x], [so, sx]| {
            // SAFETY: as the kernel's.
            exec.vector
                .then(|| unsafe { simd::unary_in_place_guarded(n, x.cast_const(), sx, o, so, f) })
                .flatten()
        },
    )
}

/// As `run_unary` with a hand-vectorized kernel for contiguous runs where `exec` vectorizes:
/// `vector(n, x, out)` computes exactly what `f` would and says whether a result is infinite
/// or NaN (or returns `None`, writing nothing, where the CPU lacks its instruction set; the
/// generic loop runs then). In place, it reads a copy of its input (the kernels write whole
/// runs: no guarded loop).
pub(crate) fn run_unary_vector<T: FpValue>(
    exec: Exec,
    out: &Array,
    a: &Array,
    f: impl Fn(T) -> T + Copy + Send + Sync,
    vector: unsafe fn(usize, *const T, *mut T) -> Option<bool>,
) -> Result<()> {
    let elem = std::mem::size_of::<T>() as isize;
    for_each_checked_run::<2, T, T>(
        exec,
        [out, a],
        |n, [o, x], [so, sx], watch| {
            let x = x.cast_const();
            // SAFETY: `for_each_run` passes runs inside both arrays; with unit strides they
            // are `n` contiguous elements, and an output shares memory with an input only by being
            // exactly it (`with_output`).
            unsafe {
                if !exec.vector {
                    reference::unary(n, x, sx, o, so, f);
                    return None;
                }
                if sx == elem && so == elem {
                    if let Some(found) = vector(n, x.cast(), o.cast()) {
                        return Some(found);
                    }
                }
                if watch {
                    simd::unary::<T, T, true>(n, x, sx, o, so, f)
                } else {
                    simd::unary::<T, T, false>(n, x, sx, o, so, f)
                }
            }
        },
        |_, _, _| None,
    )
}

/// As `run_unary` for a function split into a vectorizable `fast` path, a `needs_slow`
/// predicate and a scalar `slow` path (see `simd::unary_split`).
pub(crate) fn run_unary_split<T: FpValue>(
    exec: Exec,
    out: &Array,
    a: &Array,
    fast: impl Fn(T) -> T + Copy + Send + Sync,
    needs_slow: impl Fn(T) -> bool + Copy + Send + Sync,
    slow: impl Fn(T) -> T + Copy + Send + Sync,
) -> Result<()> {
    let complete = move |x: T| if needs_slow(x) { slow(x) } else { fast(x) };
    for_each_checked_run::<2, T, T>(
        exec,
        [out, a],
        |n, [o, x], [so, sx], watch| {
            let x = x.cast_const();
            // SAFETY: `for_each_run` passes runs inside both arrays.
            unsafe {
                if !exec.vector {
                    reference::unary(n, x, sx, o, so, complete);
                    None
                } else if watch {
                    simd::unary_split::<T, true>(n, x, sx, o, so, fast, needs_slow, slow)
                } else {
                    simd::unary_split::<T, false>(n, x, sx, o, so, fast, needs_slow, slow)
                }
            }
        },
        |_, _, _| None,
    ) // in place: from a copy (the split loop scans, then writes whole blocks)
}

/// Runs `out[i] = f(a[i], b[i])` over `out`'s shape as `exec` says.
pub(crate) fn run_binary<T: FpValue, U: FpValue>(
    exec: Exec,
    out: &Array,
    a: &Array,
    b: &Array,
    f: impl Fn(T, T) -> U + Copy + Send + Sync,
) -> Result<()> {
    for_each_checked_run::<3, T, U>(
        exec,
        [out, a, b],
        |n, [o, x, y], [so, sx, sy], watch| {
            let (x, y) = (x.cast_const(), y.cast_const());
            // SAFETY: `for_each_run` passes runs inside every array.
            unsafe {
                if !exec.vector {
                    reference::binary(n, x, sx, y, sy, o, so, f);
                    None
                } else if watch {
                    simd::binary::<T, U, true>(n, x, sx, y, sy, o, so, f)
                } else {
                    simd::binary::<T, U, false>(n, x, sx, y, sy, o, so, f)
                }
            }
        },
        |n, [o, x, y], [so, sx, sy]| {
            let (x, y) = (x.cast_const(), y.cast_const());
            // SAFETY: as the kernel's.
            exec.vector
                .then(|| unsafe { simd::binary_in_place_guarded(n, x, sx, y, sy, o, so, f) })
                .flatten()
        },
    )
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
