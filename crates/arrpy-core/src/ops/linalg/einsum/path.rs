//! The order in which einsum contracts its operands, as NumPy's `einsum_path` gives it: a list
//! of steps, each naming positions in the current list of operands; the named operands are
//! removed and their contraction appended at the end.
//!
//! Costs are NumPy's: a step of `t` operands over the labels `L` costs `prod(size of L)` times
//! `max(t - 1, 1)`, plus one more `prod(size of L)` when some label is summed away.

use super::parse::LabelSet;
use crate::error::{Error, Result};

/// How to choose the order (`optimize=`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Optimize {
    /// All operands in one step (NumPy's `optimize=False`); run left to right.
    Off,
    /// The pair whose contraction removes the most elements first (NumPy's `'greedy'`).
    Greedy,
    /// The cheapest order of all (`'optimal'`); greedy above `OPTIMAL_MAX` operands.
    Optimal,
    /// The steps given (`einsum_path`'s list, without its leading `'einsum_path'`).
    Path(Vec<Vec<usize>>),
}

/// The most operands whose every order `Optimal` searches (its work grows as `3^n`).
pub const OPTIMAL_MAX: usize = 10;

/// What a contraction needs to know of its operands: each one's labels, the output's, and
/// each label's size (indexed by label).
pub struct Problem<'a> {
    pub terms: Vec<LabelSet>,
    pub output: LabelSet,
    pub sizes: &'a [usize],
}

impl Problem<'_> {
    /// The number of elements over `labels` (as f64: costs may exceed any integer type).
    pub fn size(&self, labels: LabelSet) -> f64 {
        labels.iter().map(|l| self.sizes[l] as f64).product()
    }

    /// NumPy's FLOP count of contracting `terms` operands over `labels` into `kept`.
    pub fn flops(&self, labels: LabelSet, kept: LabelSet, terms: usize) -> f64 {
        let inner = usize::from(!labels.minus(kept).is_empty());
        self.size(labels) * (terms.saturating_sub(1).max(1) + inner) as f64
    }

    /// The labels of the contraction of `chosen` out of `current`: those still needed by
    /// another operand or the output.
    pub fn result_of(&self, current: &[LabelSet], chosen: &[usize]) -> LabelSet {
        let union = |pick: &dyn Fn(usize) -> bool| {
            (0..current.len())
                .filter(|&i| pick(i))
                .fold(LabelSet::default(), |s, i| s.union(current[i]))
        };
        let inside = union(&|i| chosen.contains(&i));
        let outside = union(&|i| !chosen.contains(&i)).union(self.output);
        inside.intersection(outside)
    }

    /// The cost of contracting everything in one step (NumPy's "naive" count).
    pub fn naive_flops(&self) -> f64 {
        let all = self
            .terms
            .iter()
            .fold(LabelSet::default(), |s, &t| s.union(t));
        self.flops(all, self.output, self.terms.len())
    }
}

/// The steps for `optimize`, checked when given.
pub fn path(problem: &Problem, optimize: &Optimize) -> Result<Vec<Vec<usize>>> {
    let n = problem.terms.len();
    match optimize {
        _ if n == 1 => Ok(vec![vec![0]]),
        Optimize::Off => Ok(vec![(0..n).collect()]),
        Optimize::Greedy => Ok(greedy(problem)),
        Optimize::Optimal if n <= OPTIMAL_MAX => Ok(optimal(problem)),
        Optimize::Optimal => Ok(greedy(problem)),
        Optimize::Path(steps) => check_path(steps, n).map(|()| steps.clone()),
    }
}

/// A given path must name distinct operands in range at each step and end with one operand.
fn check_path(steps: &[Vec<usize>], n: usize) -> Result<()> {
    let mut count = n;
    for step in steps {
        let distinct = step.iter().enumerate().all(|(i, p)| !step[..i].contains(p));
        if step.is_empty() || !distinct || step.iter().any(|&p| p >= count) {
            return Err(Error::Value(format!(
                "Invalid einsum_path is specified: step {step:?} does not name distinct operands among the {count} there are"
            )));
        }
        count = count - step.len() + 1;
    }
    if count != 1 {
        return Err(Error::Value(format!(
            "Invalid einsum_path is specified: {} more operands has to be contracted.",
            count - 1
        )));
    }
    Ok(())
}

/// Repeatedly the pair that removes the most elements (the sizes of both operands less that of
/// their result), preferring pairs that share a label, then the cheaper; ties to the first.
fn greedy(problem: &Problem) -> Vec<Vec<usize>> {
    let mut current = problem.terms.clone();
    let mut steps = Vec::new();
    while current.len() > 1 {
        let mut best: Option<((bool, f64, f64), usize, usize)> = None;
        for i in 0..current.len() {
            for j in i + 1..current.len() {
                let result = problem.result_of(&current, &[i, j]);
                let removed =
                    problem.size(current[i]) + problem.size(current[j]) - problem.size(result);
                let labels = current[i].union(current[j]);
                let apart = current[i].intersection(current[j]).is_empty();
                let key = (apart, -removed, problem.flops(labels, result, 2));
                if best.as_ref().is_none_or(|(k, _, _)| key < *k) {
                    best = Some((key, i, j));
                }
            }
        }
        let Some((_, i, j)) = best else { break };
        let result = problem.result_of(&current, &[i, j]);
        current.remove(j);
        current.remove(i);
        current.push(result);
        steps.push(vec![i, j]);
    }
    steps
}

