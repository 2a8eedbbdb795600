//! `a[key]` for keys with advanced items: the gather kernels at three tiers.
//!
//! - reference: every element of the result in C order, its source offset walked by plain
//!   loops (row offset + inner position).
//! - simd: typed loops per element size: a whole-array boolean mask compresses in one branchless
//!   pass (`compress`), a 1-d array taken by integer indices normalizes, checks and loads in one
//!   pass (`take`), and anything else copies row by row (`gather`).
//! - parallel: the same loops on chunks of the result, on the pool (`kernels::parallel`); the
//!   mask is counted per chunk first (`nonzero::count_true`, a block of bytes at a time), so
//!   each chunk knows where its output starts.
//!
//! Every tier gives the same result (elements are copied, never computed).

use super::selection::{bits_dtype, Selection, StridedOffsets};
use crate::array::Array;
use crate::error::{Error, Result};
use crate::index::{Advanced, Resolved};
use crate::iter::LoopPlan;
use crate::kernels::parallel::{self, share};
use crate::kernels::{current_tier, trace, Exec, SendPtr};
use crate::optable::{COMPRESS_INFO, GATHER_INFO, TAKE_INFO};
use crate::with_dtype;
use smallvec::SmallVec;

/// The elements `r` selects, as a new C-contiguous array.
pub fn gather(r: &Resolved) -> Result<Array> {
    let tier = current_tier();
    let dtype = r.view.dtype();
    if let [adv] = r.advanced.as_slice() {
        let whole = adv.axis == 0 && adv.axes() == r.view.ndim() && r.view.ndim() > 0;
        match &adv.item {
            Advanced::BoolMask(m) if whole => {
                let exec = COMPRESS_INFO.exec(tier, dtype);
                if exec.vector {
                    if let Some(out) = compress(exec, &r.view, m)? {
                        return Ok(out);
                    }
                }
            }
            Advanced::IntArray(idx) if whole => {
                let exec = TAKE_INFO.exec(tier, dtype);
                if exec.vector {
                    return take_1d(exec, &r.view, idx, adv.src_axis);
                }
            }
            _ => {}
        }
    }
    let sel = Selection::new(r)?;
    let out = Array::empty(dtype, &sel.shape)?;
    let exec = GATHER_INFO.exec(tier, dtype);
    let threaded = exec.threads && parallel::splits(out.size());
    trace::record(exec.op, dtype, exec.vector, threaded);
    with_dtype!(bits_dtype(dtype), T => {
        if exec.vector {
            gather_rows::<T>(&sel, &out, threaded)
        } else {
            gather_reference::<T>(&sel, &out)
        }
    });
    Ok(out)
}

/// The reference loop: each result element in C order, read at its row's offset plus its
/// inner position.
fn gather_reference<T: Copy>(sel: &Selection, out: &Array) {
    let (src, dst) = (sel.view.data_ptr(), out.data_ptr().cast::<T>());
    let mut k = 0;
    for row in 0..sel.rows() {
        let base = sel.row_offset(row);
        for inner in StridedOffsets::new(&sel.inner_shape, &sel.inner_strides) {
            // SAFETY: every offset was bounds-checked (`advanced_offsets`) or comes from the
            // view's own shape and strides; `out` has `rows * inner_size` elements.
            unsafe {
                dst.add(k)
                    .write(src.offset(base + inner).cast::<T>().read_unaligned())
            };
            k += 1;
        }
    }
}

/// The simd and parallel loop: row by row, each inner block copied as strided runs.
fn gather_rows<T: Copy>(sel: &Selection, out: &Array, threaded: bool) {
    let (src, dst) = (SendPtr(sel.view.data_ptr()), SendPtr(out.data_ptr()));
    let plan = LoopPlan::<1>::in_c_order(&sel.inner_shape, [&sel.inner_strides]);
    let inner = sel.inner_size;
    let rows = |r0: usize, r1: usize| {
        let dst = dst.get().cast::<T>();
        for row in r0..r1 {
            let base = sel.row_offset(row);
            // SAFETY: as in `gather_reference`; rows r0..r1 are this chunk's own output.
            unsafe {
                let mut d = dst.add(row * inner);
                if inner == 1 {
                    d.write(src.get().offset(base).cast::<T>().read_unaligned());
                    continue;
                }
                plan.for_each_run(0, inner, |len, [o], [s]| {
                    let p = src.get().offset(base + o);
                    copy_run(len, p, s, d);
                    d = d.add(len);
                });
            }
        }
    };
    if threaded {
        let n = sel.rows();
        let chunks = chunk_count(out.size(), n);
        share(chunks, |c| rows(c * n / chunks, (c + 1) * n / chunks));
    } else {
        rows(0, sel.rows());
    }
}

