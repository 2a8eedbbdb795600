//! Files: the pieces of `.npy` reading and writing and the `loadtxt` number parser that the
//! package's `arrpy._io` calls. File handling (paths, file objects, atomic replacement, mmap,
//! zip archives) is Python's; every rule about the bytes is arrpy-core's `ops::io`.

use crate::dtype::{canonical, dtype_from_py};
use crate::errors::IntoPyResult;
use crate::ndarray::PyNdArray;
use arrpy_core::ops::io::{self, text};
use arrpy_core::DType;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyTuple};

/// `(version, total header length)` from the first 10 (version 1.0) or 12 bytes of a file.
#[pyfunction]
fn _npy_header_len(prefix: &[u8]) -> PyResult<((u8, u8), usize)> {
    io::header::header_len(prefix).py()
}

/// Parses a whole header and checks its data against the `available` bytes after it (when
/// known): `(dtype, shape, fortran_order, swapped, data_len)`.
#[pyfunction]
#[pyo3(signature = (head, available=None))]
fn _npy_read_header<'py>(
    py: Python<'py>,
    head: &[u8],
    available: Option<u64>,
) -> PyResult<Bound<'py, PyTuple>> {
    let h = io::read_header(head).py()?;
    let len = match available {
        Some(n) => h.check_available(n).py()?,
        None => h.data_len().py()?,
    };
    (
        canonical(py, h.dtype)?,
        PyTuple::new(py, &h.shape)?,
        h.fortran_order,
        h.swapped,
        len,
    )
        .into_pyobject(py)
}

/// The header NumPy writes for this dtype, shape and order.
#[pyfunction]
#[pyo3(signature = (dtype, shape, fortran_order, version=None))]
fn _npy_header<'py>(
    py: Python<'py>,
    dtype: &Bound<'py, PyAny>,
    shape: Vec<usize>,
    fortran_order: bool,
    version: Option<(u8, u8)>,
) -> PyResult<Bound<'py, PyBytes>> {
    let bytes = io::write_header(dtype_from_py(dtype)?, &shape, fortran_order, version).py()?;
    Ok(PyBytes::new(py, &bytes))
}

/// `(fortran_order, pieces)`: the header's order for `a` (False unless `allow_fortran`) and
/// C-contiguous arrays whose bytes, in turn, are its data in that order (copies of row blocks
/// for views in no memory order).
#[pyfunction]
fn _npy_data_pieces(
    py: Python<'_>,
    a: &Bound<'_, PyNdArray>,
    allow_fortran: bool,
) -> PyResult<(bool, Vec<Py<PyNdArray>>)> {
    let a = a.get().inner();
    let fortran = allow_fortran && io::npy::is_fortran_order(&a);
    let mut pieces = Vec::new();
    io::for_each_piece(&a, fortran, |piece| {
        pieces.push(piece.clone());
        Ok(())
    })
    .py()?;
    let pieces = pieces
        .into_iter()
        .map(|p| PyNdArray::wrap(py, p))
        .collect::<PyResult<_>>()?;
    Ok((fortran, pieces))
}

/// Reverses the byte order of every element of a fresh contiguous array, in place.
#[pyfunction]
fn _byteswap_in_place(a: &Bound<'_, PyNdArray>) -> PyResult<()> {
    io::byteswap_in_place(&a.get().inner()).py()
}

/// Parses delimited text into a 2-d float64, int64 or uint64 array (by `dtype`'s kind).
#[pyfunction]
#[pyo3(signature = (text, dtype, delimiter=None, comments=vec![], skiprows=0, usecols=None,
                    max_rows=None))]
#[allow(clippy::too_many_arguments)]
fn _parse_table(
    py: Python<'_>,
    text: &str,
    dtype: &Bound<'_, PyAny>,
    delimiter: Option<String>,
    comments: Vec<String>,
    skiprows: usize,
    usecols: Option<Vec<isize>>,
    max_rows: Option<usize>,
) -> PyResult<Py<PyNdArray>> {
    let dtype = dtype_from_py(dtype)?;
    let kind = match dtype {
        d if d.is_integer() && d.kind_char() == 'u' => text::NumberKind::UInt,
        d if d.is_integer() => text::NumberKind::Int,
        DType::Float32 | DType::Float64 => text::NumberKind::Float,
        d => {
            return Err(pyo3::exceptions::PyTypeError::new_err(format!(
                "the text parser reads integers and floats, not {}",
                d.name()
            )))
        }
    };
    let opts = text::TableOptions {
        delimiter,
        comments,
        skiprows,
        usecols,
        max_rows,
        kind,
        dtype_name: dtype.name().to_string(),
    };
    let table = py.detach(|| text::parse_table(text, &opts)).py()?;
    PyNdArray::wrap(py, table.array)
}

/// `_preallocate(fd, offset, nbytes, /)`: asks the file system to reserve `nbytes` of the file
/// open as `fd` from `offset` on, without changing its size (Linux's `fallocate` with
/// `FALLOC_FL_KEEP_SIZE`, as NumPy's `tofile` does). Writing 400 MB after it took a third of
/// the time here. Whether it worked (never an error: the write that follows works either way).
#[pyfunction]
#[pyo3(signature = (fd, offset, nbytes, /))]
pub fn _preallocate(fd: i32, offset: i64, nbytes: i64) -> bool {
    #[cfg(target_os = "linux")]
    {
        if fd < 0 || offset < 0 || nbytes <= 0 {
            return false;
        }
        // SAFETY: fallocate only reserves blocks of the open file `fd` (an invalid fd makes it
        // fail with EBADF); KEEP_SIZE leaves the file's size and contents as they are.
        unsafe { libc::fallocate(fd, libc::FALLOC_FL_KEEP_SIZE, offset, nbytes) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = (fd, offset, nbytes);
        false
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_preallocate, m)?)?;
    m.add_function(wrap_pyfunction!(_npy_header_len, m)?)?;
    m.add_function(wrap_pyfunction!(_npy_read_header, m)?)?;
    m.add_function(wrap_pyfunction!(_npy_header, m)?)?;
    m.add_function(wrap_pyfunction!(_npy_data_pieces, m)?)?;
    m.add_function(wrap_pyfunction!(_byteswap_in_place, m)?)?;
    m.add_function(wrap_pyfunction!(_parse_table, m)?)
}