/// The cheapest binary tree over all operands, by dynamic programming over subsets (each
/// subset's cheapest split), written out as steps: a subset's contraction only after its
/// parts', so in order of subset size.
fn optimal(problem: &Problem) -> Vec<Vec<usize>> {
    let n = problem.terms.len();
    let full = (1usize << n) - 1;
    let members = |s: usize| -> Vec<usize> { (0..n).filter(|&i| s >> i & 1 == 1).collect() };
    // Each subset's labels once contracted: those it shares with the rest or the output.
    let labels: Vec<LabelSet> = (0..=full)
        .map(|s| problem.result_of(&problem.terms, &members(s)))
        .collect();
    let mut cost = vec![f64::INFINITY; full + 1];
    let mut split = vec![0usize; full + 1];
    for i in 0..n {
        cost[1 << i] = 0.0;
    }
    for s in 1..=full {
        if s.count_ones() < 2 {
            continue;
        }
        // Each split {a, s - a} once: a holds the lowest member of s.
        let low = s & s.wrapping_neg();
        let mut a = (s - 1) & s;
        while a > 0 {
            if a & low != 0 {
                let b = s & !a;
                let step = problem.flops(labels[a].union(labels[b]), labels[s], 2);
                let total = cost[a] + cost[b] + step;
                if total < cost[s] {
                    cost[s] = total;
                    split[s] = a;
                }
            }
            a = (a - 1) & s;
        }
    }
    // The tree's inner nodes, children before parents.
    let mut nodes = vec![full];
    let mut pending = vec![full];
    while let Some(s) = pending.pop() {
        for part in [split[s], s & !split[s]] {
            if part.count_ones() > 1 {
                nodes.push(part);
                pending.push(part);
            }
        }
    }
    nodes.sort_by_key(|s| s.count_ones());
    let mut current: Vec<usize> = (0..n).map(|i| 1 << i).collect();
    let mut steps = Vec::new();
    for s in nodes {
        let (a, b) = (split[s], s & !split[s]);
        let pa = current.iter().position(|&x| x == a).unwrap_or(0);
        let pb = current.iter().position(|&x| x == b).unwrap_or(0);
        let (i, j) = (pa.min(pb), pa.max(pb));
        current.remove(j);
        current.remove(i);
        current.push(s);
        steps.push(vec![i, j]);
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem<'a>(terms: &[&[usize]], output: &[usize], sizes: &'a [usize]) -> Problem<'a> {
        Problem {
            terms: terms.iter().map(|t| LabelSet::of(t)).collect(),
            output: LabelSet::of(output),
            sizes,
        }
    }

    #[test]
    fn a_chain_contracts_its_cheap_end_first() {
        // ij,jk,kl->il with i=2, j=3, k=40, l=5: NumPy's path is [(1, 2), (0, 1)].
        let sizes = [2, 3, 40, 5];
        let p = problem(&[&[0, 1], &[1, 2], &[2, 3]], &[0, 3], &sizes);
        assert_eq!(
            path(&p, &Optimize::Greedy).unwrap(),
            vec![vec![1, 2], vec![0, 1]]
        );
        assert_eq!(
            path(&p, &Optimize::Optimal).unwrap(),
            vec![vec![1, 2], vec![0, 1]]
        );
        assert_eq!(path(&p, &Optimize::Off).unwrap(), vec![vec![0, 1, 2]]);
        assert_eq!(p.naive_flops(), 2.0 * 3.0 * 40.0 * 5.0 * 3.0);
    }

    #[test]
    fn optimal_is_never_worse_than_greedy() {
        // A ring of four matrices with uneven sizes.
        let sizes = [7, 2, 30, 3, 11];
        let p = problem(&[&[0, 1], &[1, 2], &[2, 3], &[3, 4]], &[0, 4], &sizes);
        let cost = |steps: &[Vec<usize>]| {
            let mut current = p.terms.clone();
            let mut total = 0.0;
            for step in steps {
                let result = p.result_of(&current, step);
                let labels = step
                    .iter()
                    .fold(LabelSet::default(), |s, &i| s.union(current[i]));
                total += p.flops(labels, result, step.len());
                let mut sorted = step.clone();
                sorted.sort_unstable();
                for &i in sorted.iter().rev() {
                    current.remove(i);
                }
                current.push(result);
            }
            total
        };
        let (g, o) = (greedy(&p), optimal(&p));
        assert_eq!(o.len(), 3);
        assert!(cost(&o) <= cost(&g), "{o:?} {g:?}");
        // ((AB)(CD)) or a chain order: A·B is 7·2·30, the cheapest first step here.
        assert!(o.contains(&vec![0, 1]), "{o:?}");
    }

    #[test]
    fn given_paths_are_checked() {
        let sizes = [2, 3, 4, 5];
        let p = problem(&[&[0, 1], &[1, 2], &[2, 3]], &[0, 3], &sizes);
        let given = |steps: Vec<Vec<usize>>| path(&p, &Optimize::Path(steps));
        assert!(given(vec![vec![1, 2], vec![0, 1]]).is_ok());
        assert!(given(vec![vec![0, 1, 2]]).is_ok());
        for bad in [
            vec![vec![1, 2]],
            vec![vec![0, 0], vec![0, 1]],
            vec![vec![0, 3], vec![0, 1]],
        ] {
            assert!(matches!(given(bad), Err(Error::Value(_))));
        }
    }
}
