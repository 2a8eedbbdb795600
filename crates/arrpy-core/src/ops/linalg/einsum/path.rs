//! The order in which einsum contracts its operands, as NumPy's `einsum_path` gives it: a list
//! of steps, each naming positions in the current list of operands; the named operands are
//! removed and their contraction appended at the end.
//!
//! Costs are NumPy's: a step of `t` operands over the labels `L` costs `prod(size of L)` times
//! `max(t - 1, 1)`, plus one more `prod(size of L)` when some label is summed away.

use super::parse::LabelSet;
use crate::error::{Error, Result};

/// How to choose the order (`optimize=`).
#[derive(Clone, Debug, PartialEq)]
pub enum Optimize {
    /// All operands in one step (NumPy's `optimize=False`); run left to right.
    Off,
    /// NumPy's `'greedy'`: repeatedly the pair that removes the most elements. The limit is
    /// the most elements an intermediate may have (`optimize=('greedy', limit)`); by default
    /// the largest operand's or the output's size, as NumPy.
    Greedy(Option<f64>),
    /// NumPy's `'optimal'`: every order of pairwise contractions, the cheapest first found;
    /// greedy above `OPTIMAL_MAX` operands. The limit is as greedy's.
    Optimal(Option<f64>),
    /// The steps given (`einsum_path`'s list, without its leading `'einsum_path'`).
    Path(Vec<Vec<usize>>),
}

/// The most operands whose every order `Optimal` searches (their number grows as
/// `n!·(n-1)!/2^(n-1)`: 1.6 million orders for 8).
pub const OPTIMAL_MAX: usize = 8;

/// What a contraction needs to know of its operands: each one's labels, the output's, and
/// each label's size (indexed by label).
pub struct Problem<'a> {
    pub terms: Vec<LabelSet>,
    pub output: LabelSet,
    pub sizes: &'a [usize],
    /// The most elements of an operand (repeated labels counted each time) or of the output:
    /// NumPy's default limit on intermediates.
    pub largest_operand: f64,
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
        self.flops(self.all_labels(), self.output, self.terms.len())
    }

    fn all_labels(&self) -> LabelSet {
        self.terms
            .iter()
            .fold(LabelSet::default(), |s, &t| s.union(t))
    }

    /// Contracting the pair `(i, j)` of `current`: the cost, the elements it removes and the
    /// operands after it (the others in order, then the result), or None when the result
    /// would exceed `limit`.
    fn pair(&self, current: &[LabelSet], (i, j): (usize, usize), limit: f64) -> Option<Pair> {
        let result = self.result_of(current, &[i, j]);
        let size = self.size(result);
        if size > limit {
            return None;
        }
        let cost = self.flops(current[i].union(current[j]), result, 2);
        let removed = self.size(current[i]) + self.size(current[j]) - size;
        let mut after: Vec<LabelSet> = (0..current.len())
            .filter(|&k| k != i && k != j)
            .map(|k| current[k])
            .collect();
        after.push(result);
        Some(Pair {
            key: (-removed, cost),
            at: (i, j),
            after,
        })
    }
}

/// A candidate step of the greedy search.
struct Pair {
    /// What the search minimizes: (-elements removed, cost).
    key: (f64, f64),
    at: (usize, usize),
    after: Vec<LabelSet>,
}

