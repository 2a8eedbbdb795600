//! The operations users call. Each validates its arguments, resolves dtypes and shapes through
//! the one promotion table and broadcasting rules, then runs kernels at the selected tier.

pub mod cast;
pub mod chain;
pub mod creation;
pub mod cumulative;
pub mod elementwise;
pub mod math_kernels;
pub mod reduce;
pub mod reduce_arg;
pub mod reduce_logic;
pub mod reduce_nan;
pub mod reduce_stats;
pub mod select;
