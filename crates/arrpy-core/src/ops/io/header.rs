//! The `.npy` header: magic, version, and the dictionary of `descr`, `fortran_order` and
//! `shape`, read strictly and written byte for byte as NumPy writes it.

use super::literal::{parse_dict, Literal};
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::layout;

pub const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Bytes before the dictionary's length field: the magic and two version bytes.
const MAGIC_LEN: usize = MAGIC.len() + 2;
/// NumPy aligns the data to 64 bytes.
const ARRAY_ALIGN: usize = 64;
/// NumPy pads the dictionary so the leading axis can grow in place to this many digits.
const GROWTH_AXIS_MAX_DIGITS: usize = 21;
/// NumPy's default `max_header_size`: a longer header is refused before parsing.
pub const MAX_HEADER_LEN: usize = 10_000;
/// Bytes `header_len` needs to see: the prefix of a version 2.0/3.0 file.
pub const PREFIX_LEN: usize = MAGIC_LEN + 4;

const NATIVE: char = if cfg!(target_endian = "little") {
    '<'
} else {
    '>'
};

/// What a `.npy` header says.
#[derive(Debug, Clone, PartialEq)]
pub struct NpyHeader {
    pub version: (u8, u8),
    pub dtype: DType,
    /// The data is stored in the other byte order than this machine's.
    pub swapped: bool,
    pub fortran_order: bool,
    pub shape: Vec<usize>,
    /// Bytes from the start of the file to the data.
    pub data_offset: usize,
}

impl NpyHeader {
    /// The data's size in bytes, or a ValueError when the shape's byte size overflows.
    pub fn data_len(&self) -> Result<usize> {
        layout::checked_nbytes(&self.shape, self.dtype.itemsize()).map_err(|_| {
            Error::Value(format!(
                "the .npy header's shape {} of {} is too large",
                layout::format_shape(&self.shape),
                self.dtype.name()
            ))
        })
    }

    /// The data's size, checked against the bytes the file holds after the header.
    pub fn check_available(&self, available: u64) -> Result<usize> {
        let need = self.data_len()?;
        if need as u64 > available {
            return Err(Error::Value(format!(
                "the .npy header's shape {} of {} needs {need} bytes of data, but the file \
                 holds only {available} after the header (truncated or lying header)",
                layout::format_shape(&self.shape),
                self.dtype.name()
            )));
        }
        Ok(need)
    }
}

/// The `descr` string NumPy writes for `dtype` in this machine's byte order.
pub fn descr_of(dtype: DType) -> String {
    let order = if dtype.itemsize() == 1 { '|' } else { NATIVE };
    format!("{order}{}{}", dtype.kind_char(), dtype.itemsize())
}

/// The dtype a `descr` string names and whether its byte order is the other one.
pub fn parse_descr(descr: &str) -> Result<(DType, bool)> {
    let (order, code) = match descr.chars().next() {
        Some(c @ ('<' | '>' | '|' | '=')) => (c, &descr[1..]),
        _ => ('=', descr),
    };
    let dtype = match code {
        "b1" | "?" => DType::Bool,
        "i1" => DType::Int8,
        "i2" => DType::Int16,
        "i4" => DType::Int32,
        "i8" => DType::Int64,
        "u1" => DType::UInt8,
        "u2" => DType::UInt16,
        "u4" => DType::UInt32,
        "u8" => DType::UInt64,
        "f4" => DType::Float32,
        "f8" => DType::Float64,
        "c8" => DType::Complex64,
        "c16" => DType::Complex128,
        "O" | "O8" | "O4" => {
            return Err(Error::Value(format!(
                "the .npy file holds an object array (descr {descr:?}); arrpy has no object \
                 dtype and never unpickles, whatever allow_pickle says"
            )))
        }
        _ => {
            return Err(Error::Value(format!(
                "the .npy header's descr {descr:?} is not a dtype arrpy has (bool, int8-64, \
                 uint8-64, float32/64, complex64/128)"
            )))
        }
    };
    let swapped = match order {
        '=' | '|' => false,
        c => c != NATIVE && dtype.itemsize() > 1,
    };
    Ok((dtype, swapped))
}

