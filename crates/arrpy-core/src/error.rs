//! One error type for the engine; each variant maps to one Python exception class.

use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// Incompatible shapes (broadcasting, reshape): ValueError.
    Shape(String),
    /// A dtype an operation does not accept: TypeError.
    Type(String),
    /// An index out of range or malformed: IndexError.
    Index(String),
    /// Any other bad value: ValueError.
    Value(String),
    /// An axis out of range: numpy.exceptions.AxisError (a ValueError and an IndexError).
    Axis(String),
    /// A Python integer that does not fit the dtype: OverflowError.
    Overflow(String),
    /// An allocation that cannot be made: MemoryError.
    Memory(String),
    /// Writing to a read-only array: ValueError.
    ReadOnly(String),
    /// A matrix a factorization cannot take (singular, not positive definite, not square):
    /// arrpy.linalg.LinAlgError (a ValueError, as NumPy's).
    LinAlg(String),
    /// A failed read or write of a file: OSError.
    Io(String),
}

pub type Result<T> = std::result::Result<T, Error>;

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let msg = match self {
            Error::Shape(m)
            | Error::Type(m)
            | Error::Index(m)
            | Error::Value(m)
            | Error::Axis(m)
            | Error::Overflow(m)
            | Error::Memory(m)
            | Error::ReadOnly(m)
            | Error::LinAlg(m)
            | Error::Io(m) => m,
        };
        f.write_str(msg)
    }
}

impl std::error::Error for Error {}

/// Normalizes a possibly negative axis against `ndim`.
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if axis < -n || axis >= n {
        return Err(Error::Axis(format!(
            "axis {axis} is out of bounds for array of dimension {ndim}"
        )));
    }
    Ok(if axis < 0 {
        (axis + n) as usize
    } else {
        axis as usize
    })
}
