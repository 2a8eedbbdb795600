//! The parallel tier: a rayon pool sized by `set_num_threads` / ARRPY_NUM_THREADS, work split into
//! contiguous chunks of the iteration space, each chunk run by the simd tier.

use super::reducer::Reducer;
use super::reference;
use rayon::ThreadPool;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};

/// Inputs smaller than this stay on the calling thread: waking workers costs more than it saves.
pub const MIN_PARALLEL_ELEMENTS: usize = 1 << 16;

struct PoolState {
    threads: usize,
    pool: Option<Arc<ThreadPool>>,
    /// The `FORKS` count when `pool` was built.
    built_after: usize,
}

/// Forks this process has gone through (counted in the child, see `count_fork`). A fork copies
/// the pool's state but none of its threads: a pool built before it would take work that no
/// thread ever runs, so a `multiprocessing` 'fork' worker would wait forever on `install`.
static FORKS: AtomicUsize = AtomicUsize::new(0);

extern "C" fn count_fork() {
    // One atomic add: safe in a child right after fork, where little else is.
    FORKS.fetch_add(1, Ordering::Relaxed);
}

/// Has `count_fork` run in every child forked from now on (once per process; forks inherit it).
fn watch_forks() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    #[cfg(unix)]
    ONCE.call_once(|| {
        // SAFETY: registers a handler that only increments an atomic; no preconditions.
        unsafe {
            libc::pthread_atfork(None, None, Some(count_fork));
        }
    });
}

