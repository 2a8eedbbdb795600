//! A STREAM-style add loop (`c[i] = a[i] + b[i]` over plain float64 slices, split evenly across
//! threads), timed on its own: the benchmark ladder reports arrpy's large memory-bound ops as a
//! fraction of what this loop reaches on the same machine in the same run, since hosts here
//! differ by 2x in memory bandwidth and only the fraction compares across them.

use crate::buffer::{advise_huge_pages, vec_with_capacity};
use crate::error::Result;
use std::time::Instant;

/// The best of `reps` timings, in seconds, of a `threads`-way STREAM add over `n` float64
/// elements (3 arrays of `n`, written once before timing so their pages are mapped).
pub fn add_seconds(n: usize, threads: usize, reps: usize) -> Result<f64> {
    let filled = |value: f64| -> Result<Vec<f64>> {
        let mut v: Vec<f64> = vec_with_capacity(n)?;
        // Backed as arrpy's own large arrays are (huge pages), so the two compare fairly.
        advise_huge_pages(v.as_mut_ptr().cast(), n * std::mem::size_of::<f64>());
        v.resize(n, value);
        Ok(v)
    };
    let (a, b, mut c) = (filled(1.0)?, filled(2.0)?, filled(0.0)?);
    let threads = threads.clamp(1, n.max(1));
    let chunk = n.div_ceil(threads).max(1);
    let mut best = f64::INFINITY;
    for _ in 0..reps.max(1) {
        let start = Instant::now();
        std::thread::scope(|s| {
            for ((c, a), b) in c
                .chunks_mut(chunk)
                .zip(a.chunks(chunk))
                .zip(b.chunks(chunk))
            {
                s.spawn(move || add(c, a, b));
            }
        });
        best = best.min(start.elapsed().as_secs_f64());
    }
    // Keep the result observable so the loop cannot be optimized away.
    std::hint::black_box(&c);
    Ok(best)
}

/// The loop STREAM times: the compiler vectorizes it for the baseline target.
fn add(c: &mut [f64], a: &[f64], b: &[f64]) {
    for ((c, a), b) in c.iter_mut().zip(a).zip(b) {
        *c = a + b;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_are_positive_and_finite() {
        let t = super::add_seconds(1000, 2, 3).unwrap();
        assert!(t > 0.0 && t.is_finite());
        assert!(super::add_seconds(0, 2, 1).unwrap().is_finite());
    }
}
