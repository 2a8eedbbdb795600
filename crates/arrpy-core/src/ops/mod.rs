//! The operations users call. Each validates its arguments, resolves dtypes and shapes through
//! the one promotion table and broadcasting rules, then runs kernels at the selected tier.

pub mod cast;
pub mod creation;
pub mod elementwise;
pub mod index;
pub mod manipulate;
pub mod reduce;
pub mod sort;
pub mod statistics;
