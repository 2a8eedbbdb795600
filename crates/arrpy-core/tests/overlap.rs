//! Overlap by byte ranges: `may_share_memory` / `shares_memory` against the byte sets views
//! address, and the writing paths (assignment, `out=`) on a second buffer over the same memory
//! (what a NumPy, memoryview or DLPack view of an array is), at every tier.

use arrpy_core::buffer::Buffer;
use arrpy_core::kernels::{set_tier, Tier};
use arrpy_core::ops::cast::assign;
use arrpy_core::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use arrpy_core::overlap::{may_overlap_itself, may_share_memory, shares_memory, TooHard};
use arrpy_core::{Array, Casting, DType};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// The tier is process-wide: tests that switch it run one at a time.
static TIER_LOCK: Mutex<()> = Mutex::new(());

/// A second buffer over all of `a`'s memory (kept alive by it), viewed with `a`'s dtype, as
/// C-contiguous 1-d: a different `Buffer` over the same bytes.
fn foreign_view(a: &Array) -> Array {
    let buffer = a.buffer();
    // SAFETY: the owner (a clone of `a`) keeps the memory alive and writable.
    let foreign =
        unsafe { Buffer::foreign(buffer.as_ptr(), buffer.len(), false, Box::new(a.clone())) };
    let n = buffer.len() / a.itemsize();
    Array::from_buffer(
        Arc::new(foreign),
        a.dtype(),
        &[n],
        &[a.itemsize() as isize],
        0,
    )
    .unwrap()
}

/// A view of `buffer`'s bytes as `dtype` with the given layout.
fn view(base: &Array, dtype: DType, shape: &[usize], strides: &[isize], offset: usize) -> Array {
    Array::from_buffer(base.buffer().clone(), dtype, shape, strides, offset).unwrap()
}

/// Every byte address an element of `a` covers.
fn bytes(a: &Array) -> HashSet<usize> {
    let mut set = HashSet::new();
    let n = a.size();
    for linear in 0..n {
        let mut rem = linear;
        let mut addr = a.data_ptr() as isize;
        for (&d, &s) in a.shape().iter().zip(a.strides()).rev() {
            addr += (rem % d) as isize * s;
            rem /= d;
        }
        for k in 0..a.itemsize() {
            set.insert(addr as usize + k);
        }
    }
    set
}

fn ramp(n: usize) -> Vec<f64> {
    (0..n).map(|i| i as f64).collect()
}

fn values(a: &Array) -> Vec<f64> {
    a.to_scalars().unwrap().iter().map(|s| s.as_f64()).collect()
}

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// A random view of a 256-byte base: 1..=3 axes of length 0..=5, strides -5..=5 items (drawn
/// again until the view fits the base).
fn random_view(base: &Array, rng: &mut Rng) -> Array {
    loop {
        if let Some(v) = try_random_view(base, rng) {
            return v;
        }
    }
}

fn try_random_view(base: &Array, rng: &mut Rng) -> Option<Array> {
    let dtype = [DType::UInt8, DType::Int16, DType::Float32, DType::Float64][rng.below(4) as usize];
    let item = dtype.itemsize() as isize;
    let ndim = 1 + rng.below(3) as usize;
    let shape: Vec<usize> = (0..ndim).map(|_| rng.below(6) as usize).collect();
    let strides: Vec<isize> = (0..ndim)
        .map(|_| (rng.below(11) as isize - 5) * item)
        .collect();
    let lo: isize = shape
        .iter()
        .zip(&strides)
        .map(|(&d, &s)| (d.max(1) as isize - 1) * s.min(0))
        .sum();
    let hi: isize = shape
        .iter()
        .zip(&strides)
        .map(|(&d, &s)| (d.max(1) as isize - 1) * s.max(0))
        .sum();
    let room = 256 - item - hi + lo;
    if room < 0 {
        return None;
    }
    let offset = (-lo + rng.below(room as u64 + 1) as isize) as usize;
    Some(view(base, dtype, &shape, &strides, offset))
}

