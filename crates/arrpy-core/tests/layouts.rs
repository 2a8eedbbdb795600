//! Layout generators (C, F, strided, negative, broadcast, empty) and the properties every tier
//! must satisfy on each: correct values against a naive per-element computation, and
//! bit-identical results across the three tiers.

use arrpy_core::kernels::{set_tier, Tier};
use arrpy_core::ops::elementwise::{binary, unary, BinaryOp, UnaryOp};
use arrpy_core::ops::reduce::{reduce, ReduceOp};
use arrpy_core::{Array, DType, Scalar};
use std::sync::Mutex;

/// The tier is process-wide: tests that switch it run one at a time.
static TIER_LOCK: Mutex<()> = Mutex::new(());

fn ramp(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| ((i * 7919) % 1013) as f64 / 8.0 - 60.0)
        .collect()
}

/// (name, array) for each layout of a logical (rows × cols) float64 matrix built from `ramp`.
fn layouts(rows: usize, cols: usize) -> Vec<(&'static str, Array)> {
    let base = Array::from_vec(ramp(rows * cols * 4), &[rows * 2, cols * 2]).unwrap();
    let c = Array::from_vec(ramp(rows * cols), &[rows, cols]).unwrap();
    let f = Array::from_vec(ramp(rows * cols), &[cols, rows])
        .unwrap()
        .transpose(None)
        .unwrap();
    let strided = base.slice_axis(0, 0, 2, rows).slice_axis(1, 1, 2, cols);
    let negative = c
        .slice_axis(1, cols - 1, -1, cols)
        .slice_axis(0, rows - 1, -1, rows);
    let row = Array::from_vec(ramp(cols), &[cols]).unwrap();
    let broadcast = row.broadcast_to(&[rows, cols]).unwrap();
    vec![
        ("C", c),
        ("F", f),
        ("strided", strided),
        ("negative", negative),
        ("broadcast", broadcast),
    ]
}

fn values(a: &Array) -> Vec<f64> {
    a.to_scalars().unwrap().iter().map(|s| s.as_f64()).collect()
}

#[test]
fn binary_ops_match_naive_on_every_layout_and_tier() {
    let _guard = TIER_LOCK.lock().unwrap();
    for (rows, cols) in [(3, 5), (300, 400)] {
        let ls = layouts(rows, cols);
        for (na, a) in &ls {
            for (nb, b) in &ls {
                let (xa, xb) = (values(a), values(b));
                let mut per_tier = Vec::new();
                for tier in Tier::ALL {
                    set_tier(tier);
                    let sum = binary(BinaryOp::Add, a, b, None).unwrap();
                    let prod = binary(BinaryOp::Multiply, a, b, None).unwrap();
                    let less = binary(BinaryOp::Less, a, b, None).unwrap();
                    let expect: Vec<f64> = xa.iter().zip(&xb).map(|(x, y)| x + y).collect();
                    assert_eq!(values(&sum), expect, "{na}+{nb} at {tier:?}");
                    let expect: Vec<f64> = xa.iter().zip(&xb).map(|(x, y)| x * y).collect();
                    assert_eq!(values(&prod), expect, "{na}*{nb} at {tier:?}");
                    let expect: Vec<f64> = xa
                        .iter()
                        .zip(&xb)
                        .map(|(x, y)| (x < y) as u8 as f64)
                        .collect();
                    assert_eq!(values(&less), expect, "{na}<{nb} at {tier:?}");
                    per_tier.push(values(&sum));
                }
                assert!(per_tier.windows(2).all(|w| w[0] == w[1]));
            }
        }
    }
    set_tier(Tier::Parallel);
}

