//! arrpy-core: the N-dimensional array engine of ArrPy, with no Python in it.
//!
//! One dynamic [`Array`] type (dtype, shared buffer, shape, signed byte strides, offset), views for
//! slicing/transposing/broadcasting, and kernels at three tiers (`reference`, `simd`, `parallel`)
//! that give identical results. See `DESIGN.md` in the repository for the architecture.

pub mod array;
pub mod buffer;
pub mod dtype;
pub mod error;
pub mod fp_status;
pub mod index;
pub mod inference;
pub mod iter;
pub mod kernels;
pub mod layout;
pub mod ops;
pub mod optable;
pub mod overlap;
pub mod scalar_math;
pub mod vmath;

pub use array::Array;
pub use dtype::bool_byte::BoolByte;
pub use dtype::{can_cast, promote_types, Casting, DType, Element, Scalar};
pub use error::{Error, Result};
pub use kernels::Tier;