#[test]
fn shares_memory_is_exact_on_random_views() {
    let base = Array::zeros(DType::UInt8, &[256]).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut shared, mut interleaved) = (0, 0);
    for _ in 0..20_000 {
        let (a, b) = (random_view(&base, &mut rng), random_view(&base, &mut rng));
        let truth = !bytes(&a).is_disjoint(&bytes(&b));
        assert_eq!(
            shares_memory(&a, &b, None),
            Ok(truth),
            "{a:?} at {:?}, {b:?} at {:?}",
            a.offset(),
            b.offset()
        );
        let may = may_share_memory(&a, &b);
        assert!(may || !truth, "may_share_memory must not miss an overlap");
        shared += truth as usize;
        interleaved += (may && !truth) as usize;
    }
    // Both outcomes, and extents that meet without a shared byte, are well represented.
    assert!(shared > 2000 && interleaved > 200, "{shared} {interleaved}");
}

/// Whether two elements of `a` cover a common byte, by listing them.
fn overlaps_itself(a: &Array) -> bool {
    let mut seen = HashSet::new();
    let n = a.size();
    for linear in 0..n {
        let (mut rem, mut addr) = (linear, a.data_ptr() as isize);
        for (&d, &s) in a.shape().iter().zip(a.strides()).rev() {
            addr += (rem % d) as isize * s;
            rem /= d;
        }
        for k in 0..a.itemsize() as isize {
            if !seen.insert(addr + k) {
                return true;
            }
        }
    }
    false
}

#[test]
fn may_overlap_itself_never_misses_and_rarely_cries_wolf() {
    let base = Array::zeros(DType::UInt8, &[256]).unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let (mut overlapping, mut alarms, mut clear) = (0, 0, 0);
    for _ in 0..20_000 {
        let a = random_view(&base, &mut rng);
        let truth = overlaps_itself(&a);
        let may = may_overlap_itself(&a);
        assert!(may || !truth, "missed the self-overlap of {a:?}");
        overlapping += truth as usize;
        alarms += (may && !truth) as usize;
        clear += !may as usize;
    }
    // Both answers are common; false alarms (a copy too many, on odd interleaved strides) are
    // the minority.
    assert!(overlapping > 2000 && clear > 2000, "{overlapping} {clear}");
    assert!(
        alarms * 4 < overlapping,
        "{alarms} false alarms, {overlapping} overlaps"
    );
    // The layouts arrays have (C, F, transposed, stepped, reversed, broadcast-free) are clear.
    for (shape, strides, offset) in [
        (&[2usize, 3][..], &[24isize, 8][..], 0),
        (&[2, 3], &[8, 16], 0),
        (&[3, 2], &[-16, 48], 32),
        (&[2, 2, 2], &[8, 32, 16], 0),
        (&[4], &[-24], 72),
        (&[1, 5], &[0, 8], 0),
    ] {
        let t = view(&base, DType::Int64, shape, strides, offset);
        assert!(!may_overlap_itself(&t), "{t:?}");
    }
    assert!(may_overlap_itself(&view(
        &base,
        DType::Int64,
        &[3],
        &[0],
        0
    )));
    assert!(may_overlap_itself(&view(
        &base,
        DType::Int64,
        &[3],
        &[-4],
        16
    )));
}

#[test]
fn foreign_buffers_over_the_same_memory_overlap() {
    let a = Array::from_vec(ramp(10), &[10]).unwrap();
    let f = foreign_view(&a);
    assert!(!f.shares_buffer(&a));
    assert_eq!(shares_memory(&a, &f, None), Ok(true));
    let (head, tail) = (a.slice_axis(0, 0, 1, 5), f.slice_axis(0, 5, 1, 5));
    assert!(!may_share_memory(&head, &tail));
    assert_eq!(shares_memory(&head, &tail, None), Ok(false));
    let (even, odd) = (a.slice_axis(0, 0, 2, 5), f.slice_axis(0, 1, 2, 5));
    assert!(may_share_memory(&even, &odd));
    assert_eq!(shares_memory(&even, &odd, None), Ok(false));
    let reversed = f.slice_axis(0, 9, -1, 10);
    assert_eq!(
        shares_memory(&a.slice_axis(0, 9, 1, 1), &reversed, None),
        Ok(true)
    );
    let empty = a.slice_axis(0, 3, 1, 0);
    assert!(!may_share_memory(&empty, &a));
    assert_eq!(shares_memory(&empty, &a, None), Ok(false));
}

