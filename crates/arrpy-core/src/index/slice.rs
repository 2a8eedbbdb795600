//! A slice key (`start:stop:step`) and its normalization against an axis length, exactly as
//! Python's `slice.indices` (CPython's `PySlice_Unpack` + `PySlice_AdjustIndices`).

use crate::error::{Error, Result};

/// `start:stop:step` with Python's `None`s. Bounds beyond `isize` are clamped by whoever builds
/// it (Python clamps them the same way before adjusting), so every `isize` is valid here.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Slice {
    pub start: Option<isize>,
    pub stop: Option<isize>,
    pub step: Option<isize>,
}

/// A slice resolved against an axis: the first index, the step and the number of elements.
/// `start` is meaningful only when `len > 0`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SliceIndices {
    pub start: isize,
    pub stop: isize,
    pub step: isize,
    pub len: usize,
}

impl Slice {
    /// `:`, the whole axis.
    pub const FULL: Slice = Slice {
        start: None,
        stop: None,
        step: None,
    };

    pub fn new(start: Option<isize>, stop: Option<isize>, step: Option<isize>) -> Slice {
        Slice { start, stop, step }
    }

    /// Python's `slice(start, stop, step).indices(len)`, plus the number of elements.
    /// No arithmetic here can overflow: every bound is clamped into `[-1, len]` before use.
    pub fn indices(&self, len: usize) -> Result<SliceIndices> {
        let step = match self.step {
            None => 1,
            Some(0) => return Err(Error::Value("slice step cannot be zero".into())),
            // Python clamps the step so that `-step` exists.
            Some(s) => s.max(-isize::MAX),
        };
        let len = isize::try_from(len)
            .map_err(|_| Error::Index(format!("an axis of length {len} cannot be sliced")))?;
        let back = step < 0;
        let start = adjust(
            self.start.unwrap_or(if back { isize::MAX } else { 0 }),
            len,
            back,
        );
        let stop = adjust(
            self.stop
                .unwrap_or(if back { isize::MIN } else { isize::MAX }),
            len,
            back,
        );
        let count = if back {
            if stop < start {
                (start - stop - 1) / (-step) + 1
            } else {
                0
            }
        } else if start < stop {
            (stop - start - 1) / step + 1
        } else {
            0
        };
        Ok(SliceIndices {
            start,
            stop,
            step,
            len: count as usize,
        })
    }
}

/// One bound adjusted against `len` (CPython's `PySlice_AdjustIndices`): negative counts from
/// the end; the result lies in `[0, len]` stepping forward and `[-1, len - 1]` stepping back.
fn adjust(bound: isize, len: isize, back: bool) -> isize {
    if bound < 0 {
        // `bound + len` cannot overflow: bound < 0 <= len.
        let b = bound + len;
        if b < 0 {
            if back {
                -1
            } else {
                0
            }
        } else {
            b
        }
    } else if bound >= len {
        if back {
            len - 1
        } else {
            len
        }
    } else {
        bound
    }
}
