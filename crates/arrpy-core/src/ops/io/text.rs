//! The number parser behind `loadtxt` and `fromfile(sep=...)`: text in rows of
//! delimited fields, each parsed as a float or an integer, into one 2-d array.

use crate::array::Array;
use crate::error::{Error, Result};
use crate::kernels::{current_tier, parallel, Tier};

/// How each field is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberKind {
    Float,
    Int,
    UInt,
}

#[derive(Debug, Clone)]
pub struct TableOptions {
    /// None: fields are separated by runs of whitespace.
    pub delimiter: Option<String>,
    /// A line is cut at the first of these markers.
    pub comments: Vec<String>,
    /// Lines (of any kind) skipped first.
    pub skiprows: usize,
    /// Columns kept, in this order; negative counts from the end.
    pub usecols: Option<Vec<isize>>,
    /// At most this many data rows are read.
    pub max_rows: Option<usize>,
    pub kind: NumberKind,
    /// Named in messages ("could not convert string 'x' to float64").
    pub dtype_name: String,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            delimiter: None,
            comments: vec!["#".into()],
            skiprows: 0,
            usecols: None,
            max_rows: None,
            kind: NumberKind::Float,
            dtype_name: "float64".into(),
        }
    }
}

/// The parsed numbers, row-major, and the table's shape.
#[derive(Debug)]
pub struct Table {
    pub rows: usize,
    pub cols: usize,
    pub array: Array,
}

enum Values {
    Float(Vec<f64>),
    Int(Vec<i64>),
    UInt(Vec<u64>),
}

impl Values {
    fn push(&mut self, field: &str) -> bool {
        let field = field.trim();
        match self {
            Values::Float(v) => match field.parse::<f64>() {
                Ok(x) => v.push(x),
                Err(_) => return false,
            },
            Values::Int(v) => match field.parse::<i64>() {
                Ok(x) => v.push(x),
                Err(_) => return false,
            },
            Values::UInt(v) => match field.parse::<u64>() {
                Ok(x) => v.push(x),
                Err(_) => return false,
            },
        }
        true
    }

    /// Appends `other`'s values; None if it holds another kind (pieces of one table do not).
    fn append(&mut self, other: Values) -> Option<()> {
        match (self, other) {
            (Values::Float(a), Values::Float(b)) => a.extend(b),
            (Values::Int(a), Values::Int(b)) => a.extend(b),
            (Values::UInt(a), Values::UInt(b)) => a.extend(b),
            _ => return None,
        }
        Some(())
    }

    fn into_array(self, shape: &[usize]) -> Result<Array> {
        match self {
            Values::Float(v) => Array::from_vec(v, shape),
            Values::Int(v) => Array::from_vec(v, shape),
            Values::UInt(v) => Array::from_vec(v, shape),
        }
    }
}

/// The line without its comment.
fn strip_comment<'t>(line: &'t str, comments: &[String]) -> &'t str {
    let cut = comments
        .iter()
        .filter(|c| !c.is_empty())
        .filter_map(|c| line.find(c.as_str()))
        .min();
    match cut {
        Some(i) => &line[..i],
        None => line,
    }
}

/// `field` as NumPy's message shows it: Python's `repr` of the str, cut at 100 characters.
fn py_repr(field: &str) -> String {
    let quote = if field.contains('\'') && !field.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(field.len() + 2);
    out.push(quote);
    for c in field.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out.chars().take(100).collect()
}

/// Below this many bytes the text is parsed on the calling thread alone.
const PARALLEL_MIN_BYTES: usize = 1 << 20;

/// Parses `text` into a (rows, cols) table of numbers. At the parallel tier a large text
/// (without `max_rows`) is cut at line breaks into pieces parsed on threads; any error there
/// (a bad field, a column count that changes) is found again by the one-thread parse, so the
/// message and the result are the same at every tier.
pub fn parse_table(text: &str, opts: &TableOptions) -> Result<Table> {
    let body = skip_lines(text, opts.skiprows);
    let threaded = opts.max_rows.is_none()
        && body.len() >= PARALLEL_MIN_BYTES
        && current_tier() == Tier::Parallel
        && parallel::num_threads() > 1;
    let parsed = if threaded {
        parse_pieces(body, opts)
    } else {
        None
    };
    let (values, rows, cols) = match parsed {
        Some(p) => p,
        None => parse_rows(body, opts)?,
    };
    let cols = cols.unwrap_or(0);
    let array = values.into_array(&[rows, cols])?;
    Ok(Table { rows, cols, array })
}

