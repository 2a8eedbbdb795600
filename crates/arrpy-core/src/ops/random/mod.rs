//! `numpy.random`'s Generator: SeedSequence, the PCG64 bit generators and the distributions,
//! drawing the same numbers as NumPy for the same seed wherever NumPy's algorithm is followed
//! step for step.

pub mod bitgen;
pub mod bounded;
pub mod discrete;
pub mod distributions;
pub mod generate;
pub mod seed_sequence;
pub mod stream;
pub mod ziggurat;
mod ziggurat_edges;

pub use bitgen::{BitGen, Pcg, Variant};
