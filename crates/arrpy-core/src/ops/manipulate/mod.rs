//! Manipulation: joining, splitting, views that rearrange axes, memory order, repeats,
//! rolling, padding, triangles and diagonals, edits. One topic per file; every rule (axes,
//! shapes, which result is a view) lives here, so that the bindings only parse arguments.

mod axes;
pub mod edit;
pub mod join;
pub mod order;
pub mod pad;
pub mod repeat;
pub mod roll;
pub mod split;
pub mod tri;
pub mod views;

pub use axes::normalize_axes;
pub use join::{concatenate, expand_dims, stack};