/// Copies `len` elements from `src` (byte stride `s`) to the contiguous `dst`.
///
/// # Safety
/// `src` must address `len` readable elements at stride `s`; `dst` must have room for `len`.
#[inline(always)]
unsafe fn copy_run<T: Copy>(len: usize, src: *const u8, s: isize, dst: *mut T) {
    if s == std::mem::size_of::<T>() as isize {
        std::ptr::copy_nonoverlapping(src, dst.cast::<u8>(), len * std::mem::size_of::<T>());
    } else {
        for i in 0..len {
            dst.add(i)
                .write(src.offset(i as isize * s).cast::<T>().read_unaligned());
        }
    }
}

/// Chunks for `work` elements of output over `items` units: a few per thread, none tiny.
fn chunk_count(work: usize, items: usize) -> usize {
    (parallel::num_threads() * 4)
        .min(work / (parallel::MIN_PARALLEL_ELEMENTS / 4))
        .min(items)
        .max(1)
}

/// `a[mask]` with a mask over every axis, where the view and the mask can be walked as one run
/// each (1-d, or both C-contiguous). None when the layout does not allow it.
fn compress(exec: Exec, view: &Array, mask: &Array) -> Result<Option<Array>> {
    let (n, stride) = match view.ndim() {
        1 => (view.size(), view.strides()[0]),
        _ if view.is_c_contiguous() => (view.size(), view.itemsize() as isize),
        _ => return Ok(None),
    };
    let mask = mask.to_contiguous()?;
    // SAFETY: a C-contiguous bool array, one byte per element, `n` of them (the mask's shape
    // matches the view's, checked by `resolve`).
    let bytes = unsafe { std::slice::from_raw_parts(mask.data_ptr() as *const u8, n) };
    let threaded = exec.threads && parallel::splits(n);
    let chunks = if threaded { chunk_count(n, n) } else { 1 };
    // Each chunk's true count, then its first output position.
    let mut starts: SmallVec<[usize; 64]> = SmallVec::from_elem(0, chunks + 1);
    {
        let counts: SmallVec<[std::sync::atomic::AtomicUsize; 64]> =
            (0..chunks).map(|_| Default::default()).collect();
        let count = |c: usize| {
            let part = &bytes[c * n / chunks..(c + 1) * n / chunks];
            let k = super::nonzero::count_true(part);
            counts[c].store(k, std::sync::atomic::Ordering::Relaxed);
        };
        if threaded {
            share(chunks, count);
        } else {
            count(0);
        }
        for c in 0..chunks {
            starts[c + 1] = starts[c] + counts[c].load(std::sync::atomic::Ordering::Relaxed);
        }
    }
    let out = Array::empty(view.dtype(), &[starts[chunks]])?;
    trace::record(exec.op, view.dtype(), true, threaded);
    let (src, dst) = (SendPtr(view.data_ptr()), SendPtr(out.data_ptr()));
    with_dtype!(bits_dtype(view.dtype()), T => {
        let body = |c: usize| {
            let (i0, i1) = (c * n / chunks, (c + 1) * n / chunks);
            // SAFETY: elements i0..i1 of the view are readable at `stride`; this chunk's true
            // count is starts[c + 1] - starts[c], its own part of `out`.
            unsafe {
                compress_run::<T>(
                    &bytes[i0..i1],
                    src.get().offset(i0 as isize * stride),
                    stride,
                    dst.get().cast::<T>().add(starts[c]),
                )
            }
        };
        if threaded { share(chunks, body) } else { body(0) }
    });
    Ok(Some(out))
}

/// Writes the elements of `src` whose mask byte is non-zero to `dst`, in order. Branchless: each
/// element is stored at the next output slot, which advances only past a selected one; up to
/// the last selected element there is always a slot left, so no store leaves `dst`'s room.
///
/// # Safety
/// `src` must address `mask.len()` readable elements at byte stride `stride`; `dst` must have
/// room for as many elements as `mask` has non-zero bytes.
unsafe fn compress_run<T: Copy>(mask: &[u8], src: *const u8, stride: isize, dst: *mut T) {
    let Some(last) = mask.iter().rposition(|&b| b != 0) else {
        return;
    };
    let mut k = 0usize;
    for (i, &b) in mask[..last].iter().enumerate() {
        dst.add(k)
            .write(src.offset(i as isize * stride).cast::<T>().read_unaligned());
        k += (b != 0) as usize;
    }
    dst.add(k).write(
        src.offset(last as isize * stride)
            .cast::<T>()
            .read_unaligned(),
    );
}

/// `dst[j] = src[idx[j]]` for `j < n`, an index `i < 0` counting from the end: one pass with no
/// branch on the data. An index outside `[-len, len)` loads element 0 in its place (harmless:
/// the caller raises and drops the output) and makes the result false.
///
/// # Safety
/// `idx` and `dst` address `n` int64 (unaligned allowed) and `T` elements; `src` addresses
/// `len > 0` elements of `T` at byte stride `stride`.
#[inline(always)]
unsafe fn gather_run<T: Copy>(
    idx: *const i64,
    dst: *mut T,
    n: usize,
    src: *const u8,
    stride: isize,
    len: i64,
) -> bool {
    let mut ok = true;
    for j in 0..n {
        let i = idx.add(j).read_unaligned();
        let i = if i < 0 { i + len } else { i };
        let inside = (i as u64) < len as u64;
        ok &= inside;
        let i = if inside { i } else { 0 };
        dst.add(j)
            .write(src.offset(i as isize * stride).cast::<T>().read_unaligned());
    }
    ok
}