#[test]
fn work_bound_gives_too_hard() {
    // Extents that meet, no shared byte, and no divisibility or range argument that settles it
    // before a search: a bound of one step is too little, no bound gives the exact answer.
    let base = Array::zeros(DType::UInt8, &[4096]).unwrap();
    let a = view(&base, DType::UInt8, &[11, 13, 17], &[210, 77, 1], 0);
    let b = view(&base, DType::UInt8, &[7, 19, 23], &[330, 29, 2], 5);
    let truth = !bytes(&a).is_disjoint(&bytes(&b));
    assert_eq!(shares_memory(&a, &b, None), Ok(truth));
    assert_eq!(shares_memory(&a, &b, Some(1)), Err(TooHard));
}

/// Runs `f` at every tier on a fresh ramp of `n` and returns each tier's values.
fn at_every_tier(n: usize, f: impl Fn(&Array, &Array)) -> Vec<Vec<f64>> {
    let _guard = TIER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let results = Tier::ALL
        .iter()
        .map(|&tier| {
            set_tier(tier);
            let a = Array::from_vec(ramp(n), &[n]).unwrap();
            f(&a, &foreign_view(&a));
            values(&a)
        })
        .collect();
    set_tier(Tier::Parallel);
    results
}

#[test]
fn assign_through_a_foreign_view_reads_the_source_first() {
    let n = 200_003;
    for got in at_every_tier(n, |a, f| {
        assign(
            &a.slice_axis(0, 1, 1, n - 1),
            &f.slice_axis(0, 0, 1, n - 1),
            Casting::SameKind,
        )
        .unwrap()
    }) {
        let expect: Vec<f64> = (0..n).map(|i| i.saturating_sub(1) as f64).collect();
        assert_eq!(got, expect);
    }
    for got in at_every_tier(n, |a, f| {
        assign(a, &f.slice_axis(0, n - 1, -1, n), Casting::SameKind).unwrap()
    }) {
        let expect: Vec<f64> = (0..n).rev().map(|i| i as f64).collect();
        assert_eq!(got, expect);
    }
}

#[test]
fn out_overlapping_a_foreign_input_gets_the_values_of_a_copy() {
    let n = 200_003;
    // out = a[1:], input = f[:-1]: each output element is twice its left neighbour's old value.
    for got in at_every_tier(n, |a, f| {
        let two = Array::scalar(DType::Float64, arrpy_core::Scalar::Float(2.0)).unwrap();
        let out = a.slice_axis(0, 1, 1, n - 1);
        binary(
            BinaryOp::Multiply,
            &f.slice_axis(0, 0, 1, n - 1),
            &two,
            Some(&out),
        )
        .unwrap();
    }) {
        let expect: Vec<f64> = (0..n)
            .map(|i| if i == 0 { 0.0 } else { 2.0 * (i - 1) as f64 })
            .collect();
        assert_eq!(got, expect);
    }
    // a += f[::-1], the in-place operator with a reversed foreign operand.
    for got in at_every_tier(n, |a, f| {
        binary(BinaryOp::Add, a, &f.slice_axis(0, n - 1, -1, n), Some(a)).unwrap();
    }) {
        assert!(got.iter().all(|&v| v == (n - 1) as f64));
    }
    // unary with out = a[::2] reading f[1::2]: interleaved, no byte shared, computed in place.
    for got in at_every_tier(n, |a, f| {
        let m = n / 2;
        unary(
            UnaryOp::Negative,
            &f.slice_axis(0, 1, 2, m),
            Some(&a.slice_axis(0, 0, 2, m)),
        )
        .unwrap();
    }) {
        let expect: Vec<f64> = (0..n)
            .map(|i| {
                if i % 2 == 0 && i + 1 < n {
                    -((i + 1) as f64)
                } else {
                    i as f64
                }
            })
            .collect();
        assert_eq!(got, expect);
    }
}
