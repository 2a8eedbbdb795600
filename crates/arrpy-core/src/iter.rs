//! N-d strided iteration, separate from the kernels (NumPy's umath design): a `LoopPlan` drops
//! length-1 axes, orders axes by the first operand's strides, merges axes that are contiguous for
//! every operand, and hands 1-d runs `(len, byte offsets, byte strides)` to a kernel.

use smallvec::SmallVec;

#[derive(Clone, Debug)]
pub struct LoopPlan<const N: usize> {
    /// Coalesced extents, outermost first.
    dims: SmallVec<[usize; 4]>,
    /// Byte strides per axis, one per operand.
    strides: SmallVec<[[isize; N]; 4]>,
    size: usize,
}

impl<const N: usize> LoopPlan<N> {
    /// Plans a loop over `shape`, where operand `k` has byte strides `strides[k]` (already
    /// broadcast to `shape`).
    pub fn new(shape: &[usize], strides: [&[isize]; N]) -> Self {
        Self::build(shape, strides, true)
    }

    /// As `new`, but visiting elements in C order (axes kept in their order, only merged): for a
    /// destination whose elements overlap, where the order of writes decides the result.
    pub fn in_c_order(shape: &[usize], strides: [&[isize]; N]) -> Self {
        Self::build(shape, strides, false)
    }

    fn build(shape: &[usize], strides: [&[isize]; N], by_stride: bool) -> Self {
        if shape.contains(&0) {
            // Nothing to visit; the other axes of an empty shape may be too long to multiply.
            let (dims, strides) = (SmallVec::new(), SmallVec::new());
            return LoopPlan {
                dims,
                strides,
                size: 0,
            };
        }
        let size = shape.iter().product();
        let mut axes: SmallVec<[usize; 4]> = (0..shape.len()).filter(|&i| shape[i] != 1).collect();
        if by_stride {
            // Innermost = smallest stride of operand 0 (the output, usually); stable for ties.
            axes.sort_by_key(|&i| std::cmp::Reverse(strides[0][i].unsigned_abs()));
        }
        let mut dims: SmallVec<[usize; 4]> = SmallVec::new();
        let mut st: SmallVec<[[isize; N]; 4]> = SmallVec::new();
        for &ax in &axes {
            let s: [isize; N] = std::array::from_fn(|k| strides[k][ax]);
            if let (Some(&last_d), Some(last_s)) = (dims.last(), st.last_mut()) {
                let _ = last_d;
                // Merge the previous (outer) axis into this one when it steps by exactly one run.
                if (0..N).all(|k| last_s[k] == s[k] * shape[ax] as isize) {
                    let outer = dims.pop().unwrap_or(1);
                    st.pop();
                    dims.push(outer * shape[ax]);
                    st.push(s);
                    continue;
                }
            }
            dims.push(shape[ax]);
            st.push(s);
        }
        LoopPlan {
            dims,
            strides: st,
            size,
        }
    }

    pub fn size(&self) -> usize {
        self.size
    }

    /// Length of the innermost run.
    pub fn inner_len(&self) -> usize {
        self.dims.last().copied().unwrap_or(1)
    }

    /// Inner byte strides of every operand.
    pub fn inner_strides(&self) -> [isize; N] {
        self.strides.last().copied().unwrap_or([0; N])
    }

    /// Calls `f(len, offsets, strides)` for each run covering linear indices `start..end`
    /// (in the plan's order), so that ranges can be handed to different threads.
    pub fn for_each_run(
        &self,
        start: usize,
        end: usize,
        mut f: impl FnMut(usize, [isize; N], [isize; N]),
    ) {
        let end = end.min(self.size);
        if start >= end {
            return;
        }
        let nd = self.dims.len();
        if nd == 0 {
            f(1, [0; N], [0; N]);
            return;
        }
        let inner = self.dims[nd - 1];
        let inner_strides = self.strides[nd - 1];
        // Multi-index of `start` over the outer axes.
        let mut coords: SmallVec<[usize; 4]> = SmallVec::from_elem(0, nd);
        let mut rem = start;
        for ax in (0..nd).rev() {
            coords[ax] = rem % self.dims[ax];
            rem /= self.dims[ax];
        }
        let mut pos = start;
        while pos < end {
            let first = coords[nd - 1];
            let len = (inner - first).min(end - pos);
            let offsets: [isize; N] = std::array::from_fn(|k| {
                (0..nd)
                    .map(|ax| coords[ax] as isize * self.strides[ax][k])
                    .sum()
            });
            f(len, offsets, inner_strides);
            pos += len;
            // Advance the odometer past this run.
            coords[nd - 1] = 0;
            for ax in (0..nd - 1).rev() {
                coords[ax] += 1;
                if coords[ax] < self.dims[ax] {
                    break;
                }
                coords[ax] = 0;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect<const N: usize>(
        p: &LoopPlan<N>,
        s: usize,
        e: usize,
    ) -> Vec<(usize, [isize; N], [isize; N])> {
        let mut v = vec![];
        p.for_each_run(s, e, |n, o, st| v.push((n, o, st)));
        v
    }

    #[test]
    fn contiguous_coalesces_to_one_run() {
        let p = LoopPlan::new(&[2, 3, 4], [&[96, 32, 8], &[96, 32, 8]]);
        assert_eq!(collect(&p, 0, 24), vec![(24, [0, 0], [8, 8])]);
        assert_eq!(collect(&p, 5, 7), vec![(2, [40, 40], [8, 8])]);
    }

    #[test]
    fn broadcast_operand_keeps_axes() {
        // out (2,3) C order, b broadcast along axis 0.
        let p = LoopPlan::new(&[2, 3], [&[24, 8], &[0, 8]]);
        assert_eq!(
            collect(&p, 0, 6),
            vec![(3, [0, 0], [8, 8]), (3, [24, 0], [8, 8])]
        );
        assert_eq!(
            collect(&p, 2, 4),
            vec![(1, [16, 16], [8, 8]), (1, [24, 0], [8, 8])]
        );
    }

    #[test]
    fn negative_and_empty() {
        let p = LoopPlan::new(&[3], [&[-8]]);
        assert_eq!(collect(&p, 0, 3), vec![(3, [0], [-8])]);
        let e = LoopPlan::new(&[0, 3], [&[24, 8]]);
        assert!(collect(&e, 0, 10).is_empty());
        let s = LoopPlan::<1>::new(&[], [&[]]);
        assert_eq!(collect(&s, 0, 1), vec![(1, [0], [0])]);
    }
}
