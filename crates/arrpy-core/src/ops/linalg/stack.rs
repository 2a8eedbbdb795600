//! The stack of matrices every `numpy.linalg` function runs over: an array `(..., rows, cols)`
//! is a batch of matrices (its last two axes), each factorized on its own.
//!
//! - `Stack::square` / `Stack::new`: the shape checks and NumPy's messages.
//! - `operand`: an input cast to its compute dtype, as a view wherever the layout allows.
//! - `Work`: a matrix copied into fresh column-major memory (factorizations work in place and
//!   must never write to their input).
//! - `each_matrix`: runs one function per matrix at the current tier, on threads where that
//!   pays, and gives back the first error in batch order.

use super::field::compute_dtype;
use super::Mat;
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::{DType, Element};
use crate::error::{Error, Result};
use crate::kernels::{current_tier, parallel, trace, Tier};
use crate::layout::{checked_size, format_shape, Shape};
use crate::ops::elementwise::cast_to;
use crate::optable::OpInfo;
use faer::dyn_stack::{MemBuffer, StackReq};
use faer::{MatMut, MatRef, Par};
use std::sync::Mutex;

/// The batch of matrices in one operand.
#[derive(Clone, Debug)]
pub struct Stack {
    /// The leading (batch) axes.
    pub batch: Shape,
    /// How many matrices: the product of `batch`.
    pub count: usize,
    pub rows: usize,
    pub cols: usize,
}

impl Stack {
    /// `shape` as a stack of matrices: at least two axes, as NumPy's `_assert_stacked_2d`.
    pub fn new(shape: &[usize]) -> Result<Stack> {
        match shape {
            [batch @ .., rows, cols] => Ok(Stack {
                batch: batch.into(),
                count: checked_size(batch)?,
                rows: *rows,
                cols: *cols,
            }),
            _ => Err(Error::LinAlg(format!(
                "{}-dimensional array given. Array must be at least two-dimensional",
                shape.len()
            ))),
        }
    }

    /// `shape` as a stack of square matrices, as NumPy's `_assert_stacked_square`.
    pub fn square(shape: &[usize]) -> Result<Stack> {
        let stack = Stack::new(shape)?;
        if stack.rows != stack.cols {
            return Err(Error::LinAlg(format!(
                "Last 2 dimensions of the array must be square (shape {})",
                format_shape(shape)
            )));
        }
        Ok(stack)
    }

    /// The shape of a result with this batch and matrices (or vectors) of shape `core`.
    pub fn shape_with(&self, core: &[usize]) -> Shape {
        let mut shape = self.batch.clone();
        shape.extend(core.iter().copied());
        shape
    }
}

/// `x` in `dtype` (normally `compute_dtype(x.dtype())`), as a view unless a cast or a
/// layout that is not whole elements (foreign memory) forces a copy.
pub fn operand(x: &Array, dtype: DType) -> Result<Array> {
    let x = cast_to(x, dtype)?;
    if is_element_strided(&x) {
        Ok(x)
    } else {
        x.copy()
    }
}

/// `operand(x, compute_dtype(x.dtype()))`.
pub fn computed(x: &Array) -> Result<Array> {
    operand(x, compute_dtype(x.dtype()))
}

/// Whether every stride of `x` is a whole number of elements and its data aligned, so that it
/// can be read as typed elements where it is.
pub fn is_element_strided(x: &Array) -> bool {
    let size = x.itemsize() as isize;
    x.data_ptr() as usize % x.dtype().alignment() == 0 && x.strides().iter().all(|s| s % size == 0)
}

/// The byte offset of matrix `index` (C order over the batch shape) in a view with those batch
/// strides.
pub fn batch_offset(mut index: usize, batch: &[usize], strides: &[isize]) -> isize {
    let mut offset = 0;
    for (&d, &s) in batch.iter().zip(strides).rev() {
        offset += (index % d) as isize * s;
        index /= d;
    }
    offset
}

