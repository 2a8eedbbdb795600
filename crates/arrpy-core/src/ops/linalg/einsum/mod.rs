//! `numpy.einsum` and `numpy.einsum_path`.
//!
//! - `parse`: the subscripts, one label per operand axis, NumPy's implicit output.
//! - `path`: the order of the contractions (`optimize=`) and its costs.
//!
//! Execution works on views: an operand's repeated label becomes its diagonal (one axis whose
//! stride is the sum of the repeated axes'), labels only it has and nothing later needs are
//! summed with the sum reduction, and each pair is contracted by one batched `matmul` (shared
//! labels still needed are its batch, the summed ones its inner dimension) or, with nothing to
//! sum, by one broadcast multiply. Labels of length 1 broadcast against longer ones.

mod parse;
mod path;

pub use parse::{Label, LabelSet, Subscripts};
pub use path::Optimize;

use super::matmul::matmul;
use crate::array::Array;
use crate::dtype::{can_cast, promote_types, Casting, DType};
use crate::error::{Error, Result};
use crate::layout::format_shape;
use crate::ops::cast::assign;
use crate::ops::elementwise::{binary, cast_to, BinaryOp};
use crate::ops::reduce::{reduce, ReduceOp};
use crate::overlap::may_share_bytes;
use parse::{letter, parse, LETTERS};
use path::{path, Problem};

/// einsum's keywords.
pub struct Options<'a> {
    pub out: Option<&'a Array>,
    pub dtype: Option<DType>,
    pub casting: Casting,
    pub optimize: Optimize,
}

/// An operand on its way: a view with one axis per distinct label.
#[derive(Clone)]
struct Term {
    array: Array,
    labels: Vec<Label>,
}

/// The parsed call: subscripts, each label's size (indexed by label), the operands as terms
/// (diagonals taken).
struct Call {
    subs: Subscripts,
    sizes: Vec<usize>,
    terms: Vec<Term>,
}

