//! `unique`: the sorted distinct values of an array, with the index of each one's first
//! occurrence, the inverse (which distinct value each element is) and the counts.
//!
//! The reference tier sorts (a stable argsort) and starts a group wherever a value differs from
//! the one before. The fast tiers count with a hash table of radix keys when there are few
//! distinct values, then sort only those: the same groups, first occurrences and order, since
//! in the stable sort a group's first element is its first occurrence. Complex numbers, and
//! data with many distinct values, take the sorting path at every tier.
//!
//! Equality is `==` (-0.0 equals 0.0; the first occurrence is kept); with `equal_nan` every NaN
//! (for complex: every value with a NaN part) is one value, else each NaN is its own.

use super::keytable::KeyTable;
use super::lanes::{elements, filled, Plan};
use super::order::{RadixKey, SortElement};
use super::{argsort_values, ArgScratch};
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::error::{normalize_axis, Result};
use crate::kernels::{current_tier, trace, Tier};
use crate::with_dtype;

/// The arrays NumPy's `unique` returns: values, first indices, inverse (`None` when not asked
/// for) and counts; the indices are int64.
pub struct UniqueResult {
    pub values: Array,
    pub index: Array,
    pub inverse: Option<Array>,
    pub counts: Array,
}

/// Groups of equal elements: the first occurrence of each (in sorted order of the values),
/// how many there are, and optionally each element's group.
struct Groups {
    first: Vec<usize>,
    counts: Vec<usize>,
    inverse: Option<Vec<usize>>,
}

/// `numpy.unique(a, axis=, equal_nan=)` with every optional output.
pub fn unique(
    a: &Array,
    axis: Option<isize>,
    equal_nan: bool,
    want_inverse: bool,
) -> Result<UniqueResult> {
    if let Some(axis) = axis {
        return unique_along(a, normalize_axis(axis, a.ndim())?, want_inverse);
    }
    let flat = a.reshape(&[-1])?;
    with_dtype!(a.dtype(), T => {
        let v = elements::<T>(&flat)?;
        let g = groups_of::<T>(&v, equal_nan, want_inverse)?;
        let mut values = vec_with_capacity(g.first.len())?;
        values.extend(g.first.iter().map(|&i| v[i]));
        let inverse = match g.inverse {
            Some(inv) => Some(int64_array(&inv, a.shape())?),
            None => None,
        };
        Ok(UniqueResult {
            values: Array::from_vec(values, &[g.first.len()])?,
            index: int64_array(&g.first, &[g.first.len()])?,
            inverse,
            counts: int64_array(&g.counts, &[g.counts.len()])?,
        })
    })
}

/// An int64 array of `shape` from indices or counts.
pub fn int64_array(v: &[usize], shape: &[usize]) -> Result<Array> {
    let mut out = vec_with_capacity(v.len())?;
    out.extend(v.iter().map(|&x| x as i64));
    Array::from_vec(out, shape)
}

fn groups_of<T: SortElement>(v: &[T], equal_nan: bool, want_inverse: bool) -> Result<Groups> {
    let plan = Plan::new(current_tier(), 1, v.len());
    if T::HAS_KEY && plan.tier != Tier::Reference {
        if let Some(g) = hashed_groups(v, equal_nan, want_inverse)? {
            trace::record("unique", T::DTYPE, true, false);
            return Ok(g);
        }
    }
    trace::record("unique", T::DTYPE, plan.vector(), plan.threaded());
    sorted_groups(&plan, v, equal_nan, want_inverse)
}

/// Whether sorted neighbours `a` and `b` are one value.
#[inline(always)]
fn same_value<T: SortElement>(a: T, b: T, equal_nan: bool) -> bool {
    a == b || (equal_nan && a.is_nan() && b.is_nan())
}

fn sorted_groups<T: SortElement>(
    plan: &Plan,
    v: &[T],
    equal_nan: bool,
    want_inverse: bool,
) -> Result<Groups> {
    let mut s = ArgScratch::<T::Key>::new(v.len())?;
    argsort_values(plan, v, &mut s);
    let mut g = Groups {
        first: Vec::new(),
        counts: Vec::new(),
        inverse: if want_inverse {
            Some(filled(v.len(), 0)?)
        } else {
            None
        },
    };
    let mut prev: Option<T> = None;
    for &i in &s.index {
        if !prev.is_some_and(|p| same_value(p, v[i], equal_nan)) {
            g.first.try_reserve(1).map_err(|_| memory())?;
            g.first.push(i);
            g.counts.push(0);
        }
        prev = Some(v[i]);
        if let Some(c) = g.counts.last_mut() {
            *c += 1;
        }
        if let Some(inv) = &mut g.inverse {
            inv[i] = g.first.len() - 1;
        }
    }
    Ok(g)
}

