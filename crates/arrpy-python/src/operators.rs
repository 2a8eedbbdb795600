//! Python operators on arrays: arithmetic, comparison, bitwise, unary, reflected and in-place
//! forms. Python scalars are "weak" (NEP 50): they take the array's dtype when their kind fits.

use crate::convert::{array_from_nested, scalar_operand, ScalarOperand};
use crate::errors::IntoPyResult;
use crate::fp_errors::checked;
use crate::ndarray::PyNdArray;
use crate::speedups::elision::{can_elide, ELIDED};
use arrpy_core::dtype::weak_scalar_dtype;
use arrpy_core::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use arrpy_core::ops::linalg::matmul;
use arrpy_core::{Array, DType, Scalar};
use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use std::sync::atomic::Ordering;

/// Work below this many elements runs without releasing the GIL (releasing costs more).
pub const GIL_RELEASE_MIN: usize = 1 << 14;

/// A scalar operand as a 0-d array: a weak one takes its dtype from `partner` (NEP 50), a
/// typed one (NumPy scalar) keeps its own.
pub fn scalar_array(s: ScalarOperand, partner: DType) -> PyResult<Array> {
    let dtype = match s {
        ScalarOperand::Weak(v) => weak_scalar_dtype(v, partner).py()?,
        ScalarOperand::Typed(d, _) => d,
    };
    Array::scalar(dtype, s.value()).py()
}

/// The other operand as an array, or None when Python should try the other side.
pub fn operand(other: &Bound<'_, PyAny>, partner: DType) -> PyResult<Option<Array>> {
    if let Ok(a) = other.cast::<PyNdArray>() {
        return Ok(Some(a.borrow().inner().clone()));
    }
    if let Some(s) = scalar_operand(other)? {
        return scalar_array(s, partner).map(Some);
    }
    if other.is_instance_of::<PyList>() || other.is_instance_of::<PyTuple>() {
        return array_from_nested(other, None).map(Some);
    }
    if let Some(a) = crate::interop::array_from_buffer(other)? {
        return Ok(Some(a));
    }
    Ok(None)
}

fn is_comparison(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(
        op,
        Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual
    )
}

/// `array op value` (`value op array` when `!array_first`) for a comparison `op` and a Python
/// int outside the range of the array's integer dtype: every element compares the same way, so
/// the result is constant (NumPy 2 compares mathematically here instead of raising). None in
/// every other case.
pub fn compare_out_of_range(
    op: BinaryOp,
    array: &Array,
    value: &Bound<'_, PyAny>,
    array_first: bool,
) -> PyResult<Option<Array>> {
    use BinaryOp::*;
    if !is_comparison(op) || !value.is_exact_instance_of::<pyo3::types::PyInt>() {
        return Ok(None);
    }
    let Some((lo, hi)) = arrpy_core::dtype::integer_range(array.dtype()) else {
        return Ok(None);
    };
    if array.dtype() == DType::Bool {
        return Ok(None);
    }
    // Beyond i128, only the sign matters.
    let above = match value.extract::<i128>() {
        Ok(v) if (lo..=hi).contains(&v) => return Ok(None),
        Ok(v) => v > hi,
        Err(_) => value.gt(0)?,
    };
    // Every element is below `value` when it is above the range, else above it.
    let result = match op {
        Equal => false,
        NotEqual => true,
        Less | LessEqual => above == array_first,
        _ => above != array_first,
    };
    let shape = array.shape().to_vec();
    Array::full(DType::Bool, &shape, Scalar::Bool(result))
        .py()
        .map(Some)
}

/// Runs `f` with the GIL released when the work is large enough to matter.
pub fn maybe_detach<T: Send>(py: Python<'_>, size: usize, f: impl FnOnce() -> T + Send) -> T {
    if size >= GIL_RELEASE_MIN {
        py.detach(f)
    } else {
        f()
    }
}

