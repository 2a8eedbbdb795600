//! einsum's subscripts (`"ij,jk->ik"`, `"...ii->...i"`), read against the operands' numbers of
//! dimensions into one label per axis, with NumPy's errors.

use crate::error::{Error, Result};
use crate::layout::MAX_DIMS;

/// A label: `0..52` for the letters in character-code order (`'A'..='Z'`, then `'a'..='z'`),
/// so sorting labels sorts their letters as NumPy does; `52 + i` for the i-th broadcast
/// (ellipsis) dimension, counted from the left of the broadcast dimensions of all operands.
pub type Label = usize;

/// The most operands einsum takes (NumPy's `NPY_MAXARGS`); it bounds the path searches.
pub const MAX_OPERANDS: usize = 64;

/// How many labels the letters take.
pub const LETTERS: usize = 52;

/// Every label fits a `LabelSet` (52 letters and at most `MAX_DIMS` broadcast dimensions).
const _: () = assert!(LETTERS + MAX_DIMS <= 128);

/// A set of labels as a bit mask.
#[derive(Copy, Clone, Debug, Default, PartialEq, Eq)]
pub struct LabelSet(pub u128);

impl LabelSet {
    pub fn of(labels: &[Label]) -> LabelSet {
        LabelSet(labels.iter().fold(0, |m, &l| m | 1 << l))
    }
    pub fn contains(self, l: Label) -> bool {
        self.0 >> l & 1 == 1
    }
    pub fn union(self, other: LabelSet) -> LabelSet {
        LabelSet(self.0 | other.0)
    }
    pub fn intersection(self, other: LabelSet) -> LabelSet {
        LabelSet(self.0 & other.0)
    }
    pub fn minus(self, other: LabelSet) -> LabelSet {
        LabelSet(self.0 & !other.0)
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The labels in increasing order.
    pub fn iter(self) -> impl Iterator<Item = Label> {
        (0..128).filter(move |&l| self.contains(l))
    }
}

/// The parsed subscripts: each operand's label per axis (repeats allowed) and the output's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Subscripts {
    pub inputs: Vec<Vec<Label>>,
    pub output: Vec<Label>,
}

/// The letter of a letter label.
pub fn letter(l: Label) -> char {
    match l {
        0..=25 => (b'A' + l as u8) as char,
        26..=51 => (b'a' + (l - 26) as u8) as char,
        _ => '.',
    }
}

fn letter_label(c: char) -> Option<Label> {
    match c {
        'A'..='Z' => Some(c as usize - 'A' as usize),
        'a'..='z' => Some(c as usize - 'a' as usize + 26),
        _ => None,
    }
}

/// One term's letters and whether (and where among them) it has an ellipsis.
struct Term {
    letters: Vec<Label>,
    ellipsis: Option<usize>,
}

/// Reads one term (`what` names it in errors: "operand 0", "the output").
fn term(text: &str, what: &str) -> Result<Term> {
    let mut letters = Vec::new();
    let mut ellipsis = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ' ' => {}
            '.' => {
                if !(chars.next() == Some('.') && chars.next() == Some('.')) {
                    return Err(Error::Value(format!(
                        "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in {what}"
                    )));
                }
                if ellipsis.replace(letters.len()).is_some() {
                    return Err(Error::Value(format!(
                        "einstein sum subscripts string contains more than one ellipsis ('...') in {what}"
                    )));
                }
            }
            _ => letters.push(letter_label(c).ok_or_else(|| {
                Error::Value(format!(
                    "invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"
                ))
            })?),
        }
    }
    Ok(Term { letters, ellipsis })
}

/// Parses `subscripts` for operands with `ndims` dimensions. Without `->` the output is the
/// broadcast dimensions, then the letters that appear once, in character-code order.
pub fn parse(subscripts: &str, ndims: &[usize]) -> Result<Subscripts> {
    if ndims.is_empty() {
        return Err(Error::Value("No input operands".into()));
    }
    if ndims.len() > MAX_OPERANDS {
        return Err(Error::Value(format!(
            "too many operands: einsum takes at most {MAX_OPERANDS}, got {}",
            ndims.len()
        )));
    }
    let (inputs, output) = match subscripts.split_once("->") {
        Some((i, o)) => (i, Some(o)),
        None => (subscripts, None),
    };
    let terms: Vec<&str> = inputs.split(',').collect();
    if terms.len() < ndims.len() {
        return Err(Error::Value(
            "more operands provided to einstein sum function than specified in the subscripts string".into(),
        ));
    }
    if terms.len() > ndims.len() {
        return Err(Error::Value(format!(
            "fewer operands provided to einstein sum function than specified in the subscripts string '{subscripts}'"
        )));
    }
    let terms = terms
        .iter()
        .enumerate()
        .map(|(i, t)| term(t, &format!("operand {i}")))
        .collect::<Result<Vec<_>>>()?;
    // Each operand's number of broadcast dimensions.
    let mut broadcast = Vec::with_capacity(terms.len());
    for (i, (t, &nd)) in terms.iter().zip(ndims).enumerate() {
        if t.letters.len() > nd {
            return Err(Error::Value(format!(
                "einstein sum subscripts string contains too many subscripts for operand {i} ('{}' for an array of {nd} dimensions)",
                subscript_term(subscripts, i)
            )));
        }
        if t.ellipsis.is_none() && t.letters.len() < nd {
            return Err(Error::Value(format!(
                "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions (operand {i}: '{}' for {nd} dimensions)",
                subscript_term(subscripts, i)
            )));
        }
        broadcast.push(nd - t.letters.len());
    }
    let nb = broadcast.iter().copied().max().unwrap_or(0);
    // The broadcast dimensions are aligned at the right, as in broadcasting.
    let inputs: Vec<Vec<Label>> = terms
        .iter()
        .zip(&broadcast)
        .map(|(t, &b)| {
            let at = t.ellipsis.unwrap_or(0);
            let dims = (nb - b..nb).map(|d| LETTERS + d);
            t.letters[..at]
                .iter()
                .copied()
                .chain(dims)
                .chain(t.letters[at..].iter().copied())
                .collect()
        })
        .collect();
    let output = match output {
        Some(text) => explicit_output(text, &inputs, nb)?,
        None => implicit_output(&inputs, nb),
    };
    Ok(Subscripts { inputs, output })
}

