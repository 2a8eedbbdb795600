//! Sorting, searching and sets at the three tiers: the same bits and indices everywhere, NumPy's
//! NaN and signed-zero placement, stable order of equal keys, and errors for bad axes and kth.
//! One test runs the tiers (the tier and the trace are process-wide).

use arrpy_core::kernels::parallel::{set_num_threads, MIN_PARALLEL_ELEMENTS};
use arrpy_core::kernels::{set_tier, trace, Tier};
use arrpy_core::ops::sort::{argsort, isin, lexsort, partition, searchsorted, sort, unique};
use arrpy_core::{Array, DType, Error};
use num_complex::Complex64;

fn floats(n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| match i % 17 {
            0 => f64::NAN,
            1 => -0.0,
            2 => 0.0,
            3 => f64::NEG_INFINITY,
            _ => ((i * 2_654_435_761) % 1000) as f64 / 8.0 - 60.0,
        })
        .collect()
}

fn bits(a: &Array) -> Vec<u64> {
    a.to_vec::<f64>()
        .unwrap()
        .iter()
        .map(|x| x.to_bits())
        .collect()
}

/// What each tier computed, for comparison with the reference tier's.
#[derive(PartialEq, Debug)]
struct Results {
    sorted: Vec<u64>,
    order: Vec<i64>,
    descending: Vec<i64>,
    rows: Vec<i64>,
    ints: Vec<i64>,
    complex: Vec<i64>,
    unique: (Vec<u64>, Vec<i64>, Vec<i64>, Vec<i64>),
    found: Vec<i64>,
    member: Vec<u8>,
}

fn run_all(x: &Array, n: usize) -> Results {
    let ints = Array::from_vec(
        (0..n as i64).map(|i| (i * 7919) % 301 - 150).collect(),
        &[n],
    )
    .unwrap();
    let z: Vec<Complex64> = x
        .to_vec::<f64>()
        .unwrap()
        .iter()
        .map(|&v| Complex64::new(v.floor(), v))
        .collect();
    let z = Array::from_vec(z, &[n]).unwrap();
    let grid = x.reshape(&[-1, 64]).unwrap();
    let u = unique(x, None, true, true).unwrap();
    let hay = sort(x, Some(0), false).unwrap();
    Results {
        sorted: bits(&sort(x, None, false).unwrap()),
        order: argsort(x, Some(-1), false).unwrap().to_vec().unwrap(),
        descending: argsort(x, Some(0), true).unwrap().to_vec().unwrap(),
        rows: argsort(&grid, Some(0), false).unwrap().to_vec().unwrap(),
        ints: argsort(&ints, None, false).unwrap().to_vec().unwrap(),
        complex: argsort(&z, None, false).unwrap().to_vec().unwrap(),
        unique: (
            bits(&u.values),
            u.index.to_vec().unwrap(),
            u.inverse.unwrap().to_vec().unwrap(),
            u.counts.to_vec().unwrap(),
        ),
        found: searchsorted(&hay, x, true, None).unwrap().to_vec().unwrap(),
        member: isin(x, &hay.reshape(&[-1]).unwrap(), false)
            .unwrap()
            .to_vec::<arrpy_core::BoolByte>()
            .unwrap()
            .iter()
            .map(|b| b.get() as u8)
            .collect(),
    }
}

#[test]
fn every_tier_gives_the_same_bits_and_indices() {
    set_num_threads(4);
    let n = 2 * MIN_PARALLEL_ELEMENTS + 64 * 3; // a multiple of 64 for the 2-d view
    let x = Array::from_vec(floats(n), &[n]).unwrap();
    let mut results = Vec::new();
    for tier in Tier::ALL {
        set_tier(tier);
        trace::take(true);
        results.push(run_all(&x, n));
        let runs = trace::take(false);
        let c = runs[&("sort", DType::Float64)];
        assert_eq!(c.vector > 0, tier != Tier::Reference, "{tier:?} {c:?}");
        assert_eq!(c.threaded > 0, tier == Tier::Parallel, "{tier:?} {c:?}");
    }
    set_tier(Tier::Parallel);
    assert_eq!(results[0], results[1]);
    assert_eq!(results[0], results[2]);

    // The reference result is NumPy's: sorted, NaNs last, -0.0 before 0.0 where it came first.
    let r = &results[0];
    let v: Vec<f64> = r.sorted.iter().map(|&b| f64::from_bits(b)).collect();
    let nans = v.iter().filter(|x| x.is_nan()).count();
    assert!(v[n - nans..].iter().all(|x| x.is_nan()));
    assert!(v[..n - nans].windows(2).all(|w| w[0] <= w[1]));
    let xs = floats(n);
    for w in r.order.windows(2) {
        let (a, b) = (xs[w[0] as usize], xs[w[1] as usize]);
        let tie = a == b || (a.is_nan() && b.is_nan());
        assert!(!tie || w[0] < w[1], "stable: {w:?}");
    }
    assert_eq!(r.unique.0.len(), r.unique.3.len());
    assert_eq!(r.unique.3.iter().sum::<i64>() as usize, n);
    assert!(r
        .member
        .iter()
        .zip(&xs)
        .all(|(&m, x)| (m == 1) == !x.is_nan()));
}

#[test]
fn errors_name_the_problem() {
    let a = Array::from_vec(vec![3i32, 1, 2], &[3]).unwrap();
    assert!(
        matches!(sort(&a, Some(1), false), Err(Error::Axis(m)) if m.contains("axis 1 is out of bounds"))
    );
    assert!(
        matches!(partition(&a, &[3], Some(0)), Err(Error::Value(m)) if m == "kth(=3) out of bounds (3)")
    );
    assert!(
        matches!(partition(&a, &[-4], Some(0)), Err(Error::Value(m)) if m == "kth(=-1) out of bounds (3)")
    );
    let b = Array::from_vec(vec![1i32, 2], &[2]).unwrap();
    assert!(matches!(lexsort(&[a.clone(), b], -1), Err(Error::Value(_))));
    assert!(matches!(lexsort(&[], -1), Err(Error::Type(_))));
    let grid = a.reshape(&[3, 1]).unwrap();
    assert!(matches!(
        searchsorted(&grid, &a, false, None),
        Err(Error::Value(_))
    ));
    let bad = Array::from_vec(vec![0i64, 5, 1], &[3]).unwrap();
    assert!(
        matches!(searchsorted(&a, &a, false, Some(&bad)), Err(Error::Value(m)) if m.contains("Sorter"))
    );
    assert!(matches!(
        unique(&a, Some(2), true, false),
        Err(Error::Axis(_))
    ));
    let empty = Array::from_vec(Vec::<f32>::new(), &[0, 4]).unwrap();
    assert_eq!(sort(&empty, Some(0), false).unwrap().shape(), &[0, 4]);
    assert_eq!(argsort(&empty, None, true).unwrap().shape(), &[0]);
    assert_eq!(
        unique(&empty, None, true, true).unwrap().values.shape(),
        &[0]
    );
}
