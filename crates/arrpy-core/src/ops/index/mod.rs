//! Advanced indexing: `a[key]` and `a[key] = value` with integer arrays and boolean masks
//! (gather and scatter over the key `crate::index::resolve` set aside), and the functions built
//! on them (take, put, compress, nonzero, …).

pub mod choose;
mod gather;
pub mod grids;
pub mod nonzero;
mod offsets;
mod scatter;
mod selection;
pub mod take;

pub use choose::{choose, select};
pub use gather::gather;
pub use grids::{diag_indices, ix_, ravel_multi_index, tril_indices, triu_indices, unravel_index};
pub use nonzero::{argwhere, flatnonzero, nonzero};
pub use offsets::normalized_indices;
pub use scatter::scatter;
pub use take::{compress, extract, place, put, put_along_axis, take, take_along_axis, Mode};

use crate::array::Array;
use crate::dtype::Casting;
use crate::error::Result;
use crate::index::{resolve, IndexItem};

/// `a[key]`: a view for a basic key, else a new array (NumPy's rules).
pub fn get(a: &Array, key: &[IndexItem]) -> Result<Array> {
    let r = resolve(a, key)?;
    if r.is_basic() {
        return Ok(r.view);
    }
    gather(&r)
}

/// `a[key] = value`, `value` cast under `casting` and broadcast to the shape of `a[key]`.
pub fn set(a: &Array, key: &[IndexItem], value: &Array, casting: Casting) -> Result<()> {
    let r = resolve(a, key)?;
    if r.is_basic() {
        return crate::ops::cast::assign(&r.view, value, casting);
    }
    scatter(&r, value, casting)
}