/// `op(slf, other)` (`op(other, slf)` when `reflected`) into a new array, or into `slf` when it
/// is a temporary that may be reused (`elision`).
fn binop(
    slf: &Bound<'_, PyNdArray>,
    op: BinaryOp,
    other: &Bound<'_, PyAny>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    // Only where it can apply: a comparison with an exact Python int.
    if is_comparison(op) && other.is_exact_instance_of::<pyo3::types::PyInt>() {
        if let Some(r) = compare_out_of_range(op, &slf.borrow().inner(), other, !reflected)? {
            return Ok(PyNdArray::wrap(py, r)?.into_any());
        }
    }
    let Some(b) = operand(other, slf.borrow().inner().dtype())? else {
        return Ok(py.NotImplemented());
    };
    let elide = !reflected && can_elide(slf, op, &b);
    let a = slf.borrow().inner().clone();
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    if elide {
        // The temporary is no one else's: a failing op may leave it written.
        checked(py, false, || {
            maybe_detach(py, a.size(), || binary(op, &a, &b, Some(&a))).py()
        })?;
        ELIDED.fetch_add(1, Ordering::Relaxed);
        return Ok(slf.clone().into_any().unbind());
    }
    let size = x.size().max(y.size());
    let r = checked(py, false, || {
        maybe_detach(py, size, || binary(op, x, y, None)).py()
    })?;
    Ok(PyNdArray::wrap(py, r)?.into_any())
}

/// The right operand of an in-place operator, or the TypeError Python would raise.
fn inplace_operand(a: &Array, other: &Bound<'_, PyAny>, name: &str) -> PyResult<Array> {
    operand(other, a.dtype())?.ok_or_else(|| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "unsupported operand type for in-place {name}: 'ndarray' and '{}'",
            other
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_default()
        ))
    })
}

fn inplace(py: Python<'_>, op: BinaryOp, a: &Array, other: &Bound<'_, PyAny>) -> PyResult<()> {
    let b = inplace_operand(a, other, op.name())?;
    checked(py, true, || {
        maybe_detach(py, a.size(), || binary(op, a, &b, Some(a))).py()
    })?;
    Ok(())
}

/// `slf @ other` (`other @ slf` when `reflected`); NotImplemented for an operand Python should
/// offer to the other side.
fn matmul_op(
    slf: &Bound<'_, PyNdArray>,
    other: &Bound<'_, PyAny>,
    reflected: bool,
) -> PyResult<Py<PyAny>> {
    let py = slf.py();
    let a = slf.borrow().inner().clone();
    let Some(b) = operand(other, a.dtype())? else {
        return Ok(py.NotImplemented());
    };
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    let r = maybe_detach(py, x.size().max(y.size()), || matmul(x, y, None)).py()?;
    Ok(PyNdArray::wrap(py, r)?.into_any())
}

/// `a @= b`: NumPy's rule (b at least 2-d, the product keeps a's shape and dtype kind), the
/// product computed whole before a is written.
fn inplace_matmul(py: Python<'_>, a: &Array, other: &Bound<'_, PyAny>) -> PyResult<()> {
    let b = inplace_operand(a, other, "matmul")?;
    if a.ndim() < 1 || b.ndim() < 2 {
        return Err(pyo3::exceptions::PyValueError::new_err(
            "inplace matrix multiplication requires the first operand to have at least one and the second at least two dimensions.",
        ));
    }
    maybe_detach(py, a.size().max(b.size()), || matmul(a, &b, Some(a))).py()?;
    Ok(())
}

fn unop(py: Python<'_>, op: UnaryOp, a: &Array) -> PyResult<Py<PyNdArray>> {
    let r = checked(py, false, || {
        maybe_detach(py, a.size(), || unary(op, a, None)).py()
    })?;
    PyNdArray::wrap(py, r)
}