/// The whole header's length (prefix included) from the file's first `PREFIX_LEN` bytes (a
/// version 1.0 file needs only 10). Checks the magic, the version and NumPy's size limit.
pub fn header_len(prefix: &[u8]) -> Result<((u8, u8), usize)> {
    if prefix.len() < MAGIC_LEN || &prefix[..MAGIC.len()] != MAGIC {
        return Err(Error::Value(
            "not a .npy file: the magic string \\x93NUMPY is missing".into(),
        ));
    }
    let version = (prefix[6], prefix[7]);
    let size_bytes = match version {
        (1, 0) => 2,
        (2, 0) | (3, 0) => 4,
        (major, minor) => {
            return Err(Error::Value(format!(
                "unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are known)"
            )))
        }
    };
    let field = prefix
        .get(MAGIC_LEN..MAGIC_LEN + size_bytes)
        .ok_or_else(|| Error::Value("the .npy file ends inside its header".into()))?;
    let len = field
        .iter()
        .rev()
        .fold(0usize, |acc, &b| (acc << 8) | b as usize);
    if len > MAX_HEADER_LEN {
        return Err(Error::Value(format!(
            "the .npy header is {len} bytes long, more than the {MAX_HEADER_LEN} NumPy \
             accepts by default"
        )));
    }
    Ok((version, MAGIC_LEN + size_bytes + len))
}

/// Parses the header at the start of `bytes`, which holds at least `header_len`'s bytes.
pub fn read_header(bytes: &[u8]) -> Result<NpyHeader> {
    let (version, total) = header_len(bytes)?;
    let dict = bytes
        .get(MAGIC_LEN + if version == (1, 0) { 2 } else { 4 }..total)
        .ok_or_else(|| Error::Value("the .npy file ends inside its header".into()))?;
    // Versions 1.0 and 2.0 are latin-1 (every byte a char), 3.0 utf-8.
    let text: String = if version == (3, 0) {
        std::str::from_utf8(dict)
            .map_err(|_| Error::Value("the .npy 3.0 header is not valid utf-8".into()))?
            .to_string()
    } else {
        dict.iter().map(|&b| b as char).collect()
    };
    let items = parse_dict(&text)?;
    let mut keys: Vec<&str> = items.iter().map(|(k, _)| k.as_str()).collect();
    keys.sort_unstable();
    if keys != ["descr", "fortran_order", "shape"] {
        return Err(Error::Value(format!(
            "the .npy header's keys are {keys:?}, not 'descr', 'fortran_order' and 'shape'"
        )));
    }
    let (mut dtype, mut swapped, mut fortran_order, mut shape) =
        (DType::Bool, false, false, vec![]);
    for (key, value) in items {
        match (key.as_str(), value) {
            ("descr", Literal::Str(s)) => (dtype, swapped) = parse_descr(&s)?,
            ("fortran_order", Literal::Bool(b)) => fortran_order = b,
            ("shape", Literal::Tuple(t)) => {
                layout::check_ndim(t.len())?;
                shape = t
                    .into_iter()
                    .map(|d| {
                        usize::try_from(d).map_err(|_| {
                            Error::Value(format!("the .npy header's dimension {d} is too large"))
                        })
                    })
                    .collect::<Result<_>>()?
            }
            (key, value) => {
                return Err(Error::Value(format!(
                    "the .npy header's {key:?} is {value:?}, which is not valid for it"
                )))
            }
        }
    }
    let header = NpyHeader {
        version,
        dtype,
        swapped,
        fortran_order,
        shape,
        data_offset: total,
    };
    header.data_len()?;
    Ok(header)
}