/// `numpy.einsum(subscripts, *operands, out=, dtype=, casting=, optimize=)`.
pub fn einsum(subscripts: &str, operands: &[Array], options: &Options) -> Result<Array> {
    let call = prepare(subscripts, operands)?;
    let dtype = match options.dtype {
        Some(d) => d,
        None => operands
            .iter()
            .skip(1)
            .fold(operands[0].dtype(), |d, x| promote_types(d, x.dtype())),
    };
    for (i, x) in operands.iter().enumerate() {
        if !can_cast(x.dtype(), dtype, options.casting) {
            return Err(Error::Type(format!(
                "einsum: operand {i} cannot be cast from dtype('{}') to dtype('{}') according to the rule '{}'",
                x.dtype().name(),
                dtype.name(),
                casting_name(options.casting)
            )));
        }
    }
    let output = &call.subs.output;
    if let Some(out) = options.out {
        let shape: Vec<usize> = output.iter().map(|&l| call.sizes[l]).collect();
        check_out(out, &shape, dtype, options.casting)?;
    }
    let steps = path(&call.problem(), &options.optimize)?;
    // Cast after taking diagonals: fewer elements to copy.
    let mut terms = call
        .terms
        .iter()
        .map(|t| {
            Ok(Term {
                array: cast_to(&t.array, dtype)?,
                labels: t.labels.clone(),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    for step in &steps {
        let picked: Vec<Term> = step.iter().map(|&p| terms[p].clone()).collect();
        let mut descending = step.clone();
        descending.sort_unstable_by(|a, b| b.cmp(a));
        for p in descending {
            terms.remove(p);
        }
        let rest = terms.iter().fold(LabelSet::of(output), |s, t| {
            s.union(LabelSet::of(&t.labels))
        });
        terms.push(contract(picked, rest, dtype)?);
    }
    let [last] = terms.as_slice() else {
        return Err(Error::Value(
            "einsum: the path left more than one operand".into(),
        ));
    };
    let result = permuted(last, output)?;
    match options.out {
        None => Ok(result),
        Some(out) => {
            // A result that is a view of an operand may overlap `out`: read it whole first.
            let result = if may_share_bytes(out, &result) {
                result.copy()?
            } else {
                result
            };
            assign(out, &result, Casting::Unsafe)?;
            Ok(out.clone())
        }
    }
}

/// `numpy.einsum_path(subscripts, *operands, optimize=)`: the steps and a report of them.
pub fn einsum_path(
    subscripts: &str,
    operands: &[Array],
    optimize: &Optimize,
) -> Result<(Vec<Vec<usize>>, String, Vec<Contraction>)> {
    let call = prepare(subscripts, operands)?;
    let problem = call.problem();
    let steps = path(&problem, optimize)?;
    let contractions = contractions(&call, &problem, &steps);
    let report = report(&call, &problem, &steps, &contractions);
    Ok((steps, report, contractions))
}

/// One step of a path as NumPy's `einsum_path(einsum_call=True)` lists it.
pub struct Contraction {
    /// The positions of the operands it takes, descending (the order they are popped in).
    pub positions: Vec<usize>,
    /// Its subscripts: those operands' in that order, then its result's.
    pub subscripts: String,
    /// The subscripts of the operands after it (its result last).
    pub remaining: Vec<String>,
}

impl Call {
    fn problem(&self) -> Problem<'_> {
        let elements = |labels: &[Label]| labels.iter().map(|&l| self.sizes[l] as f64).product();
        let largest_operand = self
            .subs
            .inputs
            .iter()
            .map(|t| elements(t))
            .fold(elements(&self.subs.output), f64::max);
        Problem {
            terms: self.terms.iter().map(|t| LabelSet::of(&t.labels)).collect(),
            output: LabelSet::of(&self.subs.output),
            sizes: &self.sizes,
            largest_operand,
        }
    }
}

/// Parses a call and checks the labels against the operands' shapes.
fn prepare(subscripts: &str, operands: &[Array]) -> Result<Call> {
    let ndims: Vec<usize> = operands.iter().map(Array::ndim).collect();
    let subs = parse(subscripts, &ndims)?;
    let sizes = label_sizes(&subs, operands)?;
    let terms = operands
        .iter()
        .zip(&subs.inputs)
        .map(|(x, labels)| distinct_axes(x, labels))
        .collect();
    Ok(Call { subs, sizes, terms })
}

fn casting_name(casting: Casting) -> &'static str {
    match casting {
        Casting::No => "no",
        Casting::Equiv => "equiv",
        Casting::Safe => "safe",
        Casting::SameKind => "same_kind",
        Casting::Unsafe => "unsafe",
    }
}

/// A label's name in messages.
fn label_name(l: Label) -> String {
    if l < LETTERS {
        format!("'{}'", letter(l))
    } else {
        format!("'...' (broadcast dimension {})", l - LETTERS)
    }
}

/// Each label's length: equal wherever it appears in one operand (a diagonal), equal or 1
/// across operands (1 broadcasts). Labels that appear nowhere have length 1.
fn label_sizes(subs: &Subscripts, operands: &[Array]) -> Result<Vec<usize>> {
    // The length and the operand that set it.
    let mut seen: Vec<Option<(usize, usize)>> = vec![None; 128];
    for (i, (x, labels)) in operands.iter().zip(&subs.inputs).enumerate() {
        for (axis, (&l, &d)) in labels.iter().zip(x.shape()).enumerate() {
            if let Some(k) = labels[..axis].iter().position(|&m| m == l) {
                if x.shape()[k] != d {
                    return Err(Error::Value(format!(
                        "dimensions in operand {i} for collapsing index {} don't match ({} != {d})",
                        label_name(l),
                        x.shape()[k]
                    )));
                }
                continue;
            }
            match seen[l] {
                None => seen[l] = Some((d, i)),
                Some((s, _)) if s == d || d == 1 => {}
                Some((1, _)) => seen[l] = Some((d, i)),
                Some((s, j)) => {
                    return Err(Error::Value(format!(
                        "operands could not be broadcast together: label {} is {s} in operand {j} (shape {}) and {d} in operand {i} (shape {})",
                        label_name(l),
                        format_shape(operands[j].shape()),
                        format_shape(x.shape())
                    )))
                }
            }
        }
    }
    Ok(seen.iter().map(|s| s.map_or(1, |(d, _)| d)).collect())
}

/// `x` with one axis per distinct label, in order of first appearance: a repeated label's axes
/// become one, stepping along all of them at once (a diagonal; lengths already checked).
fn distinct_axes(x: &Array, labels: &[Label]) -> Term {
    let mut distinct: Vec<Label> = Vec::new();
    let mut shape = Vec::new();
    let mut strides = Vec::new();
    for ((&l, &d), &s) in labels.iter().zip(x.shape()).zip(x.strides()) {
        match distinct.iter().position(|&m| m == l) {
            Some(k) => strides[k] += s,
            None => {
                distinct.push(l);
                shape.push(d);
                strides.push(s);
            }
        }
    }
    if distinct.len() == labels.len() {
        return Term {
            array: x.clone(),
            labels: distinct,
        };
    }
    // The diagonal visits elements x already spans, so the view stays inside its buffer.
    let array = x.view(shape.into(), strides.into(), x.offset());
    Term {
        array,
        labels: distinct,
    }
}

/// The term's axes in the order of `labels` (each of its labels once).
fn permuted(t: &Term, labels: &[Label]) -> Result<Array> {
    let order = labels
        .iter()
        .map(|l| {
            t.labels
                .iter()
                .position(|m| m == l)
                .map(|p| p as isize)
                .ok_or_else(|| Error::Value(format!("einsum: label {} lost", label_name(*l))))
        })
        .collect::<Result<Vec<isize>>>()?;
    t.array.transpose(Some(&order))
}

/// `t` summed over its labels in `drop`.
fn sum_out(t: Term, drop: LabelSet, dtype: DType) -> Result<Term> {
    let axes: Vec<isize> = (0..t.labels.len())
        .filter(|&i| drop.contains(t.labels[i]))
        .map(|i| i as isize)
        .collect();
    if axes.is_empty() {
        return Ok(t);
    }
    let array = reduce(ReduceOp::Sum, &t.array, Some(&axes), false, Some(dtype))?;
    let labels = t
        .labels
        .into_iter()
        .filter(|&l| !drop.contains(l))
        .collect();
    Ok(Term { array, labels })
}

/// The contraction of `picked` (at least one term), left to right, keeping the labels in `rest`.
fn contract(picked: Vec<Term>, rest: LabelSet, dtype: DType) -> Result<Term> {
    let mut picked = picked.into_iter();
    let Some(mut acc) = picked.next() else {
        return Err(Error::Value("einsum: a step names no operand".into()));
    };
    let later: Vec<Term> = picked.collect();
    for (k, next) in later.iter().enumerate() {
        let keep = later[k + 1..]
            .iter()
            .fold(rest, |s, t| s.union(LabelSet::of(&t.labels)));
        acc = pair(acc, next.clone(), keep, dtype)?;
    }
    let drop = LabelSet::of(&acc.labels).minus(rest);
    sum_out(acc, drop, dtype)
}

/// `a` times `b`, summed over their shared labels not in `keep`; the result's labels are the
/// shared kept ones (the batch), then a's own, then b's own.
fn pair(a: Term, b: Term, keep: LabelSet, dtype: DType) -> Result<Term> {
    let (la, lb) = (LabelSet::of(&a.labels), LabelSet::of(&b.labels));
    // What only one operand has and nothing later needs is summed first.
    let a = sum_out(a, la.minus(lb.union(keep)), dtype)?;
    let b = sum_out(b, lb.minus(la.union(keep)), dtype)?;
    let pick = |t: &Term, f: &dyn Fn(Label) -> bool| -> Vec<Label> {
        t.labels.iter().copied().filter(|&l| f(l)).collect()
    };
    let batch = pick(&a, &|l| lb.contains(l) && keep.contains(l));
    let summed = pick(&a, &|l| lb.contains(l) && !keep.contains(l));
    let own_a = pick(&a, &|l| !lb.contains(l));
    let own_b = pick(&b, &|l| !la.contains(l));
    let labels: Vec<Label> = [&batch[..], &own_a, &own_b].concat();
    let order = |t: &Term, groups: &[&[Label]]| permuted(t, &groups.concat());
    let array = if summed.is_empty() {
        // Nothing to sum: a as (batch, own_a, 1...) times b as (batch, 1..., own_b).
        let mut x = order(&a, &[&batch, &own_a])?;
        for _ in &own_b {
            x = x.insert_axis(x.ndim());
        }
        let mut y = order(&b, &[&batch, &own_b])?;
        for _ in &own_a {
            y = y.insert_axis(batch.len());
        }
        binary(BinaryOp::Multiply, &x, &y, None)?
    } else {
        matrix_product(&a, &b, &batch, &summed, &own_a, &own_b)?
    };
    Ok(Term { array, labels })
}

/// The pair as one batched matmul: a as (batch, own_a, summed) reshaped to (batch..., M, K),
/// b as (batch, summed, own_b) to (batch..., K, N); the product reshaped back.
fn matrix_product(
    a: &Term,
    b: &Term,
    batch: &[Label],
    summed: &[Label],
    own_a: &[Label],
    own_b: &[Label],
) -> Result<Array> {
    let dims = |t: &Term, labels: &[Label]| -> Vec<usize> {
        labels
            .iter()
            .map(|l| {
                let p = t.labels.iter().position(|m| m == l).unwrap_or(0);
                t.array.shape()[p]
            })
            .collect()
    };
    // A summed label of length 1 in one operand broadcasts against the other's.
    let k_dims: Vec<usize> = dims(a, summed)
        .iter()
        .zip(dims(b, summed))
        .map(|(&x, y)| x.max(y))
        .collect();
    let product = |d: &[usize]| d.iter().product::<usize>() as isize;
    let (m, k, n) = (
        product(&dims(a, own_a)),
        product(&k_dims),
        product(&dims(b, own_b)),
    );
    // t's axes as (batch, first, second), the summed ones (at `at`) broadcast to `k_dims`.
    let as_matrices = |t: &Term, first: &[Label], second: &[Label], at: usize, rows, cols| {
        let x = permuted(t, &[batch, first, second].concat())?;
        let mut full: Vec<usize> = x.shape().to_vec();
        full[at..at + summed.len()].copy_from_slice(&k_dims);
        let x = x.broadcast_to(&full)?;
        let shape: Vec<isize> = x.shape()[..batch.len()]
            .iter()
            .map(|&d| d as isize)
            .chain([rows, cols])
            .collect();
        x.reshape(&shape)
    };
    let x = as_matrices(a, own_a, summed, batch.len() + own_a.len(), m, k)?;
    let y = as_matrices(b, summed, own_b, batch.len(), k, n)?;
    let r = matmul(&x, &y, None)?;
    let shape: Vec<isize> = r.shape()[..batch.len()]
        .iter()
        .copied()
        .chain(dims(a, own_a))
        .chain(dims(b, own_b))
        .map(|d| d as isize)
        .collect();
    r.reshape(&shape)
}

/// NumPy's rules for einsum's `out`: exactly the output's shape, the dtype reachable under
/// `casting`, writeable.
fn check_out(out: &Array, shape: &[usize], dtype: DType, casting: Casting) -> Result<()> {
    if out.ndim() != shape.len() {
        return Err(Error::Value(format!(
            "out parameter does not have the correct number of dimensions, has {} but should have {}",
            out.ndim(),
            shape.len()
        )));
    }
    if out.shape() != shape {
        return Err(Error::Value(format!(
            "out parameter has shape {} but the einsum result has shape {}",
            format_shape(out.shape()),
            format_shape(shape)
        )));
    }
    if !can_cast(dtype, out.dtype(), casting) {
        return Err(Error::Type(format!(
            "einsum: the result cannot be cast from dtype('{}') to the out parameter's dtype('{}') according to the rule '{}'",
            dtype.name(),
            out.dtype().name(),
            casting_name(casting)
        )));
    }
    out.check_writeable()
}

/// NumPy's `einsum_path` report: the whole contraction, its naive and optimized costs, then
/// each step with the operands it leaves.
/// The letter each label is shown as: broadcast labels get letters the subscripts do not use.
/// (NumPy picks those from a set, in an order that changes from process to process.)
fn label_names(call: &Call) -> Vec<char> {
    let used = call
        .subs
        .inputs
        .iter()
        .fold(LabelSet::default(), |s, t| s.union(LabelSet::of(t)));
    let mut spare = (0..LETTERS).filter(|&l| !used.contains(l)).map(letter);
    (0..128)
        .map(|l| {
            if l < LETTERS {
                letter(l)
            } else {
                spare.next().unwrap_or('?')
            }
        })
        .collect()
}

/// The steps as NumPy describes them: an intermediate result's subscripts are its labels by
/// size, then by letter (`A` before `a`); the last step's are the output's.
fn contractions(call: &Call, problem: &Problem, steps: &[Vec<usize>]) -> Vec<Contraction> {
    let names = label_names(call);
    let term = |labels: &[Label]| -> String { labels.iter().map(|&l| names[l]).collect() };
    let mut sets = problem.terms.clone();
    let mut current: Vec<String> = call.subs.inputs.iter().map(|t| term(t)).collect();
    let mut out = Vec::with_capacity(steps.len());
    for (n, step) in steps.iter().enumerate() {
        let result = problem.result_of(&sets, step);
        let mut positions = step.clone();
        positions.sort_unstable_by(|a, b| b.cmp(a));
        let mut inputs = Vec::with_capacity(positions.len());
        for &p in &positions {
            sets.remove(p);
            inputs.push(current.remove(p));
        }
        sets.push(result);
        let name = if n + 1 == steps.len() {
            term(&call.subs.output)
        } else {
            let mut labels: Vec<Label> = result.iter().collect();
            labels.sort_by_key(|&l| (call.sizes[l], names[l]));
            term(&labels)
        };
        current.push(name.clone());
        out.push(Contraction {
            positions,
            subscripts: format!("{}->{name}", inputs.join(",")),
            remaining: current.clone(),
        });
    }
    out
}

/// NumPy's printed report of a path.
fn report(
    call: &Call,
    problem: &Problem,
    steps: &[Vec<usize>],
    contractions: &[Contraction],
) -> String {
    let names = label_names(call);
    let term = |labels: &[Label]| -> String { labels.iter().map(|&l| names[l]).collect() };
    let terms: Vec<String> = call.subs.inputs.iter().map(|t| term(t)).collect();
    let output = term(&call.subs.output);
    let mut current = problem.terms.clone();
    let mut rows = String::new();
    let (mut flops, mut largest, mut scaling) = (0.0f64, 0.0f64, 0usize);
    for (step, contraction) in steps.iter().zip(contractions) {
        let result = problem.result_of(&current, step);
        let labels = step
            .iter()
            .fold(LabelSet::default(), |s, &p| s.union(current[p]));
        flops += problem.flops(labels, result, step.len());
        largest = largest.max(problem.size(result));
        let width = labels.iter().count();
        scaling = scaling.max(width);
        for &p in &contraction.positions {
            current.remove(p);
        }
        current.push(result);
        let remaining = format!("{}->{output}", contraction.remaining.join(","));
        rows.push_str(&format!(
            "\n{width:>4}    {:>24} {remaining:>40}",
            contraction.subscripts
        ));
    }
    // NumPy counts one more than the steps' sum.
    flops += 1.0;
    let all = problem
        .terms
        .iter()
        .fold(LabelSet::default(), |s, &t| s.union(t));
    // The report's naive count is not the greedy search's: NumPy counts the extra operation
    // of an inner product when operands share a label, summed over or not.
    let shared = problem
        .terms
        .iter()
        .map(|t| t.iter().count())
        .sum::<usize>()
        > all.iter().count();
    let naive = problem.size(all)
        * (problem.terms.len().saturating_sub(1).max(1) + usize::from(shared)) as f64;
    let rule = "-".repeat(74);
    format!(
        "  Complete contraction:  {}->{output}\n         Naive scaling:  {}\n     Optimized scaling:  {scaling}\n      Naive FLOP count:  {}\n  Optimized FLOP count:  {}\n   Theoretical speedup:  {:.3}\n  Largest intermediate:  {} elements\n{rule}\n{:>6} {:>24} {:>40}\n{rule}{rows}",
        terms.join(","),
        all.iter().count(),
        scientific(naive),
        scientific(flops),
        if flops > 0.0 { naive / flops } else { 1.0 },
        scientific(largest),
        "scaling",
        "current",
        "remaining",
    )
}

/// `x` as Python's `'%.3e'` writes it (`1.261e+03`).
fn scientific(x: f64) -> String {
    let s = format!("{x:.3e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = e.strip_prefix('-').map_or(("+", e), |d| ("-", d));
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn arange(shape: &[usize]) -> Array {
        let n: usize = shape.iter().product();
        Array::from_vec((0..n).map(|v| v as f64).collect::<Vec<f64>>(), shape).unwrap()
    }

    fn values(x: &Array) -> Vec<f64> {
        x.to_scalars()
            .unwrap()
            .iter()
            .map(|s| match s {
                crate::dtype::Scalar::Float(v) => *v,
                other => panic!("{other:?}"),
            })
            .collect()
    }

    fn run(subscripts: &str, operands: &[Array], optimize: Optimize) -> Array {
        let options = Options {
            out: None,
            dtype: None,
            casting: Casting::Safe,
            optimize,
        };
        einsum(subscripts, operands, &options).unwrap()
    }

    #[test]
    fn traces_diagonals_and_products() {
        let a = arange(&[3, 3]);
        assert_eq!(values(&run("ii", &[a.clone()], Optimize::Off)), vec![12.0]);
        assert_eq!(
            values(&run("ii->i", &[a.clone()], Optimize::Off)),
            vec![0.0, 4.0, 8.0]
        );
        assert_eq!(
            values(&run("ij->j", &[a.clone()], Optimize::Off)),
            vec![9.0, 12.0, 15.0]
        );
        let b = arange(&[3, 2]);
        let ab = run("ij,jk", &[a.clone(), b.clone()], Optimize::Off);
        assert_eq!(ab.shape(), &[3, 2]);
        assert_eq!(values(&ab), vec![10.0, 13.0, 28.0, 40.0, 46.0, 67.0]);
        let abt = run("ij,jk->ki", &[a, b], Optimize::Greedy(None));
        assert_eq!(
            values(&abt.copy().unwrap()),
            vec![10.0, 28.0, 46.0, 13.0, 40.0, 67.0]
        );
    }

    #[test]
    fn paths_agree() {
        let (a, b, c) = (arange(&[2, 3]), arange(&[3, 4]), arange(&[4, 2]));
        let ops = [a, b, c];
        let want = values(&run("ij,jk,kl->il", &ops, Optimize::Off));
        for o in [
            Optimize::Greedy(None),
            Optimize::Optimal(None),
            Optimize::Path(vec![vec![1, 2], vec![0, 1]]),
        ] {
            assert_eq!(values(&run("ij,jk,kl->il", &ops, o)), want);
        }
        let (steps, report, contractions) =
            einsum_path("ij,jk,kl->il", &ops, &Optimize::Greedy(None)).unwrap();
        assert_eq!(steps.len(), 2);
        assert!(report.contains("ij,jk,kl->il") && report.contains("Naive FLOP count"));
        assert_eq!(contractions.len(), 2);
        // The intermediate's labels by size (l = 2, j = 4); operands popped right to left.
        assert_eq!(contractions[1].subscripts, "lj,ij->il");
        assert_eq!(contractions[1].remaining, ["il"]);
    }

    #[test]
    fn size_mismatches_name_the_label() {
        let options = Options {
            out: None,
            dtype: None,
            casting: Casting::Safe,
            optimize: Optimize::Off,
        };
        match einsum("ij,jk", &[arange(&[2, 2]), arange(&[3, 4])], &options) {
            Err(Error::Value(m)) => assert!(m.contains("label 'j' is 2"), "{m}"),
            _ => panic!("no error"),
        }
        match einsum("ii", &[arange(&[2, 3])], &options) {
            Err(Error::Value(m)) => assert!(m.contains("(2 != 3)"), "{m}"),
            _ => panic!("no error"),
        }
    }

    #[test]
    fn scientific_is_pythons() {
        assert_eq!(scientific(1261.0), "1.261e+03");
        assert_eq!(scientific(0.0), "0.000e+00");
    }
}
