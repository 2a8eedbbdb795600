//! The `.npy` header dictionary, parsed as the literal NumPy writes and nothing more: a dict
//! of quoted string keys whose values are strings, `True`/`False` or tuples of non-negative
//! integers. No evaluation, no nesting beyond one tuple, so no recursion on input.

use crate::error::{Error, Result};

/// One value of the header dictionary.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Str(String),
    Bool(bool),
    /// A tuple of integers (the shape). Each fits u64; sizes are checked by the caller.
    Tuple(Vec<u64>),
}

fn bad(msg: impl Into<String>) -> Error {
    Error::Value(format!("malformed .npy header: {}", msg.into()))
}

struct Cursor<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn skip_space(&mut self) {
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.s.get(self.pos).copied()
    }
    fn expect(&mut self, c: u8) -> Result<()> {
        match self.peek() {
            Some(got) if got == c => {
                self.pos += 1;
                Ok(())
            }
            Some(got) => Err(bad(format!(
                "expected '{}' at byte {}, found '{}'",
                c as char, self.pos, got as char
            ))),
            None => Err(bad(format!("expected '{}', found the end", c as char))),
        }
    }
    /// A quoted string without escapes (NumPy's keys and descr strings have none).
    fn string(&mut self) -> Result<String> {
        let quote = match self.peek() {
            Some(q @ (b'\'' | b'"')) => q,
            _ => {
                return Err(bad(format!(
                    "expected a quoted string at byte {}",
                    self.pos
                )))
            }
        };
        let start = self.pos + 1;
        let len = self.s[start..]
            .iter()
            .position(|&c| c == quote || c == b'\\' || c == b'\n')
            .ok_or_else(|| bad("unterminated string"))?;
        if self.s[start + len] != quote {
            return Err(bad("escapes and line breaks in strings are not accepted"));
        }
        self.pos = start + len + 1;
        Ok(self.text[start..start + len].to_string())
    }
    fn integer(&mut self) -> Result<u64> {
        self.skip_space();
        let start = self.pos;
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_digit() {
            self.pos += 1;
        }
        if start == self.pos {
            return Err(bad(format!(
                "expected a non-negative integer at byte {start}"
            )));
        }
        self.text[start..self.pos].parse::<u64>().map_err(|_| {
            bad(format!(
                "integer {} is too large",
                &self.text[start..self.pos]
            ))
        })
    }
    fn word(&mut self) -> &'a str {
        self.skip_space();
        let start = self.pos;
        while self.pos < self.s.len() && self.s[self.pos].is_ascii_alphabetic() {
            self.pos += 1;
        }
        &self.text[start..self.pos]
    }
    fn tuple(&mut self) -> Result<Vec<u64>> {
        self.expect(b'(')?;
        let mut items = Vec::new();
        let mut comma = false;
        loop {
            if self.peek() == Some(b')') {
                self.pos += 1;
                // `(3)` is an integer in Python, not a tuple.
                if items.len() == 1 && !comma {
                    return Err(bad("the shape is not a tuple"));
                }
                break;
            }
            if !items.is_empty() && !comma {
                return Err(bad(format!("expected ',' or ')' at byte {}", self.pos)));
            }
            items.push(self.integer()?);
            if items.len() > 64 {
                return Err(bad("the shape has more than 64 dimensions"));
            }
            comma = self.peek() == Some(b',');
            if comma {
                self.pos += 1;
            }
        }
        Ok(items)
    }
    fn value(&mut self) -> Result<Literal> {
        match self.peek() {
            Some(b'\'' | b'"') => Ok(Literal::Str(self.string()?)),
            Some(b'(') => Ok(Literal::Tuple(self.tuple()?)),
            Some(c) if c.is_ascii_alphabetic() => match self.word() {
                "True" => Ok(Literal::Bool(true)),
                "False" => Ok(Literal::Bool(false)),
                w => Err(bad(format!("unexpected name {w:?}"))),
            },
            Some(c) => Err(bad(format!(
                "unexpected '{}' at byte {}",
                c as char, self.pos
            ))),
            None => Err(bad("the dictionary is not closed")),
        }
    }
}

/// Parses `{'key': value, ...}` (an optional trailing comma, then only whitespace).
pub fn parse_dict(text: &str) -> Result<Vec<(String, Literal)>> {
    let mut c = Cursor {
        s: text.as_bytes(),
        text,
        pos: 0,
    };
    c.expect(b'{')?;
    let mut items: Vec<(String, Literal)> = Vec::new();
    loop {
        if c.peek() == Some(b'}') {
            c.pos += 1;
            break;
        }
        let key = c.string()?;
        c.expect(b':')?;
        let value = c.value()?;
        if items.iter().any(|(k, _)| *k == key) {
            return Err(bad(format!("the key {key:?} appears twice")));
        }
        items.push((key, value));
        match c.peek() {
            Some(b',') => c.pos += 1,
            Some(b'}') => {}
            _ => return Err(bad(format!("expected ',' or '}}' at byte {}", c.pos))),
        }
    }
    if c.peek().is_some() {
        return Err(bad(format!(
            "unexpected text after the dictionary at byte {}",
            c.pos
        )));
    }
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_header() {
        let d =
            parse_dict("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }   \n").unwrap();
        assert_eq!(d[0], ("descr".into(), Literal::Str("<f8".into())));
        assert_eq!(d[1], ("fortran_order".into(), Literal::Bool(false)));
        assert_eq!(d[2], ("shape".into(), Literal::Tuple(vec![2, 3])));
        let d = parse_dict("{\"shape\": (), \"descr\": \"|b1\", \"fortran_order\": True}").unwrap();
        assert_eq!(d[0].1, Literal::Tuple(vec![]));
        assert_eq!(
            parse_dict("{'shape': (5,)}").unwrap()[0].1,
            Literal::Tuple(vec![5])
        );
    }

    #[test]
    fn rejects_what_is_not_the_literal() {
        for text in [
            "",
            "{",
            "{'a': 1}",
            "{'shape': (3)}",
            "{'shape': (-1,)}",
            "{'shape': (99999999999999999999999,)}",
            "{'descr': __import__('os')}",
            "{'descr': '<f8' 'x'}",
            "{'a': True, 'a': False}",
            "{'a': 'x\\'}",
            "{'a': True} trailing",
            "{'shape': ((1,),)}",
            "['descr']",
        ] {
            let e = parse_dict(text).unwrap_err();
            assert!(matches!(e, Error::Value(_)), "{text:?}");
        }
    }
}
