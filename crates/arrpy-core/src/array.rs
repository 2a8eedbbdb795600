//! `Array`: one dynamic array type — dtype, shared buffer, shape, signed byte strides, offset.
//! Views (slices, transposes, broadcasts, reshapes that NumPy would not copy) share the buffer.

use crate::buffer::Buffer;
use crate::dtype::{DType, Element, Scalar};
use crate::error::{Error, Result};
use crate::layout::{self, Shape, Strides};
use crate::with_dtype;
use smallvec::SmallVec;
use std::sync::Arc;

#[derive(Clone)]
pub struct Array {
    buffer: Arc<Buffer>,
    dtype: DType,
    shape: Shape,
    strides: Strides,
    /// Byte offset of element [0, 0, …] from the buffer's start.
    offset: usize,
    /// A read-only view (broadcast results, read-only exporters) refuses writes.
    readonly: bool,
}

impl std::fmt::Debug for Array {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Array({}, shape={:?}, strides={:?})",
            self.dtype.name(),
            self.shape,
            self.strides
        )
    }
}

impl Array {
    /// A C-contiguous array with uninitialized (or zeroed) contents.
    fn alloc(dtype: DType, shape: &[usize], zeroed: bool) -> Result<Array> {
        layout::check_ndim(shape.len())?;
        let nbytes = layout::checked_nbytes(shape, dtype.itemsize())?;
        let buffer = Buffer::alloc(nbytes, zeroed)?;
        Ok(Array {
            buffer: Arc::new(buffer),
            dtype,
            shape: shape.into(),
            strides: layout::c_strides(shape, dtype.itemsize()),
            offset: 0,
            readonly: false,
        })
    }

    /// Contents are unspecified (like `numpy.empty`); callers overwrite every element.
    pub fn empty(dtype: DType, shape: &[usize]) -> Result<Array> {
        Array::alloc(dtype, shape, false)
    }

    pub fn zeros(dtype: DType, shape: &[usize]) -> Result<Array> {
        Array::alloc(dtype, shape, true)
    }

    pub fn full(dtype: DType, shape: &[usize], value: Scalar) -> Result<Array> {
        let a = Array::empty(dtype, shape)?;
        a.fill(value)?;
        Ok(a)
    }

    /// A 0-d array holding `value`.
    pub fn scalar(dtype: DType, value: Scalar) -> Result<Array> {
        Array::full(dtype, &[], value)
    }

    pub fn from_vec<T: Element>(data: Vec<T>, shape: &[usize]) -> Result<Array> {
        let size = layout::checked_size(shape)?;
        if size != data.len() {
            return Err(Error::Shape(format!(
                "{} values do not fill shape {}",
                data.len(),
                layout::format_shape(shape)
            )));
        }
        let a = Array::empty(T::DTYPE, shape)?;
        // SAFETY: a fresh C-contiguous buffer of exactly `size` elements of T.
        unsafe { std::ptr::copy_nonoverlapping(data.as_ptr(), a.data_ptr().cast::<T>(), size) };
        Ok(a)
    }

    /// Views foreign memory. Checks that every element lies inside the buffer.
    pub fn from_buffer(
        buffer: Arc<Buffer>,
        dtype: DType,
        shape: &[usize],
        strides: &[isize],
        offset: usize,
    ) -> Result<Array> {
        if shape.len() != strides.len() {
            return Err(Error::Value("shape and strides differ in length".into()));
        }
        layout::check_ndim(shape.len())?;
        let size = layout::checked_size(shape)?;
        if size > 0 {
            let (mut lo, mut hi) = (offset as isize, offset as isize);
            for (&d, &s) in shape.iter().zip(strides) {
                let span = (d as isize - 1) * s;
                if span < 0 {
                    lo += span
                } else {
                    hi += span
                }
            }
            if lo < 0 || hi as usize + dtype.itemsize() > buffer.len() {
                return Err(Error::Value(format!(
                    "shape {} with strides {strides:?} at offset {offset} does not fit a buffer of {} bytes",
                    layout::format_shape(shape),
                    buffer.len()
                )));
            }
        }
        let readonly = buffer.readonly();
        Ok(Array {
            buffer,
            dtype,
            shape: shape.into(),
            strides: strides.into(),
            offset,
            readonly,
        })
    }

