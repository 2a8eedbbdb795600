//! Reductions against the op table: at each tier, `kernels::trace` shows the loop the table names
//! for the op and its loop dtype (the reference loop at the reference tier, the vectorized one
//! at simd/parallel where the table vectorizes, threads at parallel where it threads), and the
//! values are the same bits at every tier. One test in this file: the tier and the trace are
//! process-wide.

use arrpy_core::kernels::parallel::{set_num_threads, MIN_PARALLEL_ELEMENTS};
use arrpy_core::kernels::{set_tier, trace, Tier};
use arrpy_core::ops::cast::astype;
use arrpy_core::ops::reduce::table::{find, ReduceArgs};
use arrpy_core::{Array, DType};

/// The reductions checked, by their rows in the reductions' table.
const NAMES: [&str; 16] = [
    "sum",
    "prod",
    "min",
    "max",
    "mean",
    "var",
    "argmax",
    "any",
    "nansum",
    "nanprod",
    "nanvar",
    "nanstd",
    "nanargmin",
    "nancumsum",
    "nancumprod",
    "cumulative_sum",
];

fn call(name: &str, a: &Array, axes: Option<&[isize]>) -> Array {
    let args = ReduceArgs {
        axis: axes.map(|ax| ax.to_vec()),
        ..ReduceArgs::default()
    };
    find(name).unwrap().call(a, &args).unwrap().array
}

/// The bytes of `a` in C order, to compare results bit for bit.
fn bytes(a: &Array) -> Vec<u8> {
    let c = a.to_contiguous().unwrap();
    // SAFETY: `c` is a C-contiguous array of `size * itemsize` bytes.
    unsafe { std::slice::from_raw_parts(c.data_ptr(), c.size() * c.itemsize()) }.to_vec()
}

#[test]
fn each_tier_runs_the_reduction_loops_the_table_names() {
    set_num_threads(4);
    let n = 4 * MIN_PARALLEL_ELEMENTS;
    // Values near 1 (products stay finite), with a spread that makes float sums order-sensitive.
    let values: Vec<f64> = (0..n)
        .map(|i| 1.0 + ((i * 7919) % 1000) as f64 * 1e-6 - 5e-4)
        .collect();
    let base = Array::from_vec(values, &[n]).unwrap();
    let rows = (n / 512) as isize;
    let layouts: [(&str, Vec<isize>, Option<Vec<isize>>); 3] = [
        ("flat", vec![n as isize], None),
        ("inner", vec![rows, 512], Some(vec![1])),
        ("outer", vec![rows, 512], Some(vec![0])),
    ];
    for dtype in [DType::Float64, DType::Int64, DType::Float32] {
        let flat = astype(&base, dtype).unwrap();
        for (layout, shape, axes) in &layouts {
            let a = flat.reshape(shape).unwrap();
            for name in NAMES {
                let info = &find(name).unwrap().info;
                let mut results = Vec::new();
                for tier in Tier::ALL {
                    set_tier(tier);
                    trace::take(true);
                    let r = call(name, &a, axes.as_deref());
                    let runs = trace::take(false);
                    set_tier(Tier::Parallel);
                    let what = format!("{name} {dtype:?} {layout} at {tier:?}: {runs:?}");
                    let mine: Vec<_> = runs.iter().filter(|((op, _), _)| *op == name).collect();
                    assert_eq!(mine.len(), 1, "{what}");
                    let (&(_, loop_dt), c) = mine[0];
                    let calls = c.reference + c.vector;
                    assert!(calls >= 1, "{what}");
                    let vector = tier != Tier::Reference && info.vector.contains(loop_dt);
                    assert_eq!(c.vector, if vector { calls } else { 0 }, "{what}");
                    let threads = tier == Tier::Parallel && info.threads;
                    assert_eq!(c.threaded, if threads { calls } else { 0 }, "{what}");
                    results.push(bytes(&r));
                }
                assert!(
                    results.iter().all(|r| *r == results[0]),
                    "{name} {dtype:?} {layout}: tiers differ"
                );
            }
        }
    }
    // The outer (rows into the output) tree shares its upper levels among however many threads
    // there are: the bits are those of one thread, for uneven row counts too.
    set_tier(Tier::Parallel);
    for (rows, cols) in [(1000usize, 300usize), (4099, 64), (300, 2000)] {
        let values: Vec<f64> = (0..rows * cols)
            .map(|i| ((i * 7919) % 1000) as f64 * 1e-3 - 0.4)
            .collect();
        let a = Array::from_vec(values, &[rows, cols]).unwrap();
        for dtype in [DType::Float64, DType::Float32] {
            let a = astype(&a, dtype).unwrap();
            let mut results = Vec::new();
            for threads in [1, 2, 3, 5, 8] {
                set_num_threads(threads);
                for name in ["sum", "var", "nansum"] {
                    results.push((threads, name, bytes(&call(name, &a, Some(&[0])))));
                }
            }
            for (threads, name, r) in &results {
                let one = &results
                    .iter()
                    .find(|(t, n, _)| *t == 1 && n == name)
                    .unwrap()
                    .2;
                assert_eq!(
                    r, one,
                    "{name} {dtype:?} {rows}x{cols} on {threads} threads"
                );
            }
        }
    }
    set_num_threads(4);
}
