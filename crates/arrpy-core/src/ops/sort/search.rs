//! `searchsorted` (binary search in a sorted 1-d array) and `isin` (membership in a set of
//! values). Both compare in the promoted dtype of their two inputs, in NumPy's sort order.
//!
//! Tiers: the reference tier's searchsorted is the textbook binary search; the simd tier's is
//! branch-free (the halving step is a conditional move, so mispredictions do not stall it);
//! the parallel tier shares the keys out to threads. isin looks elements up in a hash table of
//! the test values' radix keys at the fast tiers (threads share the elements at the parallel
//! tier), and binary-searches the sorted test values at the reference tier and for complex.

use super::keytable::KeyTable;
use super::lanes::{elements, filled, Plan};
use super::order::{RadixKey, SortElement};
use super::sort_values;
use crate::array::Array;
use crate::buffer::vec_with_capacity;
use crate::dtype::bool_byte::BoolByte;
use crate::dtype::{promote_types, DType};
use crate::error::{Error, Result};
use crate::kernels::{current_tier, parallel, trace, SendPtr, Tier};
use crate::ops::cast::astype;
use crate::with_dtype;

/// `a` cast to `T`'s dtype (itself when it already is).
fn cast_to<T: SortElement>(a: &Array) -> Result<Array> {
    if a.dtype() == T::DTYPE {
        Ok(a.clone())
    } else {
        astype(a, T::DTYPE)
    }
}

/// A binary search costs about this many element reads' worth of time (for splitting work).
const SEARCH_WORK: usize = 8;

/// Runs `f(start, end)` over chunks of `0..n` items of `work_per_item` each: on threads when
/// the plan (made for `n * work_per_item`) says so.
fn chunked(plan: &Plan, n: usize, work_per_item: usize, f: impl Fn(usize, usize) + Sync + Send) {
    if plan.threaded() {
        parallel::for_each_chunk_of(n, n.saturating_mul(work_per_item), 4, f);
    } else {
        f(0, n);
    }
}

/// `numpy.searchsorted(a, v, side, sorter)`: for each element of `v`, the index where it would
/// be inserted into the sorted 1-d `a` to keep it sorted (before equal elements for the left
/// side, after them for the right). With `sorter`, `a[sorter]` is the sorted array.
pub fn searchsorted(a: &Array, v: &Array, right: bool, sorter: Option<&Array>) -> Result<Array> {
    if a.ndim() != 1 {
        return Err(Error::Value(if a.ndim() == 0 {
            "object of too small depth for desired array".into()
        } else {
            "object too deep for desired array".into()
        }));
    }
    let dtype = promote_types(a.dtype(), v.dtype());
    let out = Array::empty(DType::Int64, v.shape())?;
    with_dtype!(dtype, T => {
        let (a, v) = (cast_to::<T>(a)?, cast_to::<T>(v)?);
        let mut sorted = elements::<T>(&a)?;
        if let Some(sorter) = sorter {
            sorted = apply_sorter(&sorted, sorter)?.into();
        }
        let keys = elements::<T>(&v)?;
        let plan = Plan::new(current_tier(), 1, keys.len().saturating_mul(SEARCH_WORK));
        trace::record("searchsorted", dtype, plan.vector(), plan.threaded());
        let dst = SendPtr(out.data_ptr());
        chunked(&plan, keys.len(), SEARCH_WORK, |start, end| {
            for (k, &key) in keys[start..end].iter().enumerate() {
                let pos = if plan.tier == Tier::Reference {
                    search_reference(&sorted, key, right)
                } else {
                    search_branchless(&sorted, key, right)
                };
                // SAFETY: `out` is a fresh C-contiguous int64 array of keys.len() elements;
                // chunks write disjoint positions.
                unsafe { dst.get().cast::<i64>().add(start + k).write(pos as i64) };
            }
        });
    });
    Ok(out)
}

/// `a[sorter]`, with NumPy's checks on `sorter`.
fn apply_sorter<T: Copy>(a: &[T], sorter: &Array) -> Result<Vec<T>> {
    if !sorter.dtype().is_integer() {
        return Err(Error::Type(format!(
            "sorter must be an array of integers, not {}",
            sorter.dtype().name()
        )));
    }
    if sorter.size() != a.len() {
        return Err(Error::Value("sorter.size must equal a.size".into()));
    }
    let order = astype(sorter, DType::Int64)?.to_vec::<i64>()?;
    let mut out = vec_with_capacity(a.len())?;
    for &i in &order {
        let i = usize::try_from(i).ok().filter(|&i| i < a.len());
        out.push(a[i.ok_or_else(|| Error::Value("Sorter index out of range.".into()))?]);
    }
    Ok(out)
}

/// Whether `x` goes before the insertion point of `key`.
#[inline(always)]
fn before<T: SortElement>(x: T, key: T, right: bool) -> bool {
    if right {
        !T::less(key, x)
    } else {
        T::less(x, key)
    }
}

