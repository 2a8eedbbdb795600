//! Joining arrays: `concatenate` along an existing axis and `stack` along a new one; and
//! `expand_dims`, the view `stack` makes of each input.
//! Every check (shapes, axis, casting) runs before the result is allocated; then each input is
//! copied once into its slot of the result by the cast/copy kernels.

use crate::array::Array;
use crate::dtype::{can_cast, promote_types, Casting, DType};
use crate::error::{normalize_axis, Error, Result};
use crate::ops::cast::{casting_name, copy_into_unchecked};

/// `numpy.concatenate(arrays, axis, dtype=, casting=)`. `axis = None` flattens every input first.
/// The result dtype is `dtype` when given (each input must cast to it under `casting`), else the
/// promotion of the inputs' dtypes.
pub fn concatenate(
    arrays: &[Array],
    axis: Option<isize>,
    dtype: Option<DType>,
    casting: Casting,
) -> Result<Array> {
    if arrays.is_empty() {
        return Err(Error::Value(
            "need at least one array to concatenate".into(),
        ));
    }
    let flat: Vec<Array>;
    let (arrays, axis) = match axis {
        Some(axis) => (arrays, axis),
        None => {
            flat = arrays
                .iter()
                .map(|a| a.reshape(&[-1]))
                .collect::<Result<_>>()?;
            (flat.as_slice(), 0)
        }
    };
    let first = &arrays[0];
    if first.ndim() == 0 {
        return Err(Error::Value(
            "zero-dimensional arrays cannot be concatenated".into(),
        ));
    }
    let axis = normalize_axis(axis, first.ndim())?;
    let mut shape = first.shape().to_vec();
    shape[axis] = 0;
    for (i, a) in arrays.iter().enumerate() {
        check_joinable(first, a, i, axis)?;
        shape[axis] = shape[axis]
            .checked_add(a.shape()[axis])
            .ok_or_else(|| Error::Value("array is too big; the joined axis overflows".into()))?;
    }
    let dtype = result_dtype(arrays, dtype, casting)?;
    let out = Array::empty(dtype, &shape)?;
    let mut start = 0;
    for a in arrays {
        let n = a.shape()[axis];
        // `out` is fresh (no overlap with any input) and every cast was checked above.
        copy_into_unchecked(&out.slice_axis(axis, start, 1, n), a)?;
        start += n;
    }
    Ok(out)
}

/// `numpy.stack(arrays, axis, dtype=, casting=)`: inputs of one shape, joined along a new axis
/// that becomes `axis` of the result.
pub fn stack(
    arrays: &[Array],
    axis: isize,
    dtype: Option<DType>,
    casting: Casting,
) -> Result<Array> {
    let Some(first) = arrays.first() else {
        return Err(Error::Value("need at least one array to stack".into()));
    };
    if arrays.iter().any(|a| a.shape() != first.shape()) {
        return Err(Error::Value(
            "all input arrays must have the same shape".into(),
        ));
    }
    let axis = normalize_axis(axis, first.ndim() + 1)?;
    let expanded: Vec<Array> = arrays.iter().map(|a| a.insert_axis(axis)).collect();
    concatenate(&expanded, Some(axis as isize), dtype, casting)
}

/// `numpy.expand_dims(a, axis)`: a view with length-1 axes that become `axes` of the result
/// (an int or a tuple of ints, normalized against the result's dimensions).
pub fn expand_dims(a: &Array, axes: &[isize]) -> Result<Array> {
    let nd = a.ndim().saturating_add(axes.len());
    crate::layout::check_ndim(nd)?;
    let mut at = super::normalize_axes(axes, nd, "axis")?;
    at.sort_unstable();
    Ok(at.into_iter().fold(a.clone(), |v, ax| v.insert_axis(ax)))
}

/// Input `i` must have `first`'s number of dimensions and its lengths off the joined axis.
fn check_joinable(first: &Array, a: &Array, i: usize, axis: usize) -> Result<()> {
    if a.ndim() != first.ndim() {
        return Err(Error::Value(format!(
            "all the input arrays must have same number of dimensions, but the array at index 0 \
             has {} dimension(s) and the array at index {i} has {} dimension(s)",
            first.ndim(),
            a.ndim()
        )));
    }
    for (d, (&n0, &n)) in first.shape().iter().zip(a.shape()).enumerate() {
        if d != axis && n0 != n {
            return Err(Error::Value(format!(
                "all the input array dimensions except for the concatenation axis must match \
                 exactly, but along dimension {d}, the array at index 0 has size {n0} and the \
                 array at index {i} has size {n}"
            )));
        }
    }
    Ok(())
}

