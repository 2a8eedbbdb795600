//! The parallel tier: a rayon pool sized by `set_num_threads` / ARRPY_NUM_THREADS, work split into
//! contiguous chunks of the iteration space, each chunk run by the simd tier.

use super::reference::{self, Reducer};
use rayon::prelude::*;
use rayon::ThreadPool;
use std::sync::{Arc, OnceLock, RwLock};

/// Inputs smaller than this stay on the calling thread: waking workers costs more than it saves.
pub const MIN_PARALLEL_ELEMENTS: usize = 1 << 16;

struct PoolState {
    threads: usize,
    pool: Option<Arc<ThreadPool>>,
}

fn state() -> &'static RwLock<PoolState> {
    static STATE: OnceLock<RwLock<PoolState>> = OnceLock::new();
    STATE.get_or_init(|| {
        let from_env = std::env::var("ARRPY_NUM_THREADS").ok();
        let threads = threads_from_env(from_env.as_deref()).unwrap_or_else(cpu_count);
        RwLock::new(PoolState {
            threads,
            pool: None,
        })
    })
}

fn cpu_count() -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
}

/// The most workers the pool will have: 4 per CPU (more only adds switching), but at least 64 so
/// that tests and oversubscription experiments work on small machines, and at most 1024. A
/// request above it is clamped: `set_num_threads(10**6)` used to spawn threads for minutes.
pub fn max_threads() -> usize {
    cpu_count().saturating_mul(4).clamp(64, 1024)
}

/// The thread count ARRPY_NUM_THREADS asks for: a positive integer, clamped to `max_threads`;
/// anything else (empty, garbage, 0, negative) is ignored and the CPU count used.
pub fn threads_from_env(value: Option<&str>) -> Option<usize> {
    let digits = value?.trim();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let significant = digits.trim_start_matches('0');
    if significant.is_empty() {
        return None;
    }
    // Too many digits for usize is still a (huge) positive count.
    let n = significant.parse::<usize>().unwrap_or(usize::MAX);
    Some(n.min(max_threads()))
}

pub fn num_threads() -> usize {
    state().read().map(|s| s.threads).unwrap_or(1)
}

/// Sets the worker count, clamped to `1..=max_threads()`, and returns the count now used; the
/// pool is rebuilt lazily on next use.
pub fn set_num_threads(n: usize) -> usize {
    let n = n.clamp(1, max_threads());
    if let Ok(mut s) = state().write() {
        if s.threads != n {
            s.threads = n;
            s.pool = None;
        }
    }
    n
}

fn pool() -> Option<Arc<ThreadPool>> {
    if let Ok(s) = state().read() {
        if let Some(p) = &s.pool {
            return Some(p.clone());
        }
    }
    let mut s = state().write().ok()?;
    if s.pool.is_none() {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(s.threads)
            .thread_name(|i| format!("arrpy-worker-{i}"))
            .build()
            .ok()?;
        s.pool = Some(Arc::new(pool));
    }
    s.pool.clone()
}

/// Whether `for_each_chunk` splits `size` elements of work across threads.
pub fn splits(size: usize) -> bool {
    size >= MIN_PARALLEL_ELEMENTS && num_threads() > 1
}

/// Runs `f(start, end)` over disjoint chunks covering `0..size`, in parallel when worthwhile.
/// `f` must only touch the part of its outputs that belongs to its chunk.
pub fn for_each_chunk(size: usize, f: impl Fn(usize, usize) + Sync + Send) {
    for_each_chunk_of(size, size, 4, f)
}

/// As `for_each_chunk` over `items` units of work that touch `work` elements in all, with
/// about `per_thread` chunks per worker (more balance, more overhead).
pub fn for_each_chunk_of(
    items: usize,
    work: usize,
    per_thread: usize,
    f: impl Fn(usize, usize) + Sync + Send,
) {
    // Small work never looks at the pool (this is the per-call overhead of small arrays).
    if work < MIN_PARALLEL_ELEMENTS || items < 2 || num_threads() <= 1 {
        f(0, items);
        return;
    }
    let threads = num_threads();
    let chunks = (threads * per_thread)
        .min(work / (MIN_PARALLEL_ELEMENTS / 4))
        .min(items)
        .max(2);
    match pool() {
        Some(pool) => pool.install(|| {
            (0..chunks)
                .into_par_iter()
                .for_each(|c| f(c * items / chunks, (c + 1) * items / chunks));
        }),
        None => f(0, items),
    }
}

/// Runs `f` on arrpy's pool, so that `rayon::join` inside it uses arrpy's workers.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Reductions split into parallel tasks of at least this many bytes: a reduction streams its
/// input once, so below that the threads' wake-up costs more than the second core saves.
const MIN_REDUCE_TASK_BYTES: usize = 512 << 10;

/// Pairwise reduction whose upper levels run in parallel. The tree is the reference tree, so the
/// answer does not depend on the thread count.
///
/// # Safety
/// As `reference::reduce`.
pub unsafe fn reduce<T: Copy + Sync, A: Copy + Send>(
    n: usize,
    a: *const u8,
    sa: isize,
    r: impl Reducer<T, A>,
) -> A {
    if num_threads() <= 1 || n.saturating_mul(std::mem::size_of::<T>()) < 2 * MIN_REDUCE_TASK_BYTES
    {
        return super::simd::reduce(n, a, sa, r);
    }
    match pool() {
        Some(pool) => {
            let ptr = super::SendPtr(a as *mut u8);
            pool.install(|| reduce_tree(n, ptr, sa, r))
        }
        None => super::simd::reduce(n, a, sa, r),
    }
}

unsafe fn reduce_tree<T: Copy, A: Copy + Send>(
    n: usize,
    a: super::SendPtr,
    sa: isize,
    r: impl Reducer<T, A>,
) -> A {
    if n * std::mem::size_of::<T>() < MIN_REDUCE_TASK_BYTES {
        return super::simd::reduce(n, a.get(), sa, r);
    }
    // Runs at or below BLOCK are leaves; `split_point` matches the reference recursion.
    let half = reference::split_point(n);
    let right_ptr = super::SendPtr(a.get().offset(half as isize * sa));
    let (left, right) = rayon::join(
        // SAFETY: the two halves are disjoint parts of the caller's run.
        move || unsafe { reduce_tree(half, a, sa, r) },
        move || unsafe { reduce_tree(n - half, right_ptr, sa, r) },
    );
    r.combine(left, right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_values_are_parsed_robustly() {
        for bad in [
            None,
            Some(""),
            Some("abc"),
            Some("0"),
            Some("-3"),
            Some("1e3"),
            Some("4x"),
        ] {
            assert_eq!(threads_from_env(bad), None, "{bad:?}");
        }
        assert_eq!(threads_from_env(Some(" 3 ")), Some(3));
        let huge = "1".repeat(60);
        assert_eq!(threads_from_env(Some("1000000")), Some(max_threads()));
        assert_eq!(threads_from_env(Some(&huge)), Some(max_threads()));
        assert!((64..=1024).contains(&max_threads()));
    }
}