#[test]
fn reductions_identical_across_tiers_on_every_layout() {
    let _guard = TIER_LOCK.lock().unwrap();
    for (rows, cols) in [(4, 6), (700, 300)] {
        for (name, a) in layouts(rows, cols) {
            for axes in [None, Some(vec![0isize]), Some(vec![1]), Some(vec![-1, 0])] {
                for op in [
                    ReduceOp::Sum,
                    ReduceOp::Max,
                    ReduceOp::Min,
                    ReduceOp::Mean,
                    ReduceOp::Prod,
                ] {
                    let mut results = Vec::new();
                    for tier in Tier::ALL {
                        set_tier(tier);
                        let r = reduce(op, &a, axes.as_deref(), false, None).unwrap();
                        results.push(values(&r).iter().map(|v| v.to_bits()).collect::<Vec<_>>());
                    }
                    assert!(
                        results.windows(2).all(|w| w[0] == w[1]),
                        "{op:?} {name} {axes:?}"
                    );
                }
                // Values: sum along axes against a naive double loop.
                set_tier(Tier::Parallel);
                let x = values(&a);
                let r = values(&reduce(ReduceOp::Sum, &a, Some(&[0]), false, None).unwrap());
                for j in 0..cols {
                    let naive: f64 = (0..rows).map(|i| x[i * cols + j]).sum();
                    assert!(
                        (r[j] - naive).abs() <= 1e-9 * naive.abs().max(1.0),
                        "{name} col {j}"
                    );
                }
            }
        }
    }
    set_tier(Tier::Parallel);
}

#[test]
fn empty_arrays() {
    let e = Array::zeros(DType::Float64, &[0, 3]).unwrap();
    let b = Array::zeros(DType::Float64, &[3]).unwrap();
    assert_eq!(
        binary(BinaryOp::Add, &e, &b, None).unwrap().shape(),
        &[0, 3]
    );
    assert_eq!(
        reduce(ReduceOp::Sum, &e, None, false, None)
            .unwrap()
            .item()
            .unwrap(),
        Scalar::Float(0.0)
    );
    assert_eq!(
        reduce(ReduceOp::Sum, &e, Some(&[0]), false, None)
            .unwrap()
            .shape(),
        &[3]
    );
    assert!(reduce(ReduceOp::Max, &e, Some(&[0]), false, None).is_err());
    assert_eq!(
        reduce(ReduceOp::Max, &e, Some(&[1]), false, None)
            .unwrap()
            .shape(),
        &[0]
    );
    assert_eq!(unary(UnaryOp::Negative, &e, None).unwrap().size(), 0);
}

#[test]
fn every_dtype_adds_and_casts() {
    for dtype in DType::ALL {
        let a = arrpy_core::ops::cast::astype(
            &Array::from_vec(vec![1i64, 0, 1, 1], &[4]).unwrap(),
            dtype,
        )
        .unwrap();
        let r = binary(BinaryOp::Add, &a, &a, None).unwrap();
        assert_eq!(r.dtype(), dtype);
        let expect = if dtype == DType::Bool {
            vec![1.0, 0.0, 1.0, 1.0]
        } else {
            vec![2.0, 0.0, 2.0, 2.0]
        };
        assert_eq!(values(&r), expect, "{dtype:?}");
    }
}

#[test]
fn reshape_views_share_memory() {
    let a = Array::from_vec(ramp(24), &[2, 3, 4]).unwrap();
    let v = a.reshape(&[6, 4]).unwrap();
    assert!(v.shares_buffer(&a));
    v.set(&[5, 3], Scalar::Float(99.0)).unwrap();
    assert_eq!(a.get(&[1, 2, 3]).unwrap(), Scalar::Float(99.0));
    let t = a.transpose(None).unwrap();
    let copy = t.reshape(&[-1]).unwrap();
    assert!(!copy.shares_buffer(&a));
}

#[test]
fn too_large_shapes_are_errors_not_aborts() {
    assert!(Array::zeros(DType::Float64, &[usize::MAX / 4, 8]).is_err());
    assert!(Array::zeros(DType::Float64, &[1 << 40, 1 << 40]).is_err());
}
