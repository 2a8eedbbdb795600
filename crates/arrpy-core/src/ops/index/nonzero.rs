//! Where an array is non-zero: `nonzero` (one index array per axis), `argwhere` (one row per
//! non-zero element), `flatnonzero` (C-order positions). An element counts when `x != 0` (so
//! NaN counts and -0.0 does not), as NumPy.
//!
//! Every tier walks the array in C order as stretches of rows of its last axis, counts the
//! non-zero elements (to size the output exactly and fallibly), then writes their positions:
//! - reference: two plain loops over the elements, one counting, one writing each position.
//! - simd: the count runs blocks of up to 255 elements into byte-wide counters (a vector
//!   instruction tests 32-64 one-byte elements at once); the fill is branchless (each element's
//!   position is written at the next slot, which advances only past a non-zero one).
//! - parallel: the same loops on chunks of the elements: each chunk is counted on a thread, a
//!   prefix sum of the counts gives each chunk its first output slot, and each chunk fills its
//!   own range on a thread.
//!
//! Every tier writes the same positions in the same order.

use crate::array::Array;
use crate::dtype::element::CastTo;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::kernels::parallel::{self, share};
use crate::kernels::{current_tier, trace, SendPtr};
use crate::optable::NONZERO_INFO;
use crate::with_dtype;
use smallvec::SmallVec;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `numpy.nonzero(a)`: for each axis, the int64 positions of the non-zero elements along it.
pub fn nonzero(a: &Array) -> Result<Vec<Array>> {
    if a.ndim() == 0 {
        return Err(Error::Value(
            "Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() \
             instead."
                .into(),
        ));
    }
    // One (ndim, count) array; each axis's positions are a C-contiguous row of it.
    let columns = positions(a, Form::Columns)?;
    (0..a.ndim())
        .map(|d| columns.index_axis(0, d as isize))
        .collect()
}

/// `numpy.argwhere(a)`: the coordinates of the non-zero elements of `a` (C order) as a
/// C-contiguous int64 array of shape (count, ndim).
pub fn argwhere(a: &Array) -> Result<Array> {
    if a.ndim() == 0 {
        // No coordinates to write: one empty row when the element is non-zero.
        let count = positions(a, Form::Flat)?.size();
        return Array::zeros(DType::Int64, &[count, 0]);
    }
    positions(a, Form::Rows)
}

/// `numpy.flatnonzero(a)`: the C-order positions of the non-zero elements.
pub fn flatnonzero(a: &Array) -> Result<Array> {
    positions(a, Form::Flat)
}

/// The number of non-zero bytes (true elements of a bool array), counted a block at a time.
pub fn count_true(bytes: &[u8]) -> usize {
    // SAFETY: a slice's bytes, read at stride 1.
    unsafe { count_run::<u8>(bytes.as_ptr(), 1, bytes.len()) }
}

/// How the positions are laid out in the int64 result.
#[derive(Copy, Clone, PartialEq, Eq)]
enum Form {
    /// (count,): flat C-order positions.
    Flat,
    /// (count, ndim): a row of coordinates per element.
    Rows,
    /// (ndim, count): a row of positions per axis.
    Columns,
}

/// The positions of `a`'s non-zero elements in `form`, at the current tier.
fn positions(a: &Array, form: Form) -> Result<Array> {
    // A 0-d array is walked as one row of one element.
    let (shape, strides): (SmallVec<[usize; 4]>, SmallVec<[isize; 4]>) = if a.ndim() == 0 {
        (SmallVec::from_elem(1, 1), SmallVec::from_elem(0, 1))
    } else {
        (a.shape().into(), a.strides().into())
    };
    let exec = NONZERO_INFO.exec(current_tier(), a.dtype());
    let size = a.size();
    let threaded = exec.threads && parallel::splits(size);
    trace::record(exec.op, a.dtype(), exec.vector, threaded);
    let walk = Walk {
        data: SendPtr(a.data_ptr()),
        shape: &shape,
        strides: &strides,
    };
    with_dtype!(a.dtype(), T => {
        if !exec.vector {
            positions_reference::<T>(&walk, form)
        } else {
            let chunks = if threaded { chunk_count(size) } else { 1 };
            positions_chunked::<T>(&walk, form, size, chunks)
        }
    })
}

/// Chunks for `size` elements: a few per thread, none tiny.
fn chunk_count(size: usize) -> usize {
    (parallel::num_threads() * 4)
        .min(size / (parallel::MIN_PARALLEL_ELEMENTS / 4))
        .max(1)
}