/// Matrix `index` of `x`, an element-strided `(batch..., rows, cols)` array of `T`s (a
/// broadcast view is fine: its batch strides are 0).
pub fn matrix<T>(x: &Array, index: usize) -> Mat<T> {
    let nb = x.ndim() - 2;
    let size = std::mem::size_of::<T>() as isize;
    let offset = batch_offset(index, &x.shape()[..nb], &x.strides()[..nb]);
    Mat {
        // SAFETY (of the offset): the batch index lies inside the array's batch axes.
        ptr: unsafe { x.data_ptr().offset(offset) }.cast::<T>(),
        rs: x.strides()[nb] / size,
        cs: x.strides()[nb + 1] / size,
    }
}

/// Vector `index` of `x`, an element-strided `(batch..., len)` array, as a one-column matrix.
pub fn vector<T>(x: &Array, index: usize) -> Mat<T> {
    matrix(&x.insert_axis(x.ndim()), index)
}

/// The elements of a fresh C-contiguous array (a result being filled), element `i` at `[i, 0]`.
pub fn flat<T>(x: &Array) -> Mat<T> {
    debug_assert!(x.is_c_contiguous());
    Mat {
        ptr: x.data_ptr().cast::<T>(),
        rs: 1,
        cs: 0,
    }
}

impl<T> Mat<T> {
    /// faer's view of this `rows×cols` matrix.
    ///
    /// # Safety
    /// Every element addressed is initialized, and nothing writes it while the view lives.
    pub unsafe fn faer<'a>(self, rows: usize, cols: usize) -> MatRef<'a, T> {
        MatRef::from_raw_parts(self.ptr as *const T, rows, cols, self.rs, self.cs)
    }

    /// faer's mutable view of this `rows×cols` matrix.
    ///
    /// # Safety
    /// As `faer`, and nothing else reads or writes the elements while the view lives.
    pub unsafe fn faer_mut<'a>(self, rows: usize, cols: usize) -> MatMut<'a, T> {
        MatMut::from_raw_parts_mut(self.ptr, rows, cols, self.rs, self.cs)
    }
}

/// A `rows×cols` matrix in memory of its own, column-major (faer's preferred layout, and
/// LAPACK's): what a factorization overwrites.
pub struct Work<T> {
    data: Vec<T>,
    pub rows: usize,
    pub cols: usize,
}

impl<T: Element> Work<T> {
    /// A matrix of `fill`s.
    pub fn filled(rows: usize, cols: usize, fill: T) -> Result<Work<T>> {
        let len = rows
            .checked_mul(cols)
            .ok_or_else(|| too_large(rows, cols))?;
        let mut data = vec_with_capacity(len)?;
        data.resize(len, fill);
        Ok(Work { data, rows, cols })
    }

    /// A copy of the `rows×cols` matrix `m`.
    ///
    /// # Safety
    /// Every element of `m` is initialized.
    pub unsafe fn copy_of(m: Mat<T>, rows: usize, cols: usize) -> Result<Work<T>> {
        let len = rows
            .checked_mul(cols)
            .ok_or_else(|| too_large(rows, cols))?;
        let mut data = vec_with_capacity(len)?;
        for j in 0..cols {
            data.extend((0..rows).map(|i| m.get(i, j)));
        }
        Ok(Work { data, rows, cols })
    }

    /// The identity (`n×n`).
    pub fn identity(n: usize, zero: T, one: T) -> Result<Work<T>> {
        let mut w = Work::filled(n, n, zero)?;
        for i in 0..n {
            w.data[i + i * n] = one;
        }
        Ok(w)
    }

    /// Element `[i, j]`.
    #[inline]
    pub fn at(&self, i: usize, j: usize) -> T {
        self.data[i + j * self.rows]
    }

    /// Element `[i, j]`, to write.
    #[inline]
    pub fn at_mut(&mut self, i: usize, j: usize) -> &mut T {
        &mut self.data[i + j * self.rows]
    }

    /// The matrix as a `Mat` (valid while `self` lives and is not moved).
    pub fn mat(&mut self) -> Mat<T> {
        Mat {
            ptr: self.data.as_mut_ptr(),
            rs: 1,
            cs: self.rows as isize,
        }
    }

