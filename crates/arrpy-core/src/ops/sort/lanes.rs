//! The lanes of an array along one axis (every 1-d run of elements along it), and how a
//! lane-by-lane op is spread over threads: many lanes go to threads whole, one long lane is
//! split inside its sort instead.

use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::error::{Error, Result};
use crate::kernels::{parallel, SendPtr, Tier};
use std::sync::Mutex;

/// Byte offsets (from `a.data_ptr()`) of the first element of every lane along `axis`, in C
/// order of the other axes.
pub fn lane_offsets(a: &Array, axis: usize) -> Result<Vec<isize>> {
    let (shape, strides) = (a.shape(), a.strides());
    let count: usize = shape
        .iter()
        .enumerate()
        .filter(|&(d, _)| d != axis)
        .map(|(_, &n)| n)
        .fold(1usize, usize::saturating_mul);
    let mut offsets = vec_with_capacity(count)?;
    if count == 0 {
        return Ok(offsets);
    }
    let outer: Vec<usize> = (0..shape.len()).filter(|&d| d != axis).collect();
    let mut index = vec![0usize; outer.len()];
    let mut offset = 0isize;
    loop {
        offsets.push(offset);
        // Next index in C order (an odometer over the other axes), offset kept in step.
        let mut k = outer.len();
        loop {
            if k == 0 {
                return Ok(offsets);
            }
            k -= 1;
            let d = outer[k];
            index[k] += 1;
            offset += strides[d];
            if index[k] < shape[d] {
                break;
            }
            offset -= strides[d] * shape[d] as isize;
            index[k] = 0;
        }
    }
}

/// How a call over `lanes` lanes of `n` elements runs at `tier`.
#[derive(Copy, Clone, Debug)]
pub struct Plan {
    pub tier: Tier,
    /// Lanes are shared out to threads whole.
    pub lanes_threaded: bool,
    /// Chunks each lane's sort is split into (1: on one thread).
    pub inner_chunks: usize,
}

impl Plan {
    pub fn new(tier: Tier, lanes: usize, n: usize) -> Plan {
        let total = lanes.saturating_mul(n);
        let threads = parallel::num_threads();
        let mut plan = Plan {
            tier,
            lanes_threaded: false,
            inner_chunks: 1,
        };
        if tier == Tier::Parallel && parallel::splits(total) {
            if lanes >= 2 * threads {
                plan.lanes_threaded = true;
            } else if parallel::splits(n) {
                plan.inner_chunks = threads;
            }
        }
        plan
    }

    pub fn threaded(&self) -> bool {
        self.lanes_threaded || self.inner_chunks > 1
    }

    /// The simd tier's loops or better ran (for the trace).
    pub fn vector(&self) -> bool {
        self.tier != Tier::Reference
    }
}

