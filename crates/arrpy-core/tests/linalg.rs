//! Products in core: NumPy's shape rules, dtypes and errors for matmul, the loop each tier
//! runs (trace), overlap-safe `out=`, and the products built on matmul, against sums written
//! out element by element.

use arrpy_core::kernels::trace;
use arrpy_core::kernels::{set_tier, Tier};
use std::sync::Mutex;

/// The tier and the kernel trace are process-wide, and cargo runs tests on threads: every test
/// here holds this lock, so no other test's products land in a trace being counted or run at
/// a tier being set (as chain.rs and layouts.rs do).
static TIER_LOCK: Mutex<()> = Mutex::new(());
use arrpy_core::ops::linalg::{self, TensorAxes};
use arrpy_core::ops::manipulate::views;
use arrpy_core::{Array, DType, Error};

fn ramp(shape: &[usize], start: i64) -> Array {
    let n: usize = shape.iter().product();
    let values: Vec<f64> = (0..n as i64)
        .map(|v| ((v * 7 + start) % 13 - 6) as f64)
        .collect();
    Array::from_vec(values, shape).unwrap()
}

fn values(a: &Array) -> Vec<f64> {
    (0..a.size())
        .map(|k| a.get_flat(k).unwrap().as_f64())
        .collect()
}

/// `a @ b` for 2-d operands, summed element by element.
fn naive(a: &Array, b: &Array) -> Vec<f64> {
    let (n, k, m) = (a.shape()[0], a.shape()[1], b.shape()[1]);
    let mut out = vec![0.0; n * m];
    for i in 0..n {
        for j in 0..m {
            for p in 0..k {
                out[i * m + j] +=
                    a.get(&[i, p]).unwrap().as_f64() * b.get(&[p, j]).unwrap().as_f64();
            }
        }
    }
    out
}

#[test]
fn every_tier_runs_its_loop_on_every_layout() {
    let _guard = TIER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let a = ramp(&[70, 90], 1);
    let b = ramp(&[90, 80], 2);
    let views_a = [
        a.clone(),
        views::flip(&a, None).unwrap(),
        ramp(&[90, 70], 3).transpose(None).unwrap(),
    ];
    for tier in Tier::ALL {
        set_tier(tier);
        for x in &views_a {
            for dtype in [
                DType::Float64,
                DType::Float32,
                DType::Complex128,
                DType::Int32,
                DType::Bool,
            ] {
                let (xa, xb) = (
                    arrpy_core::ops::cast::astype(x, dtype).unwrap(),
                    arrpy_core::ops::cast::astype(&b, dtype).unwrap(),
                );
                trace::take(true);
                let c = linalg::matmul(&xa, &xb, None).unwrap();
                let runs = trace::take(false);
                let counts = runs[&("matmul", dtype)];
                assert_eq!(
                    counts.vector,
                    usize::from(tier != Tier::Reference),
                    "{tier:?} {dtype:?}"
                );
                // One product of 504000 multiply-adds: the blocked loop shares its row blocks
                // out; faer keeps products that small on one thread.
                let split = tier == Tier::Parallel && !dtype.is_inexact();
                assert_eq!(counts.threaded, usize::from(split), "{tier:?} {dtype:?}");
                assert_eq!(c.dtype(), dtype);
                let want = naive(
                    &arrpy_core::ops::cast::astype(&xa, DType::Float64).unwrap(),
                    &arrpy_core::ops::cast::astype(&xb, DType::Float64).unwrap(),
                );
                let want: Vec<f64> = if dtype == DType::Bool {
                    want.iter()
                        .map(|&v| f64::from(u8::from(v != 0.0)))
                        .collect()
                } else {
                    want
                };
                assert_eq!(
                    values(&arrpy_core::ops::cast::astype(&c, DType::Float64).unwrap()),
                    want,
                    "{tier:?} {dtype:?}"
                );
            }
        }
        // Many small products go to threads whole.
        trace::take(true);
        let batched =
            linalg::matmul(&ramp(&[1000, 8, 8], 1), &ramp(&[1000, 8, 8], 2), None).unwrap();
        let runs = trace::take(false);
        assert_eq!(
            runs[&("matmul", DType::Float64)].threaded,
            usize::from(tier == Tier::Parallel)
        );
        let (x, y) = (
            ramp(&[1000, 8, 8], 1).index_axis(0, 999).unwrap(),
            ramp(&[1000, 8, 8], 2).index_axis(0, 999).unwrap(),
        );
        assert_eq!(values(&batched.index_axis(0, 999).unwrap()), naive(&x, &y));
    }
    set_tier(Tier::Parallel);
}

