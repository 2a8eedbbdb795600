//! The dtype and shape of an array made from nested sequences (`array([[1, 2.5], [3, 4]])`).
//! The bindings walk the Python objects once and feed each element to a `NestedInference`;
//! the rules are here: the shape is read down the first elements and every other sequence must
//! match it (ragged is a ValueError); Python scalars rank bool < int < float < complex and take
//! their kind's default dtype, integers beyond int64 make uint64 (an error beside negative
//! ones); arrays and NumPy scalars are typed and join by promotion.

use crate::array::Array;
use crate::dtype::{check_assignable, promote_types, DType, Scalar};
use crate::error::{Error, Result};
use crate::layout::{format_shape, MAX_DIMS};

/// The highest kind of Python scalar seen.
#[derive(Copy, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Rank {
    Bool,
    Int,
    UInt,
    Float,
    Complex,
}

/// Collects the elements of a nested sequence in C order and decides the result's dtype.
pub struct NestedInference {
    shape: Vec<usize>,
    values: Vec<Scalar>,
    rank: Option<Rank>,
    has_negative: bool,
    /// The promoted dtype of the typed elements (arrays, NumPy scalars), if any.
    typed: Option<DType>,
    /// With `asarray(..., dtype=)`: scalars are checked against it as they are read.
    target: Option<DType>,
}

impl NestedInference {
    /// `shape` is the one read down the first elements (at most `MAX_DIMS + 1` long: one more
    /// means the input is too deep).
    pub fn new(shape: Vec<usize>, target: Option<DType>) -> Result<NestedInference> {
        if shape.len() > MAX_DIMS {
            return Err(Error::Value(format!(
                "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of {MAX_DIMS}."
            )));
        }
        Ok(NestedInference {
            shape,
            values: Vec::new(),
            rank: None,
            has_negative: false,
            typed: None,
            target,
        })
    }

    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The length a sequence at `depth` must have; None below the shape's axes (an element).
    #[inline]
    pub fn expected_len(&self, depth: usize) -> Option<usize> {
        self.shape.get(depth).copied()
    }

    /// The error for a sequence at `depth` whose length or nesting differs from the shape.
    pub fn ragged(&self, depth: usize) -> Error {
        Error::Value(format!(
            "setting an array element with a sequence. The requested array has an inhomogeneous shape after {depth} dimensions. The detected shape was {} + inhomogeneous part.",
            format_shape(&self.shape[..depth.min(self.shape.len())])
        ))
    }

    fn reserve(&mut self, n: usize) -> Result<()> {
        self.values.try_reserve(n).map_err(|_| {
            Error::Memory(format!(
                "cannot allocate an array of {} elements",
                self.values.len().saturating_add(n)
            ))
        })
    }

    fn join_typed(&mut self, dtype: DType) {
        self.typed = Some(match self.typed {
            Some(d) => promote_types(d, dtype),
            None => dtype,
        });
    }

    /// One scalar element: a Python scalar (`typed` None) or a NumPy scalar of dtype `typed`.
    pub fn push_scalar(&mut self, value: Scalar, typed: Option<DType>) -> Result<()> {
        if let Some(target) = self.target {
            check_assignable(value, target)?;
        }
        match typed {
            Some(dtype) => self.join_typed(dtype),
            None => {
                let r = match value {
                    Scalar::Bool(_) => Rank::Bool,
                    Scalar::Int(i) => {
                        self.has_negative |= i < 0;
                        Rank::Int
                    }
                    Scalar::UInt(_) => Rank::UInt,
                    Scalar::Float(_) => Rank::Float,
                    Scalar::Complex(_) => Rank::Complex,
                };
                self.rank = Some(self.rank.map_or(r, |old| old.max(r)));
            }
        }
        self.reserve(1)?;
        self.values.push(value);
        Ok(())
    }

    /// The fast path for a flat run of `n` Python floats (the common big input): `items`
    /// yields each value, or None at the first element that is not a plain float, in which
    /// case nothing is kept and false is returned (the caller reads the run element by
    /// element). Not taken when floats must be checked against an integer `dtype=`.
    #[inline]
    pub fn push_float_run(
        &mut self,
        n: usize,
        items: impl Iterator<Item = Option<f64>>,
    ) -> Result<bool> {
        if self.target.is_some_and(|d| d.is_integer()) {
            return Ok(false);
        }
        self.reserve(n)?;
        let start = self.values.len();
        for item in items {
            match item {
                Some(f) => self.values.push(Scalar::Float(f)),
                None => {
                    self.values.truncate(start);
                    return Ok(false);
                }
            }
        }
        self.rank = Some(self.rank.map_or(Rank::Float, |r| r.max(Rank::Float)));
        Ok(true)
    }