fn shape_repr(shape: &[usize]) -> String {
    match shape {
        [] => "()".into(),
        [d] => format!("({d},)"),
        _ => {
            let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// The header NumPy's `format.write_array` writes for this dtype, shape and order: the same
/// bytes. `version` None picks 1.0 unless the header needs 2.0, as NumPy does.
pub fn write_header(
    dtype: DType,
    shape: &[usize],
    fortran_order: bool,
    version: Option<(u8, u8)>,
) -> Result<Vec<u8>> {
    let mut dict = format!(
        "{{'descr': '{}', 'fortran_order': {}, 'shape': {}, }}",
        descr_of(dtype),
        if fortran_order { "True" } else { "False" },
        shape_repr(shape)
    );
    if let Some(&growth) = if fortran_order {
        shape.last()
    } else {
        shape.first()
    } {
        let digits = growth.to_string().len();
        dict.extend(std::iter::repeat_n(
            ' ',
            GROWTH_AXIS_MAX_DIGITS.saturating_sub(digits),
        ));
    }
    let hlen = dict.len() + 1;
    let wrap = |size_bytes: usize| {
        let padlen = ARRAY_ALIGN - (MAGIC_LEN + size_bytes + hlen) % ARRAY_ALIGN;
        (hlen + padlen, padlen)
    };
    let version = match version {
        Some(v @ ((1, 0) | (2, 0) | (3, 0))) => v,
        Some((major, minor)) => {
            return Err(Error::Value(format!(
                "we only support format version (1,0), (2,0), and (3,0), not ({major},{minor})"
            )))
        }
        None if wrap(2).0 > u16::MAX as usize => (2, 0),
        None => (1, 0),
    };
    let size_bytes = if version == (1, 0) { 2 } else { 4 };
    let (len, padlen) = wrap(size_bytes);
    if size_bytes == 2 && len > u16::MAX as usize {
        return Err(Error::Value(format!(
            "header length {hlen} too big for version=(1, 0)"
        )));
    }
    let mut out = Vec::with_capacity(MAGIC_LEN + size_bytes + len);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[version.0, version.1]);
    out.extend_from_slice(&(len as u32).to_le_bytes()[..size_bytes]);
    out.extend_from_slice(dict.as_bytes());
    out.extend(std::iter::repeat_n(b' ', padlen));
    out.push(b'\n');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numpy_bytes() {
        // np.save of np.zeros((2, 3)): 128-byte header.
        let h = write_header(DType::Float64, &[2, 3], false, None).unwrap();
        let mut want =
            b"\x93NUMPY\x01\x00v\x00{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }"
                .to_vec();
        want.resize(127, b' ');
        want.push(b'\n');
        assert_eq!(h, want);
        assert_eq!(
            write_header(DType::Bool, &[], false, None).unwrap().len(),
            128
        );
    }

    #[test]
    fn round_trip_every_dtype_and_version() {
        for dtype in DType::ALL {
            for version in [(1, 0), (2, 0), (3, 0)] {
                for (shape, fortran) in [(vec![], false), (vec![0, 4], true), (vec![7], false)] {
                    let h = write_header(dtype, &shape, fortran, Some(version)).unwrap();
                    assert_eq!(h.len() % 64, 0);
                    let r = read_header(&h).unwrap();
                    assert_eq!(
                        (r.version, r.dtype, r.swapped, r.fortran_order, r.shape),
                        (version, dtype, false, fortran, shape)
                    );
                    assert_eq!(r.data_offset, h.len());
                }
            }
        }
    }

    #[test]
    fn descr_byte_order() {
        assert_eq!(parse_descr(">f8").unwrap(), (DType::Float64, NATIVE == '<'));
        assert_eq!(parse_descr("|u1").unwrap(), (DType::UInt8, false));
        assert_eq!(parse_descr(">i1").unwrap(), (DType::Int8, false));
        for bad in ["|O", "<f2", "<U3", "S5", "<M8[ns]", ""] {
            assert!(matches!(parse_descr(bad), Err(Error::Value(_))), "{bad}");
        }
    }

    #[test]
    fn lying_headers() {
        let good = write_header(DType::Float64, &[2], false, None).unwrap();
        let mut bad_magic = good.clone();
        bad_magic[1] = b'X';
        assert!(read_header(&bad_magic).is_err());
        let mut bad_version = good.clone();
        bad_version[6] = 9;
        assert!(read_header(&bad_version).is_err());
        assert!(read_header(&good[..40]).is_err());
        let huge = b"{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }";
        let mut h = b"\x93NUMPY\x01\x00".to_vec();
        h.extend_from_slice(&(huge.len() as u16).to_le_bytes());
        h.extend_from_slice(huge);
        let e = read_header(&h).unwrap_err().to_string();
        assert!(e.contains("too large"), "{e}");
        let r = read_header(&good).unwrap();
        assert!(r.check_available(15).is_err());
        assert_eq!(r.check_available(16).unwrap(), 16);
    }
}
