//! NumPy-compatible files: the `.npy` header (a strict literal parser and a writer whose bytes
//! equal NumPy's), the array data behind it, and the number parser of `loadtxt`.
//!
//! Reading never trusts the header: the shape's byte size is computed with checked arithmetic
//! and compared with the bytes the file holds before anything is allocated.

pub mod header;
pub mod literal;
pub mod npy;
pub mod text;

pub use header::{descr_of, parse_descr, read_header, write_header, NpyHeader};
pub use npy::{byteswap_in_place, for_each_piece, read_npy, write_npy};
pub use text::{parse_table, Table, TableOptions};
