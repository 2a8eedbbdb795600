//! Fused ops (`ops::chain`): the same bits as the two ops run one after the other, for every
//! pair of chainable ops, both float dtypes, arrays and single elements, at the tiers that fuse;
//! what may not be fused is refused by the plan and still computed right by `fused_binary`.

use arrpy_core::kernels::{set_tier, Tier};
use arrpy_core::ops::elementwise::chain::{fused_binary, Fused};
use arrpy_core::ops::elementwise::{binary, BinaryOp};
use arrpy_core::{Array, DType, Scalar};
use std::sync::Mutex;

/// The tier is process-wide: tests that switch it run one at a time.
static TIER_LOCK: Mutex<()> = Mutex::new(());

const OPS: [BinaryOp; 4] = [
    BinaryOp::Add,
    BinaryOp::Subtract,
    BinaryOp::Multiply,
    BinaryOp::Divide,
];

/// Values with zeros, signed zeros, infinities and NaN among them, as `dtype`, in `shape`.
fn values(n: usize, seed: usize, dtype: DType, shape: &[usize]) -> Array {
    let specials = [
        0.0,
        -0.0,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        1e-310,
        3.0,
    ];
    let data: Vec<f64> = (0..n)
        .map(|i| {
            if (i + seed) % 97 < specials.len() {
                specials[(i + seed) % 97]
            } else {
                (((i * 7919 + seed * 104729) % 2003) as f64 - 1001.0) / 37.0
            }
        })
        .collect();
    let a = Array::from_vec(data, shape).unwrap();
    arrpy_core::ops::cast::astype(&a, dtype).unwrap()
}

/// The values' bits, every NaN as one: which NaN an op returns (its sign, its payload) depends on
/// the order the compiler gives the operands of a commutative instruction.
fn bits(a: &Array) -> Vec<u64> {
    let canonical = |nan: bool, b: u64| if nan { u64::MAX } else { b };
    match a.dtype() {
        DType::Float32 => a
            .to_vec::<f32>()
            .unwrap()
            .iter()
            .map(|x| canonical(x.is_nan(), x.to_bits() as u64))
            .collect(),
        _ => a
            .to_vec::<f64>()
            .unwrap()
            .iter()
            .map(|x| canonical(x.is_nan(), x.to_bits()))
            .collect(),
    }
}

#[test]
fn chains_give_the_bits_of_the_two_ops() {
    let _guard = TIER_LOCK.lock().unwrap();
    // Long enough for several blocks and, at the parallel tier, several threads' chunks.
    let n = 300_001;
    for tier in [Tier::Simd, Tier::Parallel] {
        set_tier(tier);
        for dtype in [DType::Float32, DType::Float64] {
            let a = values(n, 1, dtype, &[n]);
            let b = values(n, 2, dtype, &[n]);
            let c = values(n, 3, dtype, &[n]);
            let one = Array::scalar(dtype, Scalar::Float(1.5)).unwrap();
            let cases = [(&a, &b, &c), (&a, &one, &c), (&one, &b, &c), (&a, &b, &one)];
            for first in OPS {
                for second in OPS {
                    for (x, y, z) in cases {
                        let commutes = matches!(first, BinaryOp::Add | BinaryOp::Multiply);
                        let want =
                            binary(second, &binary(first, x, y, None).unwrap(), z, None).unwrap();
                        let got = fused_binary(first, x, y, second, z).unwrap();
                        assert_eq!(got.shape(), want.shape());
                        let Some(plan) = Fused::plan(first, x, y, second, z) else {
                            // A repeated element first is taken only where it can be swapped.
                            assert!(x.size() == 1 && !commutes, "{first:?} refused");
                            assert!(bits(&got) == bits(&want));
                            continue;
                        };
                        let out = plan.run().unwrap();
                        for got in [&out, &got] {
                            let (got, want) = (bits(got), bits(&want));
                            let diff = (0..n).find(|&i| got[i] != want[i]);
                            assert!(
                                diff.is_none(),
                                "{tier:?} {dtype:?} {first:?} then {second:?}: element {diff:?}: {:x} != {:x}",
                                got[diff.unwrap_or(0)],
                                want[diff.unwrap_or(0)]
                            );
                        }
                    }
                }
            }
        }
    }
    set_tier(Tier::Parallel);
}

#[test]
fn what_cannot_chain_is_refused() {
    let _guard = TIER_LOCK.lock().unwrap();
    set_tier(Tier::Parallel);
    let n = 1000;
    let a = values(n, 1, DType::Float64, &[n]);
    let b = values(n, 2, DType::Float64, &[n]);
    let ints = values(n, 3, DType::Int64, &[n]);
    let f32s = values(n, 4, DType::Float32, &[n]);
    let strided = values(2 * n, 5, DType::Float64, &[2 * n]).slice_axis(0, 0, 2, n);
    let column = values(10, 6, DType::Float64, &[10, 1]);
    let row = values(n, 7, DType::Float64, &[1, n]);
    // Not chainable ops, integer or mixed dtypes, a non-contiguous operand, broadcasting.
    let cases = [
        (BinaryOp::Maximum, &a, &b, BinaryOp::Add, &b),
        (BinaryOp::Power, &a, &b, BinaryOp::Add, &b),
        (BinaryOp::Add, &ints, &ints, BinaryOp::Add, &ints),
        (BinaryOp::Add, &a, &f32s, BinaryOp::Add, &b),
        (BinaryOp::Add, &a, &strided, BinaryOp::Add, &b),
        (BinaryOp::Add, &column, &row, BinaryOp::Add, &row),
        (BinaryOp::Multiply, &a, &b, BinaryOp::Maximum, &b),
        (BinaryOp::Multiply, &a, &b, BinaryOp::Add, &f32s),
        (BinaryOp::Multiply, &a, &b, BinaryOp::Add, &strided),
        // c would broadcast the product
        (BinaryOp::Multiply, &a, &b, BinaryOp::Add, &column),
    ];
    for (first, x, y, second, z) in cases {
        assert!(
            Fused::plan(first, x, y, second, z).is_none(),
            "{first:?} {second:?}"
        );
        // ...and the two ops still run, one after the other.
        let want = binary(second, &binary(first, x, y, None).unwrap(), z, None).unwrap();
        let got = fused_binary(first, x, y, second, z).unwrap();
        assert_eq!(got.shape(), want.shape());
        assert_eq!(got.dtype(), want.dtype());
    }
    // The reference tier never fuses.
    set_tier(Tier::Reference);
    assert!(Fused::plan(BinaryOp::Multiply, &a, &b, BinaryOp::Add, &b).is_none());
    set_tier(Tier::Parallel);
    assert!(Fused::plan(BinaryOp::Multiply, &a, &b, BinaryOp::Add, &b).is_some());
}