fn state() -> &'static RwLock<PoolState> {
    static STATE: OnceLock<RwLock<PoolState>> = OnceLock::new();
    STATE.get_or_init(|| {
        let from_env = std::env::var("ARRPY_NUM_THREADS").ok();
        let threads = threads_from_env(from_env.as_deref()).unwrap_or_else(cpu_count);
        RwLock::new(PoolState {
            threads,
            pool: None,
            built_after: 0,
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
    let forks = FORKS.load(Ordering::Relaxed);
    if let Ok(s) = state().read() {
        if let Some(p) = s.pool.as_ref().filter(|_| s.built_after == forks) {
            return Some(p.clone());
        }
    }
    let mut s = state().write().ok()?;
    if s.built_after != forks {
        // A pool from before a fork: its threads are in the parent. Leaked, not dropped: its
        // drop would signal threads (and locks) that this process does not have.
        std::mem::forget(s.pool.take());
        s.built_after = forks;
    }
    if s.pool.is_none() {
        watch_forks();
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
    let chunks = (num_threads() * per_thread)
        .min(work / (MIN_PARALLEL_ELEMENTS / 4))
        .min(items)
        .max(2);
    share(chunks, |c| f(c * items / chunks, (c + 1) * items / chunks));
}

/// Runs `body(c)` once for every `c` in `0..chunks`, on the calling thread and the pool's
/// workers together.
///
/// The calling thread does not hand the work to the pool and sleep (as `ThreadPool::install`
/// does): it posts one claim task per extra worker and starts claiming chunks itself at once.
/// A worker that wakes late finds fewer chunks left, or none; the caller waits only for chunks
/// a worker has already claimed, never for a worker to wake. So a call costs about one wake-up
/// signal more than running alone, where a round trip through the pool cost 10-30 us.
pub fn share(chunks: usize, body: impl Fn(usize) + Sync) {
    let helpers = num_threads()
        .saturating_sub(1)
        .min(chunks.saturating_sub(1));
    let pool = if helpers > 0 { pool() } else { None };
    let Some(pool) = pool else {
        (0..chunks).for_each(body);
        return;
    };
    let body: &(dyn Fn(usize) + Sync) = &body;
    // SAFETY: only the lifetime changes (same fat-pointer layout); `SharedJob::claim_chunks`
    // says why the pointer is never used after `body` is gone.
    let body = unsafe {
        std::mem::transmute::<*const (dyn Fn(usize) + Sync + '_), *const (dyn Fn(usize) + Sync)>(
            body,
        )
    };
    let job = Arc::new(SharedJob {
        next: AtomicUsize::new(0),
        done: AtomicUsize::new(0),
        chunks,
        panicked: AtomicBool::new(false),
        body,
    });
    for _ in 0..helpers {
        let job = job.clone();
        pool.spawn(move || job.claim_chunks());
    }
    job.claim_chunks();
    job.wait_for_claimed();
    if job.panicked.load(Ordering::Acquire) {
        panic!("a chunk of a parallel loop panicked");
    }
}

/// The chunks of one `share` call, claimed one at a time by whichever thread gets there first.
struct SharedJob {
    /// The next unclaimed chunk (may run past `chunks`: a claim there finds nothing).
    next: AtomicUsize,
    /// Chunks finished.
    done: AtomicUsize,
    chunks: usize,
    panicked: AtomicBool,
    /// The caller's body, its lifetime erased.
    body: *const (dyn Fn(usize) + Sync),
}

// SAFETY: `body` points to a `Sync` closure, used as `claim_chunks` describes.
unsafe impl Send for SharedJob {}
unsafe impl Sync for SharedJob {}

impl SharedJob {
    fn claim_chunks(&self) {
        loop {
            let c = self.next.fetch_add(1, Ordering::Relaxed);
            if c >= self.chunks {
                return;
            }
            // SAFETY: `share` keeps `body` alive until `done` reaches `chunks`, which happens
            // only after this claimed chunk is finished; a claim made after that point is at
            // or past `chunks` and returns above without touching `body`.
            let body = unsafe { &*self.body };
            if catch_unwind(AssertUnwindSafe(|| body(c))).is_err() {
                self.panicked.store(true, Ordering::Relaxed);
            }
            self.done.fetch_add(1, Ordering::Release);
        }
    }

    /// Waits for the chunks other threads claimed (they are running: spinning is short).
    fn wait_for_claimed(&self) {
        let mut spins = 0u32;
        while self.done.load(Ordering::Acquire) < self.chunks {
            if spins < 1 << 12 {
                std::hint::spin_loop();
                spins += 1;
            } else {
                std::thread::yield_now();
            }
        }
    }
}

/// Runs `f` on arrpy's pool, so that `rayon::join` inside it uses arrpy's workers.
pub fn install<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    match pool() {
        Some(pool) => pool.install(f),
        None => f(),
    }
}

/// Reductions split into parallel tasks of at least this many bytes (half of it for the
/// smallest): a reduction streams its input once, so below that a task is too short to pay for
/// waking a worker.
const MIN_REDUCE_TASK_BYTES: usize = 256 << 10;

/// Whether `reduce` splits a run of `n` elements of `size` bytes across threads.
pub fn reduce_splits(n: usize, size: usize) -> bool {
    num_threads() > 1 && n.saturating_mul(size) >= 2 * MIN_REDUCE_TASK_BYTES
}

/// Pairwise reduction whose upper levels run in parallel: the leaves of the reference tree (its
/// subtrees under `MIN_REDUCE_TASK_BYTES`) are shared out as chunks, and their results
/// combined in the tree's order on the calling thread, so the answer does not depend on the
/// thread count.
///
/// # Safety
/// As `reference::reduce`.
pub unsafe fn reduce<T: Copy + Sync, A: Copy + Send>(
    n: usize,
    a: *const u8,
    sa: isize,
    r: impl Reducer<T, A>,
) -> A {
    let size = std::mem::size_of::<T>();
    if !reduce_splits(n, size) {
        return super::simd::reduce(n, a, sa, r);
    }
    let mut leaves = Vec::new();
    tree_leaves(0, n, size, &mut leaves);
    let results: Vec<Mutex<Option<A>>> = leaves.iter().map(|_| Mutex::new(None)).collect();
    let base = super::SendPtr(a as *mut u8);
    share(leaves.len(), |i| {
        let (start, len) = leaves[i];
        // SAFETY: each leaf is a part of the caller's run.
        let value =
            unsafe { super::simd::reduce(len, base.get().offset(start as isize * sa), sa, r) };
        if let Ok(mut slot) = results[i].lock() {
            *slot = Some(value);
        }
    });
    let mut values = results.into_iter().map(|m| m.into_inner().ok().flatten());
    combine_leaves(n, size, &mut values, r)
}

/// The reference tree's subtrees under `MIN_REDUCE_TASK_BYTES`, as (start, length), in order.
fn tree_leaves(start: usize, n: usize, size: usize, out: &mut Vec<(usize, usize)>) {
    if n * size < MIN_REDUCE_TASK_BYTES {
        out.push((start, n));
        return;
    }
    let half = reference::split_point(n);
    tree_leaves(start, half, size, out);
    tree_leaves(start + half, n - half, size, out);
}

/// Combines the leaves' results as the reference tree does (the same recursion as `tree_leaves`;
/// its depth is at most log2 of the run length).
fn combine_leaves<T, A: Copy>(
    n: usize,
    size: usize,
    values: &mut impl Iterator<Item = Option<A>>,
    r: impl Reducer<T, A>,
) -> A {
    if n * size < MIN_REDUCE_TASK_BYTES {
        // Every leaf ran (`share` runs each chunk once, or panics), so the slot is filled.
        return values
            .next()
            .flatten()
            .expect("every leaf of a parallel reduction ran");
    }
    let half = reference::split_point(n);
    let left = combine_leaves(half, size, values, r);
    let right = combine_leaves(n - half, size, values, r);
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

    #[test]
    fn share_runs_every_chunk_exactly_once() {
        use std::sync::atomic::AtomicU32;
        for chunks in [0, 1, 2, 3, 8, 64, 1000] {
            for _ in 0..50 {
                let counts: Vec<AtomicU32> = (0..chunks).map(|_| AtomicU32::new(0)).collect();
                share(chunks, |c| {
                    counts[c].fetch_add(1, Ordering::Relaxed);
                });
                assert!(
                    counts.iter().all(|c| c.load(Ordering::Relaxed) == 1),
                    "{chunks}"
                );
            }
        }
    }

    #[test]
    fn a_panicking_chunk_panics_the_caller_after_the_others_finish() {
        let ran = AtomicUsize::new(0);
        let result = catch_unwind(AssertUnwindSafe(|| {
            share(16, |c| {
                ran.fetch_add(1, Ordering::Relaxed);
                assert!(c != 5, "chunk 5 fails");
            })
        }));
        assert!(result.is_err());
        assert_eq!(ran.load(Ordering::Relaxed), 16);
    }

    #[test]
    fn the_parallel_sum_is_the_reference_sum() {
        #[derive(Copy, Clone)]
        struct Sum;
        impl Reducer<f64, f64> for Sum {
            fn identity(&self) -> f64 {
                0.0
            }
            fn convert(&self, x: f64) -> f64 {
                x
            }
            fn combine(&self, a: f64, b: f64) -> f64 {
                a + b
            }
        }
        let x: Vec<f64> = (0..1_000_003usize)
            .map(|i| ((i * 7919) % 1000) as f64 * 0.1 - 3.3)
            .collect();
        for n in [0, 1, 130_000, 131_072 + 17, 1_000_003] {
            let p = x.as_ptr().cast::<u8>();
            // SAFETY: `x` holds at least `n` f64 at stride 8.
            let (want, got) = unsafe { (reference::reduce(n, p, 8, Sum), reduce(n, p, 8, Sum)) };
            assert_eq!(want.to_bits(), got.to_bits(), "n = {n}");
        }
    }
}
