//! The operations users call. Each validates its arguments, resolves dtypes and shapes through
//! the one promotion table and broadcasting rules, then runs kernels at the selected tier.

pub mod cast;
pub mod creation;
pub(crate) mod driver;
pub mod elementwise;
pub mod fft;
pub mod index;
pub mod io;
pub mod linalg;
pub mod manipulate;
pub mod random;
pub mod reduce;
pub mod sort;
pub mod statistics;

use crate::optable::OpInfo;

/// Every op, in a stable order: the op table's (elementwise ops, copies), then the reductions'
/// table. The status table, capability queries and the benchmark list read this.
pub fn all_ops() -> Vec<&'static OpInfo> {
    let mut ops = crate::optable::all_ops();
    ops.extend(reduce::table::REDUCTIONS.iter().map(|r| &r.info));
    ops
}

/// The op called `name` in either table.
pub fn find(name: &str) -> Option<&'static OpInfo> {
    all_ops().into_iter().find(|op| op.name == name)
}