/// The text after its first `n` lines.
fn skip_lines(text: &str, n: usize) -> &str {
    let mut rest = text;
    for _ in 0..n {
        match rest.find('\n') {
            Some(i) => rest = &rest[i + 1..],
            None => return "",
        }
    }
    rest
}

/// The table parsed in pieces on threads, or None when a piece fails or the pieces disagree
/// on the column count (the caller's one-thread parse then reports it).
fn parse_pieces(body: &str, opts: &TableOptions) -> Option<(Values, usize, Option<usize>)> {
    let pieces = parallel::num_threads() * 4;
    let mut bounds = vec![0];
    for k in 1..pieces {
        let at = (body.len() / pieces * k).max(*bounds.last()?);
        // Just past a line break: always a char boundary.
        let cut = body.as_bytes()[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |i| at + i + 1);
        bounds.push(cut);
    }
    bounds.push(body.len());
    type Parsed = Option<Result<(Values, usize, Option<usize>)>>;
    let results: Vec<std::sync::Mutex<Parsed>> =
        (0..pieces).map(|_| std::sync::Mutex::new(None)).collect();
    parallel::share(pieces, |k| {
        let parsed = parse_rows(&body[bounds[k]..bounds[k + 1]], opts);
        if let Ok(mut slot) = results[k].lock() {
            *slot = Some(parsed);
        }
    });
    let mut all: Option<Values> = None;
    let (mut rows, mut cols) = (0, None);
    for slot in results {
        let (values, n, c) = slot.into_inner().ok()??.ok()?;
        if c.is_some() && cols.is_some() && c != cols {
            return None;
        }
        cols = cols.or(c);
        rows += n;
        match &mut all {
            None => all = Some(values),
            Some(acc) => acc.append(values)?,
        }
    }
    Some((all?, rows, cols))
}