/// The requested dtype (every input must cast to it under `casting`), else the promoted one.
fn result_dtype(arrays: &[Array], dtype: Option<DType>, casting: Casting) -> Result<DType> {
    let promoted = arrays[1..]
        .iter()
        .fold(arrays[0].dtype(), |d, a| promote_types(d, a.dtype()));
    let Some(target) = dtype else {
        return Ok(promoted);
    };
    for a in arrays {
        if !can_cast(a.dtype(), target, casting) {
            return Err(Error::Type(format!(
                "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
                a.dtype().name(),
                target.name(),
                casting_name(casting)
            )));
        }
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ints(v: &[i64], shape: &[usize]) -> Array {
        Array::from_vec(v.to_vec(), shape).unwrap()
    }

    #[test]
    fn joins_along_each_axis() {
        let a = ints(&[1, 2, 3, 4], &[2, 2]);
        let b = ints(&[5, 6], &[1, 2]);
        let r = concatenate(&[a.clone(), b], Some(-2), None, Casting::SameKind).unwrap();
        assert_eq!(r.shape(), &[3, 2]);
        assert_eq!(r.to_vec::<i64>().unwrap(), vec![1, 2, 3, 4, 5, 6]);
        let t = a.transpose(None).unwrap();
        let r = concatenate(&[a.clone(), t], Some(1), None, Casting::SameKind).unwrap();
        assert_eq!(r.to_vec::<i64>().unwrap(), vec![1, 2, 1, 3, 3, 4, 2, 4]);
        let r = concatenate(&[a.clone(), a.clone()], None, None, Casting::SameKind).unwrap();
        assert_eq!(r.shape(), &[8]);
        let s = stack(&[a.clone(), a.clone()], -1, None, Casting::SameKind).unwrap();
        assert_eq!(s.shape(), &[2, 2, 2]);
        assert_eq!(s.to_vec::<i64>().unwrap(), vec![1, 1, 2, 2, 3, 3, 4, 4]);
    }

    #[test]
    fn promotes_and_checks_casting() {
        let a = ints(&[1, 2], &[2]);
        let f = Array::from_vec(vec![0.5f32], &[1]).unwrap();
        let r = concatenate(&[a.clone(), f.clone()], Some(0), None, Casting::SameKind).unwrap();
        assert_eq!(r.dtype(), DType::Float64);
        let err = concatenate(&[a, f], Some(0), Some(DType::Int32), Casting::SameKind);
        assert!(matches!(err, Err(Error::Type(_))));
    }

    #[test]
    fn errors_name_the_problem() {
        let a = ints(&[1, 2, 3, 4], &[2, 2]);
        let b = ints(&[1, 2, 3], &[1, 3]);
        let scalar = ints(&[1], &[]);
        assert!(matches!(
            concatenate(&[], Some(0), None, Casting::SameKind),
            Err(Error::Value(_))
        ));
        assert!(matches!(
            concatenate(&[a.clone(), b], Some(0), None, Casting::SameKind),
            Err(Error::Value(m)) if m.contains("dimension 1, the array at index 0 has size 2")
        ));
        assert!(matches!(
            concatenate(&[a.clone()], Some(2), None, Casting::SameKind),
            Err(Error::Axis(_))
        ));
        assert!(matches!(
            concatenate(
                &[scalar.clone(), scalar.clone()],
                Some(0),
                None,
                Casting::SameKind
            ),
            Err(Error::Value(_))
        ));
        let flat = concatenate(&[scalar.clone(), scalar], None, None, Casting::SameKind).unwrap();
        assert_eq!(flat.shape(), &[2]);
        assert!(matches!(
            stack(&[a.clone()], 3, None, Casting::SameKind),
            Err(Error::Axis(_))
        ));
        assert_eq!(expand_dims(&a, &[-1]).unwrap().shape(), &[2, 2, 1]);
        assert!(matches!(expand_dims(&a, &[3]), Err(Error::Axis(_))));
    }
}