    pub fn as_ref(&self) -> MatRef<'_, T> {
        MatRef::from_column_major_slice(&self.data, self.rows, self.cols)
    }

    pub fn as_mut(&mut self) -> MatMut<'_, T> {
        MatMut::from_column_major_slice_mut(&mut self.data, self.rows, self.cols)
    }

    /// Copies the matrix into `to`, a `rows×cols` matrix.
    ///
    /// # Safety
    /// `to` addresses `rows×cols` elements that nothing else reads or writes meanwhile.
    pub unsafe fn store(&self, to: Mat<T>) {
        for j in 0..self.cols {
            for i in 0..self.rows {
                to.set(i, j, self.at(i, j));
            }
        }
    }
}

fn too_large(rows: usize, cols: usize) -> Error {
    Error::Memory(format!(
        "a {rows}×{cols} work matrix does not fit in memory"
    ))
}

/// faer's scratch memory for `req`: a MemoryError, not an abort, when it cannot be had.
pub fn scratch(req: StackReq) -> Result<MemBuffer> {
    MemBuffer::try_new(req).map_err(|_| {
        Error::Memory(format!(
            "cannot allocate {} bytes of scratch",
            req.size_bytes()
        ))
    })
}

/// How one matrix is factorized: the tier's algorithm, and faer's parallelism for it.
#[derive(Clone, Copy, Debug)]
pub struct How {
    pub tier: Tier,
    pub par: Par,
}

impl How {
    /// Whether the reference tier's textbook algorithm runs.
    pub fn reference(self) -> bool {
        self.tier == Tier::Reference
    }
}

/// A matrix of at least this many elements (`n²`) is factorized on threads at the parallel
/// tier: below it, entering the pool costs more than the split saves (faer's own LU stops
/// splitting under 128×128).
pub const MIN_THREADED_ELEMENTS: usize = 192 * 192;

/// Runs `f(index, how)` for each of `count` matrices of `size` elements (rows × cols) at the
/// current tier, records the run in the kernel trace as `info`'s with loop dtype `dtype`, and
/// returns the first error in batch order (later matrices may have run).
///
/// At the parallel tier many matrices go to threads whole; a large one is split inside faer.
pub fn each_matrix(
    info: &'static OpInfo,
    dtype: DType,
    count: usize,
    size: usize,
    f: impl Fn(usize, How) -> Result<()> + Sync,
) -> Result<()> {
    let tier = current_tier();
    let threads = parallel::num_threads();
    let seq = How {
        tier,
        par: Par::Seq,
    };
    let total = count.saturating_mul(size);
    let parallel = tier == Tier::Parallel && threads > 1 && total >= MIN_THREADED_ELEMENTS;
    let (threaded, result) = if parallel && count >= 2 * threads {
        (true, share_matrices(count, threads, |index| f(index, seq)))
    } else if parallel && size >= MIN_THREADED_ELEMENTS {
        let how = How {
            tier,
            par: Par::rayon(threads),
        };
        let run = || (0..count).try_for_each(|index| f(index, how));
        (true, parallel::install(run))
    } else {
        (false, (0..count).try_for_each(|index| f(index, seq)))
    };
    trace::record(info.name, dtype, tier != Tier::Reference, threaded);
    result
}

/// `f(index)` for each of `count` matrices, shared out to `threads` in runs of consecutive
/// indices; the error of the lowest index that failed (a run stops at its first).
fn share_matrices(
    count: usize,
    threads: usize,
    f: impl Fn(usize) -> Result<()> + Sync,
) -> Result<()> {
    let chunks = count.min(4 * threads);
    let first: Mutex<Option<(usize, Error)>> = Mutex::new(None);
    parallel::share(chunks, |c| {
        let run = c * count / chunks..(c + 1) * count / chunks;
        if let Some((index, e)) = run
            .map(|i| (i, f(i)))
            .find_map(|(i, r)| r.err().map(|e| (i, e)))
        {
            let mut first = first.lock().unwrap_or_else(|e| e.into_inner());
            if first.as_ref().is_none_or(|(i, _)| index < *i) {
                *first = Some((index, e));
            }
        }
    });
    match first.into_inner().unwrap_or_else(|e| e.into_inner()) {
        Some((_, e)) => Err(e),
        None => Ok(()),
    }
}