/// Parses rows (no lines skipped) into values, the row count and the column count.
fn parse_rows(text: &str, opts: &TableOptions) -> Result<(Values, usize, Option<usize>)> {
    let mut values = match opts.kind {
        NumberKind::Float => Values::Float(Vec::new()),
        NumberKind::Int => Values::Int(Vec::new()),
        NumberKind::UInt => Values::UInt(Vec::new()),
    };
    let delimiter = opts.delimiter.as_deref().filter(|d| !d.is_empty());
    // Markers the text never holds cost nothing per line (one scan here instead).
    let comments: Vec<String> = opts
        .comments
        .iter()
        .filter(|c| match c.as_bytes() {
            [] => false,
            [byte] => text.as_bytes().contains(byte),
            _ => text.contains(c.as_str()),
        })
        .cloned()
        .collect();
    let mut cols: Option<usize> = None;
    let mut rows = 0usize;
    let mut fields: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if opts.max_rows.is_some_and(|m| rows >= m) {
            break;
        }
        let line = strip_comment(line.strip_suffix('\r').unwrap_or(line), &comments);
        // As NumPy: with a delimiter, whitespace is data (a row of one blank field).
        let blank = match delimiter {
            None => line.trim().is_empty(),
            Some(_) => line.is_empty(),
        };
        if blank {
            continue;
        }
        fields.clear();
        match delimiter {
            None => fields.extend(line.split_whitespace()),
            Some(d) => fields.extend(line.split(d)),
        }
        let picked = match &opts.usecols {
            None => fields.len(),
            Some(u) => u.len(),
        };
        match cols {
            None => cols = Some(picked),
            Some(c) if c != picked => {
                return Err(Error::Value(format!(
                    "the number of columns changed from {c} to {picked} at row {}; use \
                     `usecols` to select a subset and avoid this error",
                    rows + 1
                )))
            }
            Some(_) => {}
        }
        for k in 0..picked {
            let j = match &opts.usecols {
                None => k,
                Some(u) => {
                    let n = fields.len() as isize;
                    let j = if u[k] < 0 { u[k] + n } else { u[k] };
                    if j < 0 || j >= n {
                        return Err(Error::Value(format!(
                            "invalid column index {} at row {} with {n} columns",
                            u[k],
                            rows + 1
                        )));
                    }
                    j as usize
                }
            };
            let field = fields[j];
            if !values.push(field) {
                return Err(Error::Value(format!(
                    "could not convert string {} to {} at row {rows}, column {}.",
                    py_repr(field),
                    opts.dtype_name,
                    j + 1
                )));
            }
        }
        rows += 1;
    }
    Ok((values, rows, cols))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Scalar;

    fn floats(t: &Table) -> Vec<f64> {
        t.array
            .to_scalars()
            .unwrap()
            .into_iter()
            .map(|s| match s {
                Scalar::Float(f) => f,
                _ => panic!(),
            })
            .collect()
    }

    #[test]
    fn rows_comments_usecols() {
        let text = "# head\nskip me\n1 2 3\n\n4 5 6 # tail\r\n7 8 9\n";
        let opts = TableOptions {
            skiprows: 2,
            usecols: Some(vec![-1, 0]),
            max_rows: Some(2),
            ..Default::default()
        };
        let t = parse_table(text, &opts).unwrap();
        assert_eq!((t.rows, t.cols), (2, 2));
        assert_eq!(floats(&t), vec![3.0, 1.0, 6.0, 4.0]);
    }

    #[test]
    fn delimiters() {
        let opts = TableOptions {
            delimiter: Some(",".into()),
            ..Default::default()
        };
        let t = parse_table("1, 2\n-inf,2e3", &opts).unwrap();
        assert_eq!(floats(&t), vec![1.0, 2.0, f64::NEG_INFINITY, 2000.0]);
        assert!(parse_table("1, ,3", &opts).is_err());
    }

    #[test]
    fn threaded_pieces_equal_one_thread() {
        let mut text = String::from("skipped line\n");
        for i in 0..60_000 {
            text.push_str(&format!("{i}.25 {} -{i}e-3 # c\n\n", i * 7));
        }
        let opts = TableOptions {
            skiprows: 1,
            ..Default::default()
        };
        let one = parse_rows(skip_lines(&text, 1), &opts).unwrap();
        let body = skip_lines(&text, 1);
        assert!(body.len() >= PARALLEL_MIN_BYTES);
        let (values, rows, cols) = parse_pieces(body, &opts).unwrap();
        assert_eq!((rows, cols), (one.1, one.2));
        assert_eq!((rows, cols), (60_000, Some(3)));
        let (Values::Float(a), Values::Float(b)) = (values, one.0) else {
            panic!()
        };
        assert_eq!(a, b);
        // A row with another column count, in any piece: no threaded result.
        text.push_str("1 2\n");
        assert!(parse_pieces(skip_lines(&text, 1), &opts).is_none());
    }

    #[test]
    fn errors_name_the_field() {
        let e = parse_table("1 2\n3", &TableOptions::default()).unwrap_err();
        assert!(e.to_string().contains("from 2 to 1"), "{e}");
        let ints = TableOptions {
            kind: NumberKind::Int,
            dtype_name: "int64".into(),
            ..Default::default()
        };
        let e = parse_table("1 2.5", &ints).unwrap_err();
        assert!(e.to_string().contains("'2.5' to int64"), "{e}");
        let e = parse_table(
            "1,'x' ",
            &TableOptions {
                delimiter: Some(",".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e.to_string().contains(r#"string "'x' " to"#), "{e}");
        let e = parse_table(
            "1 2",
            &TableOptions {
                usecols: Some(vec![5]),
                ..Default::default()
            },
        );
        assert!(e.is_err());
        assert_eq!(parse_table("", &TableOptions::default()).unwrap().rows, 0);
    }
}