fn memory() -> crate::Error {
    crate::Error::Memory("cannot allocate the distinct values".into())
}

/// The groups by hashing, or None when there are too many distinct values for it to pay.
fn hashed_groups<T: SortElement>(
    v: &[T],
    equal_nan: bool,
    want_inverse: bool,
) -> Result<Option<Groups>> {
    const NAN: usize = usize::MAX;
    let limit = (v.len() / 16).max(1024);
    let mut table = KeyTable::with_capacity(64)?;
    let (mut first, mut counts, mut nans) = (Vec::new(), Vec::new(), Vec::new());
    let mut ids = if want_inverse {
        filled(v.len(), 0)?
    } else {
        Vec::new()
    };
    for (i, &x) in v.iter().enumerate() {
        let id = if !equal_nan && x.is_nan() {
            nans.push(i);
            NAN
        } else {
            let id = table.id_or_insert(x.key().bits())?;
            if id == first.len() {
                if first.len() >= limit {
                    return Ok(None);
                }
                first.push(i);
                counts.push(0usize);
            }
            counts[id] += 1;
            id
        };
        if want_inverse {
            ids[i] = id;
        }
    }
    // Distinct keys in order; then each unmerged NaN, in input order (they sort last, stably).
    let mut order: Vec<usize> = (0..first.len()).collect();
    order.sort_unstable_by_key(|&id| v[first[id]].key());
    let mut rank = filled(first.len(), 0)?;
    for (r, &id) in order.iter().enumerate() {
        rank[id] = r;
    }
    let base = first.len();
    let mut g = Groups {
        first: order
            .iter()
            .map(|&id| first[id])
            .chain(nans.iter().copied())
            .collect(),
        counts: order
            .iter()
            .map(|&id| counts[id])
            .chain(nans.iter().map(|_| 1))
            .collect(),
        inverse: None,
    };
    if want_inverse {
        let mut next_nan = base;
        for id in ids.iter_mut() {
            *id = if *id == NAN {
                next_nan += 1;
                next_nan - 1
            } else {
                rank[*id]
            };
        }
        g.inverse = Some(ids);
    }
    Ok(Some(g))
}

/// `unique(a, axis=k)`: the distinct slices along `axis`, in lexicographic order.
fn unique_along(a: &Array, axis: usize, want_inverse: bool) -> Result<UniqueResult> {
    let mut perm: Vec<isize> = vec![axis as isize];
    perm.extend((0..a.ndim() as isize).filter(|&d| d != axis as isize));
    let moved = a.transpose(Some(&perm))?;
    let rows = moved.shape()[0];
    let width: usize = moved.shape()[1..].iter().product();
    let plan = Plan::new(current_tier(), 1, rows);
    trace::record("unique", a.dtype(), plan.vector(), false);
    let (first, counts, inverse) = with_dtype!(a.dtype(), T => {
        let v = moved.to_vec::<T>()?;
        let row = |i: usize| &v[i * width..(i + 1) * width];
        let less = |&i: &usize, &j: &usize| {
            row(i).iter().zip(row(j)).find(|(x, y)| !T::same(**x, **y)).is_some_and(|(x, y)| T::less(*x, *y))
        };
        let mut order: Vec<usize> = (0..rows).collect();
        if plan.tier == Tier::Reference {
            super::merge::merge_sort_by(&mut order, &mut filled(rows, 0)?, less);
        } else {
            order.sort_by(|x, y| super::merge::ordering(&less, x, y));
        }
        let (mut first, mut counts, mut inverse) = (Vec::new(), Vec::new(), filled(rows, 0)?);
        for (k, &i) in order.iter().enumerate() {
            if k == 0 || row(order[k - 1]) != row(i) {
                first.push(i);
                counts.push(0usize);
            }
            if let Some(c) = counts.last_mut() {
                *c += 1;
            }
            inverse[i] = first.len() - 1;
        }
        (first, counts, inverse)
    });
    // The distinct slices, gathered in order, then the axis moved back.
    let index = int64_array(&first, &[first.len()])?;
    let picked = crate::ops::sort::take_rows(&moved, &first)?;
    let mut back: Vec<isize> = (1..a.ndim() as isize).collect();
    back.insert(axis, 0);
    let values = picked.transpose(Some(&back))?.to_contiguous()?;
    Ok(UniqueResult {
        values,
        index,
        inverse: if want_inverse {
            Some(int64_array(&inverse, &[rows])?)
        } else {
            None
        },
        counts: int64_array(&counts, &[counts.len()])?,
    })
}