/// The steps for `optimize`, checked when given. As NumPy, one step when there is nothing to
/// order: one or two operands, or no label summed away.
pub fn path(problem: &Problem, optimize: &Optimize) -> Result<Vec<Vec<usize>>> {
    let n = problem.terms.len();
    let all = || vec![(0..n).collect::<Vec<usize>>()];
    let limit = |given: &Option<f64>| given.unwrap_or(problem.largest_operand);
    match optimize {
        Optimize::Path(steps) => check_path(steps, n).map(|()| steps.clone()),
        _ if n <= 2 || problem.all_labels() == problem.output => Ok(all()),
        Optimize::Off => Ok(all()),
        Optimize::Greedy(given) => Ok(greedy(problem, limit(given))),
        Optimize::Optimal(given) if n <= OPTIMAL_MAX => Ok(optimal(problem, limit(given))),
        Optimize::Optimal(given) => Ok(greedy(problem, limit(given))),
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

/// NumPy's greedy order. Each round takes the candidate pair with the smallest key (most
/// elements removed, then cheapest; ties to the first found) among pairs that share a label
/// (any pair when none does), whose result fits `limit` and whose cost keeps the path under the
/// naive cost; with no candidate left, the rest in one step. Candidates found in one round stay
/// for the next with their positions moved (and their keys as they were): after the first
/// round only pairs with the newest operand are new.
fn greedy(problem: &Problem, limit: f64) -> Vec<Vec<usize>> {
    let naive = problem.naive_flops();
    let mut current = problem.terms.clone();
    let mut known: Vec<Pair> = Vec::new();
    let mut path_cost = 0.0;
    let mut steps = Vec::new();
    let all_pairs = |m: usize| -> Vec<(usize, usize)> {
        (0..m)
            .flat_map(|i| (i + 1..m).map(move |j| (i, j)))
            .collect()
    };
    let mut fresh = all_pairs(current.len());
    while current.len() > 1 {
        let consider = |at: (usize, usize), known: &mut Vec<Pair>| {
            if let Some(p) = problem.pair(&current, at, limit) {
                if path_cost + p.key.1 <= naive {
                    known.push(p);
                }
            }
        };
        for &(i, j) in &fresh {
            if !current[i].intersection(current[j]).is_empty() {
                consider((i, j), &mut known);
            }
        }
        if known.is_empty() {
            for at in all_pairs(current.len()) {
                consider(at, &mut known);
            }
        }
        let Some(best) =
            (0..known.len()).reduce(|b, k| if known[k].key < known[b].key { k } else { b })
        else {
            steps.push((0..current.len()).collect());
            break;
        };
        let best = known.remove(best);
        known = carried(known, &best);
        current = best.after;
        let newest = current.len() - 1;
        fresh = (0..newest).map(|i| (i, newest)).collect();
        steps.push(vec![best.at.0, best.at.1]);
        path_cost += best.key.1;
    }
    steps
}

/// The candidates that survive `best`'s step: those not touching its pair, with their
/// positions and operand lists moved past it (their result stays last, `best`'s goes before).
fn carried(known: Vec<Pair>, best: &Pair) -> Vec<Pair> {
    let (bx, by) = best.at;
    let shift = |p: usize, x: usize, y: usize| p - usize::from(p > x) - usize::from(p > y);
    let Some(&made) = best.after.last() else {
        return Vec::new();
    };
    known
        .into_iter()
        .filter(|p| ![bx, by].contains(&p.at.0) && ![bx, by].contains(&p.at.1))
        .map(|mut p| {
            let (x, y) = p.at;
            p.after.remove(shift(by, x, y));
            p.after.remove(shift(bx, x, y));
            let last = p.after.len() - 1;
            p.after.insert(last, made);
            p.at = (shift(x, bx, by), shift(y, bx, by));
            p
        })
        .collect()
}

/// NumPy's optimal order: every sequence of pairwise contractions whose intermediates fit
/// `limit`, in NumPy's order (pairs in lexicographic order at each step), and the first of the
/// cheapest. When no sequence reaches one operand, the first cheapest of the longest ones, then
/// the rest in one step.
fn optimal(problem: &Problem, limit: f64) -> Vec<Vec<usize>> {
    struct Best {
        depth: usize,
        cost: f64,
        steps: Vec<Vec<usize>>,
    }
    fn search(
        problem: &Problem,
        limit: f64,
        current: &[LabelSet],
        cost: f64,
        steps: &mut Vec<Vec<usize>>,
        best: &mut Best,
    ) {
        let depth = steps.len();
        if depth > best.depth || depth == best.depth && cost < best.cost {
            *best = Best {
                depth,
                cost,
                steps: steps.clone(),
            };
        }
        let m = current.len();
        for i in 0..m {
            for j in i + 1..m {
                if let Some(p) = problem.pair(current, (i, j), limit) {
                    steps.push(vec![i, j]);
                    search(problem, limit, &p.after, cost + p.key.1, steps, best);
                    steps.pop();
                }
            }
        }
    }
    let n = problem.terms.len();
    let mut best = Best {
        depth: 0,
        cost: 0.0,
        steps: Vec::new(),
    };
    search(
        problem,
        limit,
        &problem.terms,
        0.0,
        &mut Vec::new(),
        &mut best,
    );
    let mut steps = best.steps;
    if best.depth + 1 < n {
        steps.push((0..n - best.depth).collect());
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem<'a>(terms: &[&[usize]], output: &[usize], sizes: &'a [usize]) -> Problem<'a> {
        let elements = |t: &[usize]| t.iter().map(|&l| sizes[l] as f64).product::<f64>();
        Problem {
            terms: terms.iter().map(|t| LabelSet::of(t)).collect(),
            output: LabelSet::of(output),
            sizes,
            largest_operand: terms
                .iter()
                .map(|t| elements(t))
                .fold(elements(output), f64::max),
        }
    }

    #[test]
    fn a_chain_contracts_its_cheap_end_first() {
        // ij,jk,kl->il with i=2, j=3, k=40, l=5: NumPy's path is [(1, 2), (0, 1)].
        let sizes = [2, 3, 40, 5];
        let p = problem(&[&[0, 1], &[1, 2], &[2, 3]], &[0, 3], &sizes);
        assert_eq!(
            path(&p, &Optimize::Greedy(None)).unwrap(),
            vec![vec![1, 2], vec![0, 1]]
        );
        assert_eq!(
            path(&p, &Optimize::Optimal(None)).unwrap(),
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
        let (g, o) = (greedy(&p, f64::INFINITY), optimal(&p, f64::INFINITY));
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

    #[test]
    fn limits_and_trivial_calls_are_numpys() {
        // NumPy 2.4's einsum_path for each (checked in tests/test_linalg_einsum.py too).
        let sizes = [4, 5, 6, 3];
        let chain = problem(&[&[0, 1], &[1, 2], &[2, 3]], &[0, 3], &sizes);
        let one_step = vec![vec![0, 1, 2]];
        for limit in [0.0, 11.0] {
            // No intermediate fits: everything at once.
            assert_eq!(
                path(&chain, &Optimize::Greedy(Some(limit))).unwrap(),
                one_step
            );
            assert_eq!(
                path(&chain, &Optimize::Optimal(Some(limit))).unwrap(),
                one_step
            );
        }
        let order = vec![vec![1, 2], vec![0, 1]];
        assert_eq!(path(&chain, &Optimize::Greedy(Some(20.0))).unwrap(), order);
        assert_eq!(path(&chain, &Optimize::Optimal(Some(20.0))).unwrap(), order);
        // ed,b,be->bde: no label is summed, so one step whatever the method.
        let sizes = [8, 3, 3];
        let outer = problem(&[&[2, 1], &[0], &[0, 2]], &[0, 1, 2], &sizes);
        assert_eq!(path(&outer, &Optimize::Greedy(None)).unwrap(), one_step);
        assert_eq!(path(&outer, &Optimize::Optimal(None)).unwrap(), one_step);
    }
}