/// The text of operand `i`'s term, for messages.
fn subscript_term(subscripts: &str, i: usize) -> &str {
    let inputs = subscripts.split("->").next().unwrap_or("");
    inputs.split(',').nth(i).unwrap_or("")
}

fn explicit_output(text: &str, inputs: &[Vec<Label>], nb: usize) -> Result<Vec<Label>> {
    let t = term(text, "the output")?;
    let seen = LabelSet::of(&inputs.concat());
    for (i, &l) in t.letters.iter().enumerate() {
        if !seen.contains(l) {
            return Err(Error::Value(format!(
                "einstein sum subscripts string included output subscript '{}' which never appeared in an input",
                letter(l)
            )));
        }
        if t.letters[..i].contains(&l) {
            return Err(Error::Value(format!(
                "einstein sum subscripts string includes output subscript '{}' multiple times",
                letter(l)
            )));
        }
    }
    let Some(at) = t.ellipsis else {
        if nb > 0 {
            return Err(Error::Value(
                "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.".into(),
            ));
        }
        return Ok(t.letters);
    };
    Ok(t.letters[..at]
        .iter()
        .copied()
        .chain((0..nb).map(|d| LETTERS + d))
        .chain(t.letters[at..].iter().copied())
        .collect())
}

fn implicit_output(inputs: &[Vec<Label>], nb: usize) -> Vec<Label> {
    let mut counts = [0usize; LETTERS];
    for &l in inputs.iter().flatten() {
        if l < LETTERS {
            counts[l] += 1;
        }
    }
    (0..nb)
        .map(|d| LETTERS + d)
        .chain((0..LETTERS).filter(|&l| counts[l] == 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<Label> {
        s.chars().map(|c| letter_label(c).unwrap()).collect()
    }

    #[test]
    fn explicit_and_implicit_outputs() {
        let s = parse("ij,jk->ki", &[2, 2]).unwrap();
        assert_eq!(s.inputs, vec![labels("ij"), labels("jk")]);
        assert_eq!(s.output, labels("ki"));
        // Implicit: the letters seen once, uppercase first (character-code order).
        assert_eq!(parse("Ba,aC", &[2, 2]).unwrap().output, labels("BC"));
        assert_eq!(parse("ii", &[2]).unwrap().output, vec![]);
        assert_eq!(parse("ii->i", &[2]).unwrap().output, labels("i"));
        assert_eq!(parse(",", &[0, 0]).unwrap().output, vec![]);
    }

    #[test]
    fn ellipses_align_at_the_right() {
        let s = parse("...ij,j...->...i", &[4, 2]).unwrap();
        let (b0, b1) = (LETTERS, LETTERS + 1);
        assert_eq!(s.inputs[0], vec![b0, b1, 8 + 26, 9 + 26]);
        assert_eq!(s.inputs[1], vec![9 + 26, b1]);
        assert_eq!(s.output, vec![b0, b1, 8 + 26]);
        // Implicit output: the broadcast dimensions first.
        assert_eq!(
            parse("i...", &[3]).unwrap().output,
            vec![LETTERS, LETTERS + 1, 8 + 26]
        );
    }

    #[test]
    fn bad_subscripts_are_value_errors() {
        let bad = |s: &str, nd: &[usize], says: &str| match parse(s, nd) {
            Err(Error::Value(m)) => assert!(m.contains(says), "{s}: {m}"),
            other => panic!("{s}: {other:?}"),
        };
        bad("ij,jk", &[2], "fewer operands");
        bad("ij", &[2, 2], "more operands");
        bad("i$", &[2], "invalid subscript '$'");
        bad("ijk", &[2], "too many subscripts for operand 0");
        bad("i", &[2], "no '...' ellipsis");
        bad("i..", &[2], "not part of an ellipsis");
        bad("......", &[2], "more than one ellipsis");
        bad("ij->ix", &[2], "'x' which never appeared");
        bad("ij->ii", &[2], "'i' multiple times");
        bad("i...->", &[2], "output has more dimensions");
        bad("", &[], "No input operands");
    }
}