    /// An array element at `depth`: its shape must be the rest of the shape.
    pub fn push_array(&mut self, a: &Array, depth: usize) -> Result<()> {
        if a.shape() != self.shape.get(depth..).unwrap_or(&[]) {
            return Err(self.ragged(depth));
        }
        let values = a.to_scalars()?;
        self.reserve(values.len())?;
        self.values.extend(values);
        self.join_typed(a.dtype());
        Ok(())
    }

    /// The inferred dtype (float64 for an empty input), or `dtype=` when given.
    pub fn dtype(&self) -> Result<DType> {
        let weak = match self.rank {
            None => None,
            Some(Rank::Bool) => Some(DType::Bool),
            Some(Rank::Int) => Some(DType::Int64),
            Some(Rank::UInt) if self.has_negative && self.target.is_none() => {
                return Err(Error::Overflow(
                    "Python integers too large for int64 mixed with negative ones".into(),
                ))
            }
            Some(Rank::UInt) => Some(DType::UInt64),
            Some(Rank::Float) => Some(DType::Float64),
            Some(Rank::Complex) => Some(DType::Complex128),
        };
        let inferred = match (self.typed, weak) {
            (Some(t), Some(w)) => promote_types(t, w),
            (Some(d), None) | (None, Some(d)) => d,
            (None, None) => DType::Float64,
        };
        Ok(self.target.unwrap_or(inferred))
    }

    /// The array of the collected elements.
    pub fn finish(self) -> Result<Array> {
        let a = Array::empty(self.dtype()?, &self.shape)?;
        a.fill_from_scalars(&self.values)?;
        Ok(a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn infer(values: &[(Scalar, Option<DType>)], target: Option<DType>) -> Result<DType> {
        let mut n = NestedInference::new(vec![values.len()], target)?;
        for &(v, t) in values {
            n.push_scalar(v, t)?;
        }
        n.dtype()
    }

    #[test]
    fn kinds_rank_and_typed_elements_promote() {
        use Scalar::*;
        assert_eq!(infer(&[], None), Ok(DType::Float64));
        assert_eq!(infer(&[(Bool(true), None)], None), Ok(DType::Bool));
        assert_eq!(
            infer(&[(Bool(true), None), (Int(2), None)], None),
            Ok(DType::Int64)
        );
        assert_eq!(
            infer(&[(Int(2), None), (Float(0.5), None)], None),
            Ok(DType::Float64)
        );
        assert_eq!(
            infer(&[(UInt(1 << 63), None), (Int(2), None)], None),
            Ok(DType::UInt64)
        );
        assert!(matches!(
            infer(&[(UInt(1 << 63), None), (Int(-2), None)], None),
            Err(Error::Overflow(_))
        ));
        assert_eq!(
            infer(&[(Int(1), Some(DType::Int8)), (Int(2), None)], None),
            Ok(DType::Int64)
        );
        assert_eq!(
            infer(
                &[
                    (Float(1.0), Some(DType::Float32)),
                    (Int(2), Some(DType::Int8))
                ],
                None
            ),
            Ok(DType::Float32)
        );
        assert!(matches!(
            infer(&[(Int(300), None)], Some(DType::Int8)),
            Err(Error::Overflow(_))
        ));
    }

    #[test]
    fn shapes_are_checked() {
        assert!(matches!(
            NestedInference::new(vec![1; MAX_DIMS + 1], None),
            Err(Error::Value(_))
        ));
        let mut n = NestedInference::new(vec![2, 2], None).unwrap();
        let row = Array::from_vec(vec![1i8, 2], &[2]).unwrap();
        n.push_array(&row, 1).unwrap();
        let bad = Array::from_vec(vec![1i8, 2, 3], &[3]).unwrap();
        assert!(
            matches!(n.push_array(&bad, 1), Err(Error::Value(m)) if m.contains("after 1 dimensions. The detected shape was (2,)"))
        );
        assert!(n
            .push_float_run(2, [Some(0.5), Some(1.5)].into_iter())
            .unwrap());
        assert!(!n.push_float_run(2, [Some(0.5), None].into_iter()).unwrap());
        let a = n.finish().unwrap();
        assert_eq!(a.dtype(), DType::Float64);
        assert_eq!(a.to_vec::<f64>().unwrap(), vec![1.0, 2.0, 0.5, 1.5]);
    }
}