/// The reference loops: count every non-zero element, then write each one's position.
fn positions_reference<T: Copy + CastTo<bool>>(walk: &Walk, form: Form) -> Result<Array> {
    let mut count = 0;
    walk.stretches(0, walk.size(), |_, _, base, c0, c1| {
        for col in c0..c1 {
            // SAFETY: `stretches` gives positions of the array's own shape and strides.
            count += unsafe { walk.nonzero_at::<T>(base, col) } as usize;
        }
    });
    let (out, sink) = Sink::new(form, count, walk.shape)?;
    let mut k = 0;
    walk.stretches(0, walk.size(), |outer, row, base, c0, c1| {
        for col in c0..c1 {
            // SAFETY: as above; the second walk meets the same `count` non-zero elements, so
            // k < count at every write.
            unsafe {
                if walk.nonzero_at::<T>(base, col) {
                    sink.write(k, outer, row, col);
                    k += 1;
                }
            }
        }
    });
    Ok(out)
}

/// The simd loops on `chunks` chunks of the elements, on threads when there are several.
fn positions_chunked<T: Copy + CastTo<bool>>(
    walk: &Walk,
    form: Form,
    size: usize,
    chunks: usize,
) -> Result<Array> {
    let bounds = |c: usize| (c * size / chunks, (c + 1) * size / chunks);
    let counts: Vec<AtomicUsize> = (0..chunks).map(|_| AtomicUsize::new(0)).collect();
    let count = |c: usize| {
        let (f0, f1) = bounds(c);
        let mut n = 0;
        walk.stretches(f0, f1, |_, _, base, c0, c1| {
            // SAFETY: the stretch's elements are the array's own.
            n += unsafe { count_run::<T>(walk.element(base, c0), walk.inner_stride(), c1 - c0) };
        });
        counts[c].store(n, Ordering::Relaxed);
    };
    let fill_sink = |sink: &Sink, starts: &[usize], c: usize| {
        let (f0, f1) = bounds(c);
        let mut k = starts[c];
        walk.stretches(f0, f1, |outer, row, base, c0, c1| {
            // SAFETY: the stretch's elements are the array's own; chunk c's non-zero elements
            // take the slots starts[c]..starts[c + 1], which no other chunk writes.
            k = unsafe {
                fill_run::<T>(
                    walk.element(base, 0),
                    walk.inner_stride(),
                    c0,
                    c1,
                    k,
                    |k, col| sink.write(k, outer, row, col),
                )
            };
        });
    };
    if chunks > 1 {
        share(chunks, count);
    } else {
        count(0);
    }
    let mut starts = Vec::with_capacity(chunks + 1);
    starts.push(0);
    for c in &counts {
        starts.push(starts[starts.len() - 1] + c.load(Ordering::Relaxed));
    }
    let (out, sink) = Sink::new(form, starts[chunks], walk.shape)?;
    if chunks > 1 {
        share(chunks, |c| fill_sink(&sink, &starts, c));
    } else {
        fill_sink(&sink, &starts, 0);
    }
    Ok(out)
}

/// Counts the non-zero elements of a run of `len` at byte stride `s`: blocks of up to 255 into a
/// byte counter (which cannot overflow), so that one-byte data is tested a vector at a time.
///
/// # Safety
/// `p` must address `len` readable elements of type `T` at stride `s`.
#[inline(always)]
unsafe fn count_run<T: Copy + CastTo<bool>>(p: *const u8, s: isize, len: usize) -> usize {
    let size = std::mem::size_of::<T>() as isize;
    let block = |i0: usize, i1: usize, s: isize| -> usize {
        (i0..i1).fold(0u8, |n, i| {
            let x = p.offset(i as isize * s).cast::<T>().read_unaligned();
            n.wrapping_add(CastTo::<bool>::cast(x) as u8)
        }) as usize
    };
    let mut total = 0;
    for i0 in (0..len).step_by(255) {
        let i1 = (i0 + 255).min(len);
        // The contiguous case gets its own copy of the loop, with a constant stride LLVM can
        // vectorize.
        total += if s == size {
            block(i0, i1, size)
        } else {
            block(i0, i1, s)
        };
    }
    total
}

/// Writes the positions of the non-zero elements among `c0..c1` of the run at `p` (byte stride
/// `s`) by `write(slot, index)`, from slot `k`; returns the next free slot. Branchless up to the
/// last non-zero element: every element is written at slot k, which advances only past a
/// non-zero one, so no write goes past the slots of this run's non-zero elements.
///
/// # Safety
/// `p` must address `c1` readable elements of type `T` at stride `s`; `write` must accept the
/// slots k..k + (non-zero elements among c0..c1).
#[inline(always)]
unsafe fn fill_run<T: Copy + CastTo<bool>>(
    p: *const u8,
    s: isize,
    c0: usize,
    c1: usize,
    mut k: usize,
    write: impl Fn(usize, usize),
) -> usize {
    let nonzero = |i: usize| -> bool {
        CastTo::<bool>::cast(p.offset(i as isize * s).cast::<T>().read_unaligned())
    };
    let Some(last) = (c0..c1).rev().find(|&i| nonzero(i)) else {
        return k;
    };
    for i in c0..last {
        write(k, i);
        k += nonzero(i) as usize;
    }
    write(k, last);
    k + 1
}