/// `Some(gather_run(…))` by AVX-512's gather when the elements are contiguous and of 8 bytes
/// and the CPU has it; None otherwise.
///
/// # Safety
/// As `gather_run`, with `size` the element size.
#[inline(always)]
unsafe fn gather_words(
    idx: *const i64,
    dst: *mut u64,
    n: usize,
    src: *const u8,
    stride: isize,
    size: isize,
    len: i64,
) -> Option<bool> {
    #[cfg(target_arch = "x86_64")]
    if size == 8 && stride == 8 && crate::kernels::cpu::has_avx512() {
        return Some(gather_words_avx512(idx, dst, n, src, len));
    }
    let _ = (idx, dst, n, src, stride, size, len);
    None
}

/// `gather_run` of contiguous 8-byte elements by AVX-512's gather: eight indices wrapped,
/// checked and loaded per instruction (lanes whose index is outside load nothing).
///
/// # Safety
/// As `gather_run` with `T` of 8 bytes and `stride` 8; the CPU has AVX-512F.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
unsafe fn gather_words_avx512(
    idx: *const i64,
    dst: *mut u64,
    n: usize,
    src: *const u8,
    len: i64,
) -> bool {
    use std::arch::x86_64::*;
    let (vlen, zero) = (_mm512_set1_epi64(len), _mm512_setzero_si512());
    let mut inside: __mmask8 = 0xFF;
    let mut j = 0;
    while j + 8 <= n {
        let i = _mm512_loadu_si512(idx.add(j).cast());
        let i = _mm512_mask_add_epi64(i, _mm512_cmplt_epi64_mask(i, zero), i, vlen);
        let ok = _mm512_cmplt_epu64_mask(i, vlen);
        inside &= ok;
        let v = _mm512_mask_i64gather_epi64::<8>(zero, ok, i, src.cast::<i64>());
        _mm512_storeu_si512(dst.add(j).cast(), v);
        j += 8;
    }
    inside == 0xFF && gather_run::<u64>(idx.add(j), dst.add(j), n - j, src, 8, len)
}

/// `a[idx]` for a 1-d `a`: one pass normalizes, checks and loads each index.
fn take_1d(exec: Exec, view: &Array, idx: &Array, axis: usize) -> Result<Array> {
    let idx = if idx.dtype() == crate::dtype::DType::Int64 {
        idx.to_contiguous()?
    } else {
        // Other integer dtypes (and the refusal of non-integers) go through the checked path.
        let v = super::offsets::normalized_indices(idx, view.size(), axis)?;
        Array::from_vec(v, idx.shape())?
    };
    let out = Array::empty(view.dtype(), idx.shape())?;
    let n = idx.size();
    let threaded = exec.threads && parallel::splits(n);
    trace::record(exec.op, view.dtype(), true, threaded);
    let (len, stride) = (view.shape()[0] as i64, view.strides()[0]);
    let (src, dst, ip) = (
        SendPtr(view.data_ptr()),
        SendPtr(out.data_ptr()),
        SendPtr(idx.data_ptr()),
    );
    let failed = std::sync::atomic::AtomicBool::new(len == 0 && n > 0);
    with_dtype!(bits_dtype(view.dtype()), T => {
        let body = |c: usize, chunks: usize| {
            let (j0, j1) = (c * n / chunks, (c + 1) * n / chunks);
            if failed.load(std::sync::atomic::Ordering::Relaxed) {
                return;
            }
            // SAFETY: `idx` is C-contiguous int64 with n elements and `out` has n; `view` has
            // `len` > 0 elements at `stride` (a failed flag from len == 0 returned above).
            let ok = unsafe {
                let (ip, dst) = (ip.get().cast::<i64>().add(j0), dst.get().cast::<T>().add(j0));
                let src = src.get();
                let size = std::mem::size_of::<T>() as isize;
                if let Some(ok) = gather_words(ip, dst.cast(), j1 - j0, src, stride, size, len) {
                    ok
                } else if stride == size {
                    // The contiguous case separately: the stride is then a constant.
                    gather_run::<T>(ip, dst, j1 - j0, src, size, len)
                } else {
                    gather_run::<T>(ip, dst, j1 - j0, src, stride, len)
                }
            };
            if !ok {
                failed.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        };
        if threaded {
            let chunks = chunk_count(n, n);
            share(chunks, |c| body(c, chunks));
        } else {
            body(0, 1);
        }
    });
    if failed.into_inner() {
        // The checked path names the first bad index, as NumPy.
        super::offsets::normalized_indices(&idx, view.size(), axis)?;
        return Err(Error::Index("index out of bounds".into()));
    }
    Ok(out)
}
