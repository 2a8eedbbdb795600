//! ndarray methods about layout: reshape, ravel, flatten, copy (each in an order), view(dtype),
//! diagonal, swapaxes, and `__format__`. The rules are core's (`ops::manipulate`).

use crate::dtype::dtype_from_py;
use crate::errors::{to_py, IntoPyResult};
use crate::functions::manipulate::array_result;
use crate::ndarray::{shape_arg, PyNdArray};
use arrpy_core::ops::manipulate::order::{self, Order};
use arrpy_core::ops::manipulate::views;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;

fn order_arg(order: &str) -> PyResult<Order> {
    Order::from_name(order).map_err(to_py)
}

#[pymethods]
impl PyNdArray {
    /// The array with a new shape (a view when the layout allows); one dimension may be -1.
    ///
    /// >>> ap.arange(6).reshape(2, -1)
    /// array([[0, 1, 2],
    ///        [3, 4, 5]])
    #[pyo3(signature = (*shape, order="C", copy=None))]
    fn reshape(
        slf: &Bound<'_, Self>,
        shape: &Bound<'_, PyTuple>,
        order: &str,
        copy: Option<bool>,
    ) -> PyResult<Py<PyNdArray>> {
        let dims = if shape.len() == 1 {
            shape_arg(&shape.get_item(0)?)?
        } else {
            shape_arg(shape.as_any())?
        };
        let order = order_arg(order)?;
        array_result(slf.as_any(), |a| order::reshape(a, &dims, order, copy))
    }

    /// A flat view when the layout allows, else a copy.
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).ravel()
    /// array([1, 2, 3, 4])
    #[pyo3(signature = (order="C"))]
    fn ravel(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyNdArray>> {
        let order = order_arg(order)?;
        array_result(slf.as_any(), |a| order::ravel(a, order))
    }

    /// Always a flat copy.
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).flatten(order="F")
    /// array([1, 3, 2, 4])
    #[pyo3(signature = (order="C"))]
    fn flatten(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyNdArray>> {
        let order = order_arg(order)?;
        array_result(slf.as_any(), |a| order::flatten(a, order))
    }

    /// A copy of the array, in C order (or ``order``).
    ///
    /// >>> a = ap.asarray([1, 2]); b = a.copy(); b[0] = 9
    /// >>> a
    /// array([1, 2])
    #[pyo3(signature = (order="C"))]
    fn copy(slf: &Bound<'_, Self>, order: &str) -> PyResult<Py<PyNdArray>> {
        let order = order_arg(order)?;
        array_result(slf.as_any(), |a| order::copy_in(a, order, None))
    }

    fn __copy__(slf: &Bound<'_, Self>) -> PyResult<Py<PyNdArray>> {
        Self::copy(slf, "K")
    }

    fn __deepcopy__(slf: &Bound<'_, Self>, _memo: &Bound<'_, PyAny>) -> PyResult<Py<PyNdArray>> {
        Self::copy(slf, "K")
    }

    /// The same memory read as `dtype` (NumPy's rules when the itemsize changes).
    ///
    /// >>> ap.asarray([1, 256], dtype=ap.int16).view(ap.uint8)
    /// array([1, 0, 0, 1], dtype=uint8)
    #[pyo3(signature = (dtype=None, r#type=None))]
    fn view(
        slf: &Bound<'_, Self>,
        dtype: Option<&Bound<'_, PyAny>>,
        r#type: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Py<PyNdArray>> {
        let _ = r#type;
        let target = match dtype {
            Some(d) if !d.is_none() => Some(dtype_from_py(d)?),
            _ => None,
        };
        let a = slf.get().inner();
        let v = views::view_as_dtype(&a, target.unwrap_or(a.dtype())).py()?;
        PyNdArray::wrap_view(slf, v)
    }

    /// A read-only view of the diagonal at ``offset`` over ``axis1`` and ``axis2``.
    ///
    /// >>> ap.asarray([[1, 2], [3, 4]]).diagonal()
    /// array([1, 4])
    #[pyo3(signature = (offset=0, axis1=0, axis2=1))]
    fn diagonal(
        slf: &Bound<'_, Self>,
        offset: isize,
        axis1: isize,
        axis2: isize,
    ) -> PyResult<Py<PyNdArray>> {
        array_result(slf.as_any(), |a| views::diagonal(a, offset, axis1, axis2))
    }

    /// A view with ``axis1`` and ``axis2`` interchanged.
    ///
    /// >>> ap.zeros((2, 3, 4)).swapaxes(0, 2).shape
    /// (4, 3, 2)
    fn swapaxes(slf: &Bound<'_, Self>, axis1: isize, axis2: isize) -> PyResult<Py<PyNdArray>> {
        array_result(slf.as_any(), |a| views::swapaxes(a, axis1, axis2))
    }

    /// A 0-d array formats as its element does (`f"{a.mean():.2f}"`); other arrays accept only
    /// the empty format, as NumPy.
    fn __format__(slf: &Bound<'_, Self>, spec: &str) -> PyResult<Py<PyAny>> {
        let py = slf.py();
        let a = slf.get().inner();
        let builtins = py.import("builtins")?;
        if a.ndim() == 0 {
            let item = crate::convert::scalar_to_py(py, a.item().py()?)?;
            return Ok(builtins.getattr("format")?.call1((item, spec))?.unbind());
        }
        if !spec.is_empty() {
            return Err(PyTypeError::new_err(
                "unsupported format string passed to numpy.ndarray.__format__",
            ));
        }
        Ok(slf.str()?.into_any().unbind())
    }
}