/// The array's elements in C order, as stretches of rows of its last axis (ndim >= 1).
struct Walk<'a> {
    data: SendPtr,
    shape: &'a [usize],
    strides: &'a [isize],
}

impl Walk<'_> {
    fn size(&self) -> usize {
        self.shape.iter().product()
    }

    fn inner_stride(&self) -> isize {
        self.strides[self.shape.len() - 1]
    }

    /// Element `col` of the row at byte offset `base`.
    fn element(&self, base: isize, col: usize) -> *const u8 {
        self.data
            .get()
            .wrapping_offset(base + col as isize * self.inner_stride())
    }

    /// # Safety
    /// `base` and `col` must name an element of the array (as `stretches` gives them).
    #[inline(always)]
    unsafe fn nonzero_at<T: Copy + CastTo<bool>>(&self, base: isize, col: usize) -> bool {
        CastTo::<bool>::cast(self.element(base, col).cast::<T>().read_unaligned())
    }

    /// Calls `body(outer coordinates, row, row offset, c0, c1)` for each stretch `c0..c1` of a
    /// row that flat C-order positions `f0..f1` cover, in order.
    fn stretches(
        &self,
        f0: usize,
        f1: usize,
        mut body: impl FnMut(&[i64], usize, isize, usize, usize),
    ) {
        if f0 >= f1 {
            return;
        }
        let nd = self.shape.len();
        let inner = self.shape[nd - 1];
        let (mut row, mut col) = (f0 / inner, f0 % inner);
        // The outer coordinates of `row`, and its byte offset.
        let mut coords: SmallVec<[i64; 4]> = SmallVec::from_elem(0, nd - 1);
        let mut rest = row;
        for d in (0..nd - 1).rev() {
            coords[d] = (rest % self.shape[d]) as i64;
            rest /= self.shape[d];
        }
        let mut base: isize = (0..nd - 1)
            .map(|d| coords[d] as isize * self.strides[d])
            .sum();
        let mut f = f0;
        while f < f1 {
            let end = inner.min(col + (f1 - f));
            body(&coords, row, base, col, end);
            f += end - col;
            col = 0;
            row += 1;
            for d in (0..nd - 1).rev() {
                coords[d] += 1;
                base += self.strides[d];
                if (coords[d] as usize) < self.shape[d] {
                    break;
                }
                base -= self.strides[d] * self.shape[d] as isize;
                coords[d] = 0;
            }
        }
    }
}

/// The int64 result the positions are written to.
struct Sink {
    data: SendPtr,
    form: Form,
    count: usize,
    ndim: usize,
    inner: usize,
}

impl Sink {
    /// A fresh result for `count` positions in `form` of an array of `shape`, and its writer.
    fn new(form: Form, count: usize, shape: &[usize]) -> Result<(Array, Sink)> {
        let ndim = shape.len();
        let out = match form {
            Form::Flat => Array::empty(DType::Int64, &[count])?,
            Form::Rows => Array::empty(DType::Int64, &[count, ndim])?,
            Form::Columns => Array::empty(DType::Int64, &[ndim, count])?,
        };
        let sink = Sink {
            data: SendPtr(out.data_ptr()),
            form,
            count,
            ndim,
            inner: shape[ndim - 1],
        };
        Ok((out, sink))
    }

    /// Writes the position of element `col` of row `row` (outer coordinates `outer`) at `slot`.
    ///
    /// # Safety
    /// `slot < count`; no other thread writes the same slot.
    #[inline(always)]
    unsafe fn write(&self, slot: usize, outer: &[i64], row: usize, col: usize) {
        let p = self.data.get().cast::<i64>();
        match self.form {
            Form::Flat => p.add(slot).write((row * self.inner + col) as i64),
            Form::Rows => {
                let r = p.add(slot * self.ndim);
                for (d, &c) in outer.iter().enumerate() {
                    r.add(d).write(c);
                }
                r.add(self.ndim - 1).write(col as i64);
            }
            Form::Columns => {
                for (d, &c) in outer.iter().enumerate() {
                    p.add(d * self.count + slot).write(c);
                }
                p.add((self.ndim - 1) * self.count + slot).write(col as i64);
            }
        }
    }
}