    // ---- accessors ----
    pub fn dtype(&self) -> DType {
        self.dtype
    }
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }
    pub fn strides(&self) -> &[isize] {
        &self.strides
    }
    pub fn ndim(&self) -> usize {
        self.shape.len()
    }
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }
    pub fn itemsize(&self) -> usize {
        self.dtype.itemsize()
    }
    pub fn nbytes(&self) -> usize {
        self.size() * self.itemsize()
    }
    pub fn offset(&self) -> usize {
        self.offset
    }
    pub fn buffer(&self) -> &Arc<Buffer> {
        &self.buffer
    }
    pub fn readonly(&self) -> bool {
        self.readonly
    }
    pub fn set_readonly(&mut self, readonly: bool) -> Result<()> {
        if !readonly && self.buffer.readonly() {
            return Err(Error::ReadOnly(
                "cannot set WRITEABLE flag to True of this array".into(),
            ));
        }
        self.readonly = readonly;
        Ok(())
    }
    /// Pointer to element [0, 0, …].
    pub fn data_ptr(&self) -> *mut u8 {
        // SAFETY: offset was checked to lie within the buffer when the view was made.
        unsafe { self.buffer.as_ptr().add(self.offset) }
    }
    pub fn is_c_contiguous(&self) -> bool {
        layout::is_c_contiguous(&self.shape, &self.strides, self.itemsize())
    }
    pub fn is_f_contiguous(&self) -> bool {
        layout::is_f_contiguous(&self.shape, &self.strides, self.itemsize())
    }
    /// Whether two arrays view the same buffer (the same exporter; for whether they share
    /// memory, which views of one buffer through another exporter also do, see `overlap`).
    pub fn shares_buffer(&self, other: &Array) -> bool {
        Arc::ptr_eq(&self.buffer, &other.buffer)
    }

    /// The absolute addresses `[lo, hi)` of the bytes this view's elements occupy, or None for
    /// an empty array. The view lies inside its buffer (checked when it was made), so the
    /// arithmetic cannot overflow.
    pub fn byte_extent(&self) -> Option<(usize, usize)> {
        if self.shape.contains(&0) {
            return None;
        }
        let (mut lo, mut hi) = (self.data_ptr() as usize, self.data_ptr() as usize);
        for (&d, &s) in self.shape.iter().zip(&self.strides) {
            let span = (d - 1) * s.unsigned_abs();
            if s < 0 {
                lo -= span;
            } else {
                hi += span;
            }
        }
        Some((lo, hi + self.itemsize()))
    }

    pub fn check_writeable(&self) -> Result<()> {
        if self.readonly {
            return Err(Error::ReadOnly(
                "assignment destination is read-only".into(),
            ));
        }
        Ok(())
    }

    /// A new view of the same buffer. The caller guarantees the layout stays inside the buffer.
    pub(crate) fn view(&self, shape: Shape, strides: Strides, offset: usize) -> Array {
        Array {
            buffer: self.buffer.clone(),
            dtype: self.dtype,
            shape,
            strides,
            offset,
            readonly: self.readonly,
        }
    }

    /// The real (`imag == false`) or imaginary part of a complex array as a float view of the
    /// same memory (NumPy's `z.real` / `z.imag`); None for other dtypes.
    pub fn complex_part(&self, imag: bool) -> Option<Array> {
        if !self.dtype.is_complex() {
            return None;
        }
        let part = self.dtype.real_part();
        let offset = self.offset + if imag { part.itemsize() } else { 0 };
        let mut v = self.view(self.shape.clone(), self.strides.clone(), offset);
        v.dtype = part;
        Some(v)
    }

    /// The same bytes as `dtype` with a new shape and strides (`view(dtype)`); the caller
    /// guarantees the layout covers only bytes this view already covers.
    pub(crate) fn reinterpret(&self, dtype: DType, shape: Shape, strides: Strides) -> Array {
        let mut v = self.view(shape, strides, self.offset);
        v.dtype = dtype;
        v
    }

    /// The same memory reinterpreted with another dtype of the same itemsize (used by casts).
    pub(crate) fn with_dtype_unchecked(&self, dtype: DType) -> Array {
        debug_assert_eq!(dtype.itemsize(), self.itemsize());
        let mut v = self.clone();
        v.dtype = dtype;
        v
    }

    // ---- element access ----
    fn element_offset(&self, index: &[usize]) -> Result<isize> {
        if index.len() != self.ndim() {
            return Err(Error::Index(format!(
                "{} indices for an array of dimension {}",
                index.len(),
                self.ndim()
            )));
        }
        let mut off = 0isize;
        for (axis, ((&i, &d), &s)) in index.iter().zip(&self.shape).zip(&self.strides).enumerate() {
            if i >= d {
                return Err(Error::Index(format!(
                    "index {i} is out of bounds for axis {axis} with size {d}"
                )));
            }
            off += i as isize * s;
        }
        Ok(off)
    }

    pub fn get(&self, index: &[usize]) -> Result<Scalar> {
        let off = self.element_offset(index)?;
        // SAFETY: the index was bounds-checked against the view.
        Ok(unsafe { read_scalar(self.dtype, self.data_ptr().offset(off)) })
    }

    pub fn set(&self, index: &[usize], value: Scalar) -> Result<()> {
        self.check_writeable()?;
        let off = self.element_offset(index)?;
        // SAFETY: the index was bounds-checked against the view, and the view is writeable.
        unsafe { write_scalar(self.dtype, self.data_ptr().offset(off), value) };
        Ok(())
    }

    /// The single element of a size-1 array.
    pub fn item(&self) -> Result<Scalar> {
        if self.size() != 1 {
            return Err(Error::Value(format!(
                "can only convert an array of size 1 to a Python scalar, not size {}",
                self.size()
            )));
        }
        // SAFETY: one element; every axis has length 1, so it sits at offset 0.
        Ok(unsafe { read_scalar(self.dtype, self.data_ptr()) })
    }

    /// Every element in C order as scalars; the Vec is allocated fallibly (MemoryError).
    pub fn to_scalars(&self) -> Result<Vec<Scalar>> {
        let mut out = crate::buffer::vec_with_capacity(self.size())?;
        if self.size() == 0 {
            return Ok(out);
        }
        if self.ndim() == 0 {
            out.push(self.item()?);
            return Ok(out);
        }
        let outer_shape = &self.shape[..self.ndim() - 1];
        let mut outer: SmallVec<[usize; 8]> = SmallVec::from_elem(0, outer_shape.len());
        loop {
            out.extend(self.lane(&outer)?);
            // Next outer index in C order (an odometer over all axes but the last).
            let mut axis = outer.len();
            loop {
                if axis == 0 {
                    return Ok(out);
                }
                axis -= 1;
                outer[axis] += 1;
                if outer[axis] < outer_shape[axis] {
                    break;
                }
                outer[axis] = 0;
            }
        }
    }

    /// Writes `values` (cast as `astype` would) into this C-contiguous array, in order.
    pub fn fill_from_scalars(&self, values: &[Scalar]) -> Result<()> {
        self.check_writeable()?;
        if !self.is_c_contiguous() || values.len() != self.size() {
            return Err(Error::Value(format!(
                "{} values do not fill a C-contiguous array of shape {}",
                values.len(),
                layout::format_shape(&self.shape)
            )));
        }
        with_dtype!(self.dtype, T => {
            let ptr = self.data_ptr().cast::<T>();
            for (i, &v) in values.iter().enumerate() {
                // SAFETY: C-contiguous with `size` == `values.len()` elements; writeable.
                unsafe { ptr.add(i).write_unaligned(T::from_scalar(v)) };
            }
        });
        Ok(())
    }

    /// The element at C-order position `k` (NumPy's `a.flat[k]`), read in place.
    pub fn get_flat(&self, k: usize) -> Result<Scalar> {
        let size = self.size();
        if k >= size {
            return Err(Error::Index(format!(
                "index {k} is out of bounds for size {size}"
            )));
        }
        let mut index: SmallVec<[usize; 8]> = SmallVec::from_elem(0, self.ndim());
        let mut rest = k;
        for axis in (0..self.ndim()).rev() {
            index[axis] = rest % self.shape[axis];
            rest /= self.shape[axis];
        }
        self.get(&index)
    }

    /// The elements along the last axis at `outer` (an index into the other axes), read in
    /// place one by one: `tolist` and `repr` read only what they return.
    pub fn lane(&self, outer: &[usize]) -> Result<impl ExactSizeIterator<Item = Scalar> + '_> {
        let nd = self.ndim();
        if nd == 0 || outer.len() != nd - 1 {
            return Err(Error::Index(format!(
                "{} outer indices for an array of dimension {nd}",
                outer.len()
            )));
        }
        let mut base = 0isize;
        for (axis, &i) in outer.iter().enumerate() {
            if i >= self.shape[axis] {
                return Err(Error::Index(format!(
                    "index {i} is out of bounds for axis {axis} with size {}",
                    self.shape[axis]
                )));
            }
            base += i as isize * self.strides[axis];
        }
        let (n, stride, dtype) = (self.shape[nd - 1], self.strides[nd - 1], self.dtype);
        // SAFETY: `base` is the bounds-checked offset of element [outer.., 0] inside the view.
        let ptr = unsafe { self.data_ptr().offset(base) };
        // SAFETY: j < n, so element [outer.., j] lies inside the view; `self` is borrowed for
        // the iterator's life, so the buffer stays alive.
        Ok((0..n).map(move |j| unsafe { read_scalar(dtype, ptr.offset(j as isize * stride)) }))
    }

    // ---- views ----
    /// Permutes axes (`axes[i]` is the old axis that becomes axis `i`); None reverses them.
    pub fn transpose(&self, axes: Option<&[isize]>) -> Result<Array> {
        let nd = self.ndim();
        let perm: Vec<usize> = match axes {
            None => (0..nd).rev().collect(),
            Some(axes) => {
                if axes.len() != nd {
                    return Err(Error::Value("axes don't match array".into()));
                }
                let mut seen = vec![false; nd];
                let mut perm = Vec::with_capacity(nd);
                for &ax in axes {
                    let a = crate::error::normalize_axis(ax, nd)?;
                    if std::mem::replace(&mut seen[a], true) {
                        return Err(Error::Value("repeated axis in transpose".into()));
                    }
                    perm.push(a);
                }
                perm
            }
        };
        let shape = perm.iter().map(|&p| self.shape[p]).collect();
        let strides = perm.iter().map(|&p| self.strides[p]).collect();
        Ok(self.view(shape, strides, self.offset))
    }

    /// Swaps the last two axes (the Array API's `mT`).
    pub fn matrix_transpose(&self) -> Result<Array> {
        let nd = self.ndim();
        if nd < 2 {
            return Err(Error::Value(format!(
                "matrix transpose needs at least 2 dimensions, got {nd}"
            )));
        }
        let mut axes: Vec<isize> = (0..nd as isize).collect();
        axes.swap(nd - 2, nd - 1);
        self.transpose(Some(&axes))
    }

    /// A read-only view broadcast to `shape`.
    pub fn broadcast_to(&self, shape: &[usize]) -> Result<Array> {
        let strides = layout::broadcast_strides(&self.shape, &self.strides, shape)?;
        let mut v = self.view(shape.into(), strides, self.offset);
        if v.shape.as_slice() != self.shape.as_slice() {
            v.readonly = true;
        }
        Ok(v)
    }

    /// Strides of this array broadcast to `shape`, without making a view.
    pub fn strides_for(&self, shape: &[usize]) -> Result<Strides> {
        layout::broadcast_strides(&self.shape, &self.strides, shape)
    }

    /// Reshape: a view whenever the layout allows (as NumPy), else a C-order copy.
    pub fn reshape(&self, requested: &[isize]) -> Result<Array> {
        let shape = layout::resolve_reshape(self.size(), requested)?;
        match layout::reshape_strides(&self.shape, &self.strides, &shape, self.itemsize()) {
            Some(strides) => Ok(self.view(shape, strides, self.offset)),
            None => {
                let c = self.copy()?;
                let strides = layout::c_strides(&shape, c.itemsize());
                Ok(c.view(shape, strides, 0))
            }
        }
    }

    /// Reshape that must not copy (`copy=False`).
    pub fn reshape_view(&self, requested: &[isize]) -> Result<Array> {
        let shape = layout::resolve_reshape(self.size(), requested)?;
        let strides = layout::reshape_strides(&self.shape, &self.strides, &shape, self.itemsize())
            .ok_or_else(|| {
                Error::Value("Unable to avoid creating a copy while reshaping.".into())
            })?;
        Ok(self.view(shape, strides, self.offset))
    }

    /// Inserts a length-1 axis at `axis` (as `expand_dims` / indexing with None).
    pub fn insert_axis(&self, axis: usize) -> Array {
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        shape.insert(axis, 1);
        strides.insert(axis, 0);
        self.view(shape, strides, self.offset)
    }

    /// Picks index `i` along `axis`, dropping the axis.
    pub fn index_axis(&self, axis: usize, i: isize) -> Result<Array> {
        let d = self.shape[axis] as isize;
        let idx = if i < 0 { i + d } else { i };
        if idx < 0 || idx >= d {
            return Err(Error::Index(format!(
                "index {i} is out of bounds for axis {axis} with size {d}"
            )));
        }
        let offset = (self.offset as isize + idx * self.strides[axis]) as usize;
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        shape.remove(axis);
        strides.remove(axis);
        Ok(self.view(shape, strides, offset))
    }

    /// Slices `axis` with start/step/len already resolved (Python's `slice.indices`).
    pub fn slice_axis(&self, axis: usize, start: usize, step: isize, len: usize) -> Array {
        let mut shape = self.shape.clone();
        let mut strides = self.strides.clone();
        let offset = if len == 0 {
            self.offset as isize
        } else {
            self.offset as isize + start as isize * self.strides[axis]
        };
        shape[axis] = len;
        // Overflows only for a step that selects at most one element; such an axis is never
        // stepped along.
        strides[axis] = self.strides[axis].checked_mul(step).unwrap_or(0);
        self.view(shape, strides, offset as usize)
    }

    /// Removes length-1 axes (all, or the given ones).
    pub fn squeeze(&self, axes: Option<&[usize]>) -> Result<Array> {
        if let Some(axes) = axes {
            if axes.iter().enumerate().any(|(i, a)| axes[..i].contains(a)) {
                return Err(Error::Value("duplicate value in 'axis'".into()));
            }
        }
        let mut shape: Shape = SmallVec::new();
        let mut strides: Strides = SmallVec::new();
        for i in 0..self.ndim() {
            let drop = match axes {
                None => self.shape[i] == 1,
                Some(axes) => axes.contains(&i),
            };
            if drop && self.shape[i] != 1 {
                return Err(Error::Value(
                    "cannot select an axis to squeeze out which has size not equal to one".into(),
                ));
            }
            if !drop {
                shape.push(self.shape[i]);
                strides.push(self.strides[i]);
            }
        }
        Ok(self.view(shape, strides, self.offset))
    }
}

/// Reads one element as a scalar.
///
/// # Safety
/// `ptr` must point to a readable element of `dtype` (alignment not required).
pub unsafe fn read_scalar(dtype: DType, ptr: *const u8) -> Scalar {
    with_dtype!(dtype, T => ptr.cast::<T>().read_unaligned().to_scalar())
}

/// Writes one element from a scalar (cast as `astype` would).
///
/// # Safety
/// `ptr` must point to a writable element of `dtype` (alignment not required).
pub unsafe fn write_scalar(dtype: DType, ptr: *mut u8, value: Scalar) {
    with_dtype!(dtype, T => ptr.cast::<T>().write_unaligned(T::from_scalar(value)))
}