/// Runs `body(lane)` for every lane in `0..lanes`: in chunks of lanes on threads when the plan
/// says so. `make_state` builds each chunk's scratch space (fallibly); the first error is
/// returned.
pub fn run_lanes<S>(
    plan: &Plan,
    lanes: usize,
    make_state: impl Fn() -> Result<S> + Sync,
    body: impl Fn(&mut S, usize) + Sync,
) -> Result<()> {
    if !plan.lanes_threaded {
        let mut state = make_state()?;
        (0..lanes).for_each(|l| body(&mut state, l));
        return Ok(());
    }
    let chunks = (parallel::num_threads() * 4).min(lanes).max(1);
    let failure: Mutex<Option<Error>> = Mutex::new(None);
    parallel::share(chunks, |c| match make_state() {
        Ok(mut state) => {
            (c * lanes / chunks..(c + 1) * lanes / chunks).for_each(|l| body(&mut state, l))
        }
        Err(e) => *failure.lock().unwrap_or_else(|p| p.into_inner()) = Some(e),
    });
    match failure.into_inner().unwrap_or_else(|p| p.into_inner()) {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `f` over matching chunks of `out` and `input` (equally long), on `threads` threads.
pub fn zip_chunks<A: Send, B: Sync>(
    threads: usize,
    out: &mut [A],
    input: &[B],
    f: impl Fn(&mut [A], &[B]) + Sync,
) {
    fill_chunks(threads, out, |start, o| {
        f(o, &input[start..start + o.len()])
    })
}

/// `f(start, chunk)` over chunks of `out` (`start`: the chunk's first position), on `threads`
/// threads.
pub fn fill_chunks<A: Send>(threads: usize, out: &mut [A], f: impl Fn(usize, &mut [A]) + Sync) {
    if threads <= 1 || out.is_empty() {
        return f(0, out);
    }
    let size = out.len().div_ceil(threads * 4);
    let parts: Vec<Mutex<Option<&mut [A]>>> =
        out.chunks_mut(size).map(|p| Mutex::new(Some(p))).collect();
    parallel::share(parts.len(), |c| {
        if let Some(part) = parts[c].lock().ok().and_then(|mut p| p.take()) {
            f(c * size, part)
        }
    });
}

/// Whether `f` is true of every chunk of `v`, asked on `threads` threads.
pub fn all_chunks<A: Sync>(threads: usize, v: &[A], f: impl Fn(&[A]) -> bool + Sync) -> bool {
    if threads <= 1 || v.is_empty() {
        return f(v);
    }
    let all = std::sync::atomic::AtomicBool::new(true);
    let size = v.len().div_ceil(threads * 4);
    let chunks: Vec<&[A]> = v.chunks(size).collect();
    parallel::share(chunks.len(), |c| {
        if !f(chunks[c]) {
            all.store(false, std::sync::atomic::Ordering::Relaxed);
        }
    });
    all.into_inner()
}

/// The lane of `n` elements at `ptr` (stride `stride` bytes) as a slice, when it is
/// contiguous and aligned (else None: read it with `read_lane`).
///
/// # Safety
/// `ptr` must address `n` readable elements of `T` at `stride`, not written while the slice
/// lives.
pub unsafe fn lane_slice<'a, T>(ptr: *const u8, stride: isize, n: usize) -> Option<&'a [T]> {
    (stride == std::mem::size_of::<T>() as isize
        && (ptr as usize).is_multiple_of(std::mem::align_of::<T>()))
    .then(|| std::slice::from_raw_parts(ptr.cast::<T>(), n))
}

/// Copies the lane of `n` elements at `ptr` (stride `stride` bytes) into `out` (whose
/// capacity the caller reserved, fallibly, for `n`).
///
/// # Safety
/// `ptr` must address `n` readable elements of `T` at `stride`.
pub unsafe fn gather<T: Copy + Default>(ptr: *const u8, stride: isize, n: usize, out: &mut Vec<T>) {
    out.clear();
    match lane_slice::<T>(ptr, stride, n) {
        // One pass: no zeroing of `out` first.
        Some(lane) => out.extend_from_slice(lane),
        None => {
            out.resize(n, T::default());
            read_lane(ptr, stride, out);
        }
    }
}

/// Copies the lane at `ptr` (stride `stride` bytes) into `out`, one element per slot.
///
/// # Safety
/// `ptr` must address `out.len()` readable elements of `T` at `stride`, outside `out`.
pub unsafe fn read_lane<T: Copy>(ptr: *const u8, stride: isize, out: &mut [T]) {
    if stride == std::mem::size_of::<T>() as isize {
        std::ptr::copy_nonoverlapping(
            ptr,
            out.as_mut_ptr().cast::<u8>(),
            std::mem::size_of_val(out),
        );
        return;
    }
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = ptr.offset(i as isize * stride).cast::<T>().read_unaligned();
    }
}

/// The `n` elements at `ptr + offset` as a mutable slice.
///
/// # Safety
/// They must be `n` contiguous, aligned, initialized elements of `T` that nothing else
/// touches while the slice lives.
pub unsafe fn lane_mut<'a, T>(ptr: SendPtr, offset: isize, n: usize) -> &'a mut [T] {
    std::slice::from_raw_parts_mut(ptr.get().offset(offset).cast::<T>(), n)
}

/// Writes `values` to the lane at `ptr` (stride `stride` bytes).
///
/// # Safety
/// `ptr` must address `values.len()` writable elements of `T` at `stride`, which no other
/// thread touches meanwhile.
pub unsafe fn scatter<T: Copy>(values: &[T], ptr: SendPtr, stride: isize) {
    if stride == std::mem::size_of::<T>() as isize {
        std::ptr::copy_nonoverlapping(
            values.as_ptr().cast::<u8>(),
            ptr.get(),
            values.len() * stride as usize,
        );
        return;
    }
    for (i, &v) in values.iter().enumerate() {
        ptr.get()
            .offset(i as isize * stride)
            .cast::<T>()
            .write_unaligned(v);
    }
}

/// All elements of `a` (which must be of `T`'s dtype) in C order: borrowed when `a` is
/// C-contiguous and aligned for `T`, else a copy.
pub fn elements<T: crate::dtype::Element>(a: &Array) -> Result<std::borrow::Cow<'_, [T]>> {
    let ptr = a.data_ptr().cast::<T>();
    if a.dtype() == T::DTYPE && a.is_c_contiguous() && ptr.is_aligned() && a.size() > 0 {
        // SAFETY: a C-contiguous view of `size` elements of T, aligned, inside a buffer that
        // `a` keeps alive for the borrow. (Writes by other threads meanwhile are the caller's
        // race, as for every kernel reading array memory.)
        return Ok(std::borrow::Cow::Borrowed(unsafe {
            std::slice::from_raw_parts(ptr, a.size())
        }));
    }
    Ok(std::borrow::Cow::Owned(a.to_vec::<T>()?))
}

/// A Vec of `n` copies of `value`, or MemoryError.
pub fn filled<T: Copy>(n: usize, value: T) -> Result<Vec<T>> {
    let mut v = vec_with_capacity(n)?;
    v.resize(n, value);
    Ok(v)
}
