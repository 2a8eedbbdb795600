//! How other protocols name our dtypes: buffer-protocol (struct module) format strings and
//! DLPack type codes.

use super::{DType, Kind};
use crate::error::{Error, Result};

impl DType {
    /// The struct-module format of one element, as the buffer protocol reports it.
    pub fn buffer_format(self) -> &'static str {
        match self {
            DType::Bool => "?",
            DType::Int8 => "b",
            DType::Int16 => "h",
            DType::Int32 => "i",
            DType::Int64 => "q",
            DType::UInt8 => "B",
            DType::UInt16 => "H",
            DType::UInt32 => "I",
            DType::UInt64 => "Q",
            DType::Float32 => "f",
            DType::Float64 => "d",
            DType::Complex64 => "Zf",
            DType::Complex128 => "Zd",
        }
    }

    /// Reads a buffer-protocol format string (native byte order only).
    pub fn from_buffer_format(format: &str) -> Result<DType> {
        let f = format.trim_start_matches(['@', '=', '<']);
        let dtype = match f {
            "?" => DType::Bool,
            "b" => DType::Int8,
            "h" => DType::Int16,
            "i" => DType::Int32,
            "l" | "q" => DType::Int64,
            "B" | "c" => DType::UInt8,
            "H" => DType::UInt16,
            "I" => DType::UInt32,
            "L" | "Q" => DType::UInt64,
            "f" => DType::Float32,
            "d" => DType::Float64,
            "Zf" => DType::Complex64,
            "Zd" => DType::Complex128,
            _ => {
                return Err(Error::Type(format!(
                    "buffer format '{format}' is not supported (native-endian bool, int, uint, float and complex only)"
                )))
            }
        };
        Ok(dtype)
    }

    /// DLPack type code, bits (code 0 int, 1 uint, 2 float, 5 complex, 6 bool).
    pub fn dlpack_code(self) -> (u8, u8) {
        let bits = (self.itemsize() * 8) as u8;
        let code = match self.kind() {
            Kind::Signed => 0,
            Kind::Unsigned => 1,
            Kind::Float => 2,
            Kind::Complex => 5,
            Kind::Bool => 6,
        };
        (code, bits)
    }

    pub fn from_dlpack_code(code: u8, bits: u8) -> Result<DType> {
        let dtype = match (code, bits) {
            (0, 8) => DType::Int8,
            (0, 16) => DType::Int16,
            (0, 32) => DType::Int32,
            (0, 64) => DType::Int64,
            (1, 8) => DType::UInt8,
            (1, 16) => DType::UInt16,
            (1, 32) => DType::UInt32,
            (1, 64) => DType::UInt64,
            (2, 32) => DType::Float32,
            (2, 64) => DType::Float64,
            (5, 64) => DType::Complex64,
            (5, 128) => DType::Complex128,
            (6, 8) | (1, 1) => DType::Bool,
            _ => {
                return Err(Error::Type(format!(
                    "unsupported DLPack dtype (code {code}, {bits} bits)"
                )))
            }
        };
        Ok(dtype)
    }
}

#[cfg(test)]
mod tests {
    use crate::dtype::DType;

    #[test]
    fn names_round_trip() {
        for d in DType::ALL {
            assert_eq!(DType::from_name(d.name()).unwrap(), d);
            assert_eq!(DType::from_buffer_format(d.buffer_format()).unwrap(), d);
            let (c, b) = d.dlpack_code();
            assert_eq!(DType::from_dlpack_code(c, b).unwrap(), d);
        }
        assert!(DType::from_name("float17").is_err());
    }
}