#[pymethods]
impl PyNdArray {
    fn __add__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Add, o, false)
    }
    fn __radd__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Add, o, true)
    }
    fn __iadd__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::Add, &self.inner(), o)
    }
    fn __sub__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Subtract, o, false)
    }
    fn __rsub__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Subtract, o, true)
    }
    fn __isub__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::Subtract, &self.inner(), o)
    }
    fn __mul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Multiply, o, false)
    }
    fn __rmul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Multiply, o, true)
    }
    fn __imul__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::Multiply, &self.inner(), o)
    }
    fn __truediv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Divide, o, false)
    }
    fn __rtruediv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Divide, o, true)
    }
    fn __itruediv__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::Divide, &self.inner(), o)
    }
    fn __floordiv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::FloorDivide, o, false)
    }
    fn __rfloordiv__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::FloorDivide, o, true)
    }
    fn __ifloordiv__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::FloorDivide, &self.inner(), o)
    }
    fn __mod__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Remainder, o, false)
    }
    fn __rmod__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::Remainder, o, true)
    }
    fn __imod__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::Remainder, &self.inner(), o)
    }
    fn __pow__(
        slf: &Bound<'_, Self>,
        o: &Bound<'_, PyAny>,
        modulo: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let _ = modulo;
        binop(slf, BinaryOp::Power, o, false)
    }
    fn __rpow__(
        slf: &Bound<'_, Self>,
        o: &Bound<'_, PyAny>,
        modulo: &Bound<'_, PyAny>,
    ) -> PyResult<Py<PyAny>> {
        let _ = modulo;
        binop(slf, BinaryOp::Power, o, true)
    }
    fn __ipow__(
        &self,
        py: Python<'_>,
        o: &Bound<'_, PyAny>,
        _modulo: &Bound<'_, PyAny>,
    ) -> PyResult<()> {
        inplace(py, BinaryOp::Power, &self.inner(), o)
    }
    fn __matmul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        matmul_op(slf, o, false)
    }
    fn __rmatmul__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        matmul_op(slf, o, true)
    }
    fn __imatmul__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace_matmul(py, &self.inner(), o)
    }
    fn __and__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::BitwiseAnd, o, false)
    }
    fn __rand__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::BitwiseAnd, o, true)
    }
    fn __iand__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::BitwiseAnd, &self.inner(), o)
    }
    fn __or__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::BitwiseOr, o, false)
    }
    fn __ror__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::BitwiseOr, o, true)
    }
    fn __ior__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::BitwiseOr, &self.inner(), o)
    }
    fn __xor__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::BitwiseXor, o, false)
    }
    fn __rxor__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::BitwiseXor, o, true)
    }
    fn __ixor__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::BitwiseXor, &self.inner(), o)
    }
    fn __lshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::LeftShift, o, false)
    }
    fn __rlshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::LeftShift, o, true)
    }
    fn __ilshift__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::LeftShift, &self.inner(), o)
    }
    fn __rshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::RightShift, o, false)
    }
    fn __rrshift__(slf: &Bound<'_, Self>, o: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        binop(slf, BinaryOp::RightShift, o, true)
    }
    fn __irshift__(&self, py: Python<'_>, o: &Bound<'_, PyAny>) -> PyResult<()> {
        inplace(py, BinaryOp::RightShift, &self.inner(), o)
    }

    fn __richcmp__(
        slf: &Bound<'_, Self>,
        o: &Bound<'_, PyAny>,
        cmp: CompareOp,
    ) -> PyResult<Py<PyAny>> {
        let op = match cmp {
            CompareOp::Eq => BinaryOp::Equal,
            CompareOp::Ne => BinaryOp::NotEqual,
            CompareOp::Lt => BinaryOp::Less,
            CompareOp::Le => BinaryOp::LessEqual,
            CompareOp::Gt => BinaryOp::Greater,
            CompareOp::Ge => BinaryOp::GreaterEqual,
        };
        binop(slf, op, o, false)
    }

    fn __neg__(&self, py: Python<'_>) -> PyResult<Py<PyNdArray>> {
        unop(py, UnaryOp::Negative, &self.inner())
    }
    fn __pos__(&self, py: Python<'_>) -> PyResult<Py<PyNdArray>> {
        unop(py, UnaryOp::Positive, &self.inner())
    }
    fn __abs__(&self, py: Python<'_>) -> PyResult<Py<PyNdArray>> {
        unop(py, UnaryOp::Absolute, &self.inner())
    }
    fn __invert__(&self, py: Python<'_>) -> PyResult<Py<PyNdArray>> {
        unop(py, UnaryOp::Invert, &self.inner())
    }
}
