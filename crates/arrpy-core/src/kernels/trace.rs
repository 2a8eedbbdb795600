//! Which loops each op ran, so that tests can check the op table against what actually runs
//! (`arrpy._loop_trace`). Off by default: a call then pays one relaxed load.

use crate::dtype::DType;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Per op and loop dtype: calls that ran the reference loop, the simd tier's loop, and on several threads.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub reference: usize,
    pub vector: usize,
    pub threaded: usize,
}

static ON: AtomicBool = AtomicBool::new(false);
static COUNTS: Mutex<BTreeMap<(&'static str, DType), Counts>> = Mutex::new(BTreeMap::new());

/// Notes one call of `op` with loop dtype `dtype`: its loop, and whether its work was split
/// across threads.
#[inline]
pub fn record(op: &'static str, dtype: DType, vector: bool, threaded: bool) {
    if !ON.load(Ordering::Relaxed) {
        return;
    }
    let mut counts = COUNTS.lock().unwrap_or_else(|e| e.into_inner());
    let c = counts.entry((op, dtype)).or_default();
    if vector {
        c.vector += 1;
    } else {
        c.reference += 1;
    }
    c.threaded += threaded as usize;
}

/// The counts since the last call, cleared; tracing stays on when `on`.
pub fn take(on: bool) -> BTreeMap<(&'static str, DType), Counts> {
    ON.store(on, Ordering::Relaxed);
    std::mem::take(&mut *COUNTS.lock().unwrap_or_else(|e| e.into_inner()))
}