#[test]
fn shapes_follow_numpys_rules() {
    let _guard = TIER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let m = |a: &[usize], b: &[usize]| {
        linalg::matmul(&ramp(a, 0), &ramp(b, 1), None).map(|c| c.shape().to_vec())
    };
    assert_eq!(m(&[3], &[3]).unwrap(), Vec::<usize>::new());
    assert_eq!(m(&[3], &[3, 4]).unwrap(), vec![4]);
    assert_eq!(m(&[2, 3], &[3]).unwrap(), vec![2]);
    assert_eq!(m(&[5, 1, 2, 3], &[4, 3, 6]).unwrap(), vec![5, 4, 2, 6]);
    assert_eq!(m(&[7, 3], &[2, 3, 1]).unwrap(), vec![2, 7, 1]);
    assert_eq!(m(&[3], &[2, 3, 4]).unwrap(), vec![2, 4]);
    assert_eq!(m(&[0, 3], &[3, 4]).unwrap(), vec![0, 4]);
    let zeros = linalg::matmul(&ramp(&[2, 0], 0), &ramp(&[0, 3], 0), None).unwrap();
    assert_eq!(
        (zeros.shape(), values(&zeros)),
        (&[2usize, 3][..], vec![0.0; 6])
    );
    let Err(Error::Shape(msg)) = m(&[2, 4], &[3, 5]) else {
        panic!()
    };
    assert!(
        msg.contains("core dimension 0") && msg.contains("size 3 is different from 4"),
        "{msg}"
    );
    let Err(Error::Value(msg)) = m(&[], &[3]) else {
        panic!()
    };
    assert!(
        msg.contains("operand 0 does not have enough dimensions"),
        "{msg}"
    );
    let Err(Error::Shape(msg)) = m(&[2, 2, 3], &[3, 3, 4]) else {
        panic!()
    };
    assert!(
        msg.contains("(2, 2, 3)") && msg.contains("(3, 3, 4)"),
        "{msg}"
    );
    // Promotion by the table: int8 @ uint8 is int16.
    let (i, u) = (
        arrpy_core::ops::cast::astype(&ramp(&[2, 2], 0), DType::Int8).unwrap(),
        arrpy_core::ops::cast::astype(&ramp(&[2, 2], 0), DType::UInt8).unwrap(),
    );
    assert_eq!(linalg::matmul(&i, &u, None).unwrap().dtype(), DType::Int16);
}

#[test]
fn out_that_is_an_operand_gets_the_product_of_the_old_values() {
    let _guard = TIER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let a = ramp(&[6, 6], 1);
    let b = ramp(&[6, 6], 2);
    let want = naive(&a, &b);
    linalg::matmul(&a, &b, Some(&a)).unwrap();
    assert_eq!(values(&a), want);
    // A bad out is refused before anything is written.
    let before = values(&b);
    assert!(linalg::matmul(&a, &b, Some(&b.slice_axis(0, 0, 1, 5))).is_err());
    assert_eq!(values(&b), before);
}

#[test]
fn products_built_on_matmul() {
    let _guard = TIER_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    let a = ramp(&[2, 3, 4], 1);
    let b = ramp(&[5, 4, 6], 2);
    let d = linalg::dot(&a, &b, None).unwrap();
    assert_eq!(d.shape(), &[2, 3, 5, 6]);
    let (x, y) = (a.index_axis(0, 1).unwrap(), b.index_axis(0, 3).unwrap());
    assert_eq!(
        values(&d.index_axis(0, 1).unwrap().index_axis(1, 3).unwrap()),
        naive(&x, &y)
    );
    let t = linalg::tensordot(&a, &ramp(&[3, 4, 2], 0), &TensorAxes::Count(2)).unwrap();
    assert_eq!(t.shape(), &[2, 2]);
    let k = linalg::kron(&ramp(&[2, 2], 0), &ramp(&[3], 1)).unwrap();
    assert_eq!(k.shape(), &[2, 6]);
    let v = linalg::vecdot(&a, &ramp(&[3, 4], 0), -1).unwrap();
    assert_eq!(v.shape(), &[2, 3]);
    let Err(Error::Value(msg)) = linalg::dot(&ramp(&[2, 3], 0), &ramp(&[4, 5], 0), None) else {
        panic!()
    };
    assert_eq!(
        msg,
        "shapes (2, 3) and (4, 5) not aligned: 3 (dim 1) != 4 (dim 0)"
    );
}
