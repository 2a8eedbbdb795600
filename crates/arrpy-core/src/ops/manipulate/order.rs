//! Memory order: reshape/ravel/flatten in 'C', 'F', 'A' or 'K' order, and copies into a chosen
//! layout (`ascontiguousarray`, `asfortranarray`, `copy(order=)`).

use super::views::permute;
use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::ops::cast::copy_into_unchecked;

/// NumPy's order letters.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Order {
    C,
    F,
    A,
    K,
}

impl Order {
    pub fn from_name(name: &str) -> Result<Order> {
        match name {
            "C" | "c" => Ok(Order::C),
            "F" | "f" => Ok(Order::F),
            "A" | "a" => Ok(Order::A),
            "K" | "k" => Ok(Order::K),
            _ => Err(Error::Value(format!(
                "order must be one of 'C', 'F', 'A', or 'K' (got '{name}')"
            ))),
        }
    }

    /// 'A' (and 'K' for reshape) means F for an array that is F- but not C-contiguous.
    fn resolve(self, a: &Array) -> Order {
        match self {
            Order::A | Order::K if a.is_f_contiguous() && !a.is_c_contiguous() => Order::F,
            Order::A => Order::C,
            o => o,
        }
    }
}

/// `numpy.reshape(a, shape, order=, copy=)`: a view whenever the layout allows (`copy=None`),
/// always a copy (`Some(true)`), or never (`Some(false)`, ValueError if one is needed).
pub fn reshape(a: &Array, shape: &[isize], order: Order, copy: Option<bool>) -> Result<Array> {
    let order = match order {
        Order::K => {
            return Err(Error::Value(
                "order 'K' is not permitted for reshaping".into(),
            ))
        }
        o => o.resolve(a),
    };
    let src = if copy == Some(true) {
        copy_in(a, order, None)?
    } else {
        a.clone()
    };
    let c_reshape = |x: &Array, s: &[isize]| {
        if copy == Some(false) {
            x.reshape_view(s)
        } else {
            x.reshape(s)
        }
    };
    if order == Order::F {
        // F order is C order on the reversed axes.
        let rev: Vec<isize> = shape.iter().rev().copied().collect();
        return c_reshape(&src.transpose(None)?, &rev)?.transpose(None);
    }
    c_reshape(&src, shape)
}

/// `numpy.ravel(a, order)`: a 1-d view when `a` is contiguous in that order (as NumPy: any other
/// layout is copied, even one a reshape could view). 'K' reads the elements in memory order
/// (axes by decreasing stride magnitude).
pub fn ravel(a: &Array, order: Order) -> Result<Array> {
    let (src, order) = match order {
        Order::K => (permute(a, &memory_order(a))?, Order::C),
        Order::A if a.is_c_contiguous() => (a.clone(), Order::C),
        o => (a.clone(), o.resolve(a)),
    };
    let contiguous = match order {
        Order::F => src.is_f_contiguous(),
        _ => src.is_c_contiguous(),
    };
    reshape(&src, &[-1], order, (!contiguous).then_some(true))
}

/// `a.flatten(order)`: always a copy.
pub fn flatten(a: &Array, order: Order) -> Result<Array> {
    let r = ravel(a, order)?;
    if r.shares_buffer(a) {
        return r.copy();
    }
    Ok(r)
}

/// A copy of `a` (cast to `dtype` when given) laid out in `order`: 'K' keeps the order of `a`'s
/// strides, 'A' is F for an F-contiguous array.
pub fn copy_in(a: &Array, order: Order, dtype: Option<DType>) -> Result<Array> {
    let dtype = dtype.unwrap_or(a.dtype());
    let perm: Vec<usize> = match order.resolve(a) {
        Order::C | Order::A => (0..a.ndim()).collect(),
        Order::F => (0..a.ndim()).rev().collect(),
        Order::K => memory_order(a),
    };
    // Allocate C-contiguous over the permuted axes, then view it in `a`'s axis order.
    let shape: Vec<usize> = perm.iter().map(|&k| a.shape()[k]).collect();
    let mut inverse = vec![0; perm.len()];
    for (i, &k) in perm.iter().enumerate() {
        inverse[k] = i;
    }
    let out = permute(&Array::empty(dtype, &shape)?, &inverse)?;
    copy_into_unchecked(&out, a)?;
    Ok(out)
}

/// `numpy.ascontiguousarray` (`order` C) and `numpy.asfortranarray` (F): `a` itself when
/// already contiguous in that order and dtype, else a copy laid out so; at least 1-d, as NumPy.
pub fn as_layout(a: &Array, order: Order, dtype: Option<DType>) -> Result<Array> {
    let a = super::views::atleast_nd(a, 1);
    let contiguous = match order {
        Order::F => a.is_f_contiguous(),
        _ => a.is_c_contiguous(),
    };
    if contiguous && dtype.is_none_or(|d| d == a.dtype()) {
        return Ok(a);
    }
    copy_in(&a, order, dtype)
}

/// Axes sorted by decreasing stride magnitude (stable): the order they lie in memory. A
/// stride-0 (broadcast) axis has no place in memory and keeps its position, as in NumPy.
fn memory_order(a: &Array) -> Vec<usize> {
    let mut axes: Vec<usize> = (0..a.ndim()).collect();
    let mut moving: Vec<usize> = axes
        .iter()
        .copied()
        .filter(|&k| a.strides()[k] != 0)
        .collect();
    moving.sort_by_key(|&k| std::cmp::Reverse(a.strides()[k].unsigned_abs()));
    let slots = axes.iter_mut().filter(|k| a.strides()[**k] != 0);
    for (slot, k) in slots.zip(moving) {
        *slot = k;
    }
    axes
}

/// `numpy.copyto(dst, src, casting, where)`: `src` broadcast and cast into `dst`, only where
/// the boolean `mask` (broadcast too) is true. Every check runs before the first write.
pub fn copyto(
    dst: &Array,
    src: &Array,
    casting: crate::dtype::Casting,
    mask: Option<&Array>,
) -> Result<()> {
    let Some(mask) = mask else {
        return crate::ops::cast::assign(dst, src, casting);
    };
    dst.check_writeable()?;
    for (from, to, rule) in [
        (src.dtype(), dst.dtype(), casting),
        (mask.dtype(), DType::Bool, crate::dtype::Casting::Safe),
    ] {
        if !crate::dtype::can_cast(from, to, rule) {
            return Err(Error::Type(format!(
                "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule '{}'",
                from.name(),
                to.name(),
                crate::ops::cast::casting_name(rule)
            )));
        }
    }
    src.strides_for(dst.shape())?;
    mask.strides_for(dst.shape())?;
    let src = crate::ops::elementwise::cast_to(src, dst.dtype())?;
    crate::ops::elementwise::select::where_(mask, &src, dst, Some(dst))?;
    Ok(())
}