/// Binary search: the insertion point lies in `lo..=hi`, which halves each step.
fn search_reference<T: SortElement>(a: &[T], key: T, right: bool) -> usize {
    let (mut lo, mut hi) = (0, a.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(a[mid], key, right) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

/// The same insertion point with a fixed number of steps and no branch on the data.
#[inline]
fn search_branchless<T: SortElement>(a: &[T], key: T, right: bool) -> usize {
    if a.is_empty() {
        return 0;
    }
    let (mut base, mut size) = (0usize, a.len());
    while size > 1 {
        let half = size / 2;
        let mid = base + half;
        base = if before(a[mid], key, right) {
            mid
        } else {
            base
        };
        size -= half;
    }
    base + before(a[base], key, right) as usize
}

/// `numpy.isin(element, test_elements, invert=)`: a bool array of `element`'s shape, true
/// where the element equals (`==`: NaN equals nothing) some test element.
pub fn isin(element: &Array, test: &Array, invert: bool) -> Result<Array> {
    let dtype = promote_types(element.dtype(), test.dtype());
    let out = Array::empty(DType::Bool, element.shape())?;
    with_dtype!(dtype, T => {
        let (element, test) = (cast_to::<T>(element)?, cast_to::<T>(test)?);
        let (values, tests) = (elements::<T>(&element)?, elements::<T>(&test)?);
        let found = membership(&values, &tests)?;
        let dst = SendPtr(out.data_ptr());
        // SAFETY: `out` is a fresh C-contiguous bool array of values.len() elements.
        let flags = unsafe { std::slice::from_raw_parts_mut(dst.get().cast::<BoolByte>(), values.len()) };
        for (f, &hit) in flags.iter_mut().zip(&found) {
            *f = BoolByte::from(hit != invert);
        }
    });
    Ok(out)
}

/// For each value, whether it equals one of `tests`.
pub fn membership<T: SortElement>(values: &[T], tests: &[T]) -> Result<Vec<bool>> {
    let plan = Plan::new(current_tier(), 1, values.len());
    trace::record("isin", T::DTYPE, plan.vector(), plan.threaded());
    let mut found = filled(values.len(), false)?;
    let dst = SendPtr(found.as_mut_ptr().cast());
    let write = |start: usize, i: usize, hit: bool| {
        // SAFETY: `found` holds values.len() flags; chunks write disjoint positions.
        unsafe { dst.get().cast::<bool>().add(start + i).write(hit) }
    };
    if T::HAS_KEY && plan.tier != Tier::Reference {
        if let Some(table) = DenseTable::new(tests)? {
            chunked(&plan, values.len(), 1, |start, end| {
                for (i, &x) in values[start..end].iter().enumerate() {
                    write(start, i, table.contains(x));
                }
            });
            return Ok(found);
        }
        let mut table = KeyTable::with_capacity(tests.len())?;
        for t in tests.iter().filter(|t| !t.is_nan()) {
            table.id_or_insert(t.key().bits())?;
        }
        chunked(&plan, values.len(), 1, |start, end| {
            for (i, &x) in values[start..end].iter().enumerate() {
                write(start, i, !x.is_nan() && table.get(x.key().bits()).is_some());
            }
        });
    } else {
        let mut sorted = vec_with_capacity(tests.len())?;
        sorted.extend_from_slice(tests);
        let mut scratch = vec_with_capacity(tests.len())?;
        sort_values(&Plan::new(plan.tier, 1, 0), &mut sorted, &mut scratch);
        chunked(&plan, values.len(), 1, |start, end| {
            for (i, &x) in values[start..end].iter().enumerate() {
                let pos = search_reference(&sorted, x, false);
                write(start, i, pos < sorted.len() && sorted[pos] == x);
            }
        });
    }
    Ok(found)
}

/// Membership by direct lookup: one flag per key in the test values' key range, when that
/// range is small (integers in a narrow band: NumPy's 'table' method).
struct DenseTable {
    low: u64,
    flags: Vec<bool>,
}

impl DenseTable {
    fn new<T: SortElement>(tests: &[T]) -> Result<Option<DenseTable>> {
        let keys = || tests.iter().filter(|t| !t.is_nan()).map(|t| t.key().bits());
        let (Some(low), Some(high)) = (keys().min(), keys().max()) else {
            return Ok(None);
        };
        let span = high - low;
        if span > (tests.len() as u64).saturating_mul(8).max(1 << 16) {
            return Ok(None);
        }
        let mut flags = filled(span as usize + 1, false)?;
        keys().for_each(|k| flags[(k - low) as usize] = true);
        Ok(Some(DenseTable { low, flags }))
    }

    #[inline(always)]
    fn contains<T: SortElement>(&self, x: T) -> bool {
        let offset = x.key().bits().wrapping_sub(self.low);
        !x.is_nan() && offset < self.flags.len() as u64 && self.flags[offset as usize]
    }
}
