//! Kernels: 1-d inner loops at three tiers, the tier switch, and the thread pool.
//!
//! - `reference`: plain scalar loops over strided memory — the code a learner reads.
//! - `simd`: the same arithmetic on contiguous runs, compiled for the best instruction set the
//!   CPU has (AVX-512, AVX2+FMA, …), chosen at runtime by pulp; strided runs use `reference`.
//! - `parallel`: splits the work into chunks on a rayon pool and runs `simd` on each.
//!
//! Tiers give bit-identical results: elementwise loops do the same IEEE operation per element,
//! and reductions follow one fixed blocked pairwise order whatever the tier or thread count.

pub mod blocked_copy;
pub mod cpu;
pub mod parallel;
pub mod reducer;
pub mod reference;
pub mod search;
pub mod simd;
pub mod stream;
pub mod trace;

use crate::error::{Error, Result};
use std::sync::atomic::{AtomicU8, Ordering};

#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Tier {
    Reference,
    Simd,
    Parallel,
}

impl Tier {
    pub const ALL: [Tier; 3] = [Tier::Reference, Tier::Simd, Tier::Parallel];

    pub fn name(self) -> &'static str {
        match self {
            Tier::Reference => "reference",
            Tier::Simd => "simd",
            Tier::Parallel => "parallel",
        }
    }

    pub fn from_name(name: &str) -> Result<Tier> {
        Tier::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .ok_or_else(|| {
                Error::Value(format!(
                    "unknown backend '{name}'; valid backends are 'reference', 'simd', 'parallel'"
                ))
            })
    }
}

/// How one elementwise call runs, decided by the op table from the op, its loop dtype and the
/// tier: the simd tier's vectorized loop or the reference loop, and whether chunks go to the
/// thread pool.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Exec {
    /// The op's name and loop dtype (for `trace`).
    pub op: &'static str,
    pub dtype: crate::dtype::DType,
    pub vector: bool,
    pub threads: bool,
}

static TIER: AtomicU8 = AtomicU8::new(Tier::Parallel as u8);

/// The tier every operation uses (process-wide, like NumPy's global state).
pub fn current_tier() -> Tier {
    match TIER.load(Ordering::Relaxed) {
        0 => Tier::Reference,
        1 => Tier::Simd,
        _ => Tier::Parallel,
    }
}

pub fn set_tier(tier: Tier) {
    TIER.store(tier as u8, Ordering::Relaxed);
}

/// A raw pointer that may cross to worker threads. Each thread touches a disjoint part of the
/// memory behind it (the chunking in `parallel` guarantees that), so sharing is sound.
#[derive(Copy, Clone)]
pub struct SendPtr(pub *mut u8);
// SAFETY: see the type's doc: disjoint access per thread is the callers' invariant.
unsafe impl Send for SendPtr {}
unsafe impl Sync for SendPtr {}

impl SendPtr {
    /// The pointer. A method (not `.0`) so closures capture the whole `SendPtr`.
    #[inline(always)]
    pub fn get(self) -> *mut u8 {
        self.0
    }
}
