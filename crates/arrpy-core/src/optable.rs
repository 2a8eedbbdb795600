//! The op table: every op's name, family, the loop dtypes its simd-tier loop vectorizes and
//! whether it threads, as data in one place. Ops take their entry from here
//! (`BinaryOp::Add.info()`, `VAR_INFO`); every driver runs `info.exec(tier, loop dtype)`, and the
//! status table, capability queries and the benchmark list read `all_ops()`. Nothing here
//! depends on the ops themselves.

use crate::dtype::{DType, Kind};
use crate::kernels::{Exec, Tier};
use std::sync::atomic::{AtomicBool, Ordering};

/// Sets of dtype kinds (by an op's loop dtype): where an op's simd-tier loop is the vectorized one.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Kinds(u8);

impl Kinds {
    pub const NONE: Kinds = Kinds(0);
    pub const BOOL: Kinds = Kinds(1);
    pub const INT: Kinds = Kinds(2);
    pub const FLOAT: Kinds = Kinds(4);
    pub const COMPLEX: Kinds = Kinds(8);
    pub const INTEGER: Kinds = Kinds(1 | 2);
    pub const INT_FLOAT: Kinds = Kinds(2 | 4);
    pub const REAL: Kinds = Kinds(1 | 2 | 4);
    pub const INEXACT: Kinds = Kinds(4 | 8);
    pub const ALL: Kinds = Kinds(1 | 2 | 4 | 8);

    pub fn contains(self, dtype: DType) -> bool {
        let bit = match dtype.kind() {
            Kind::Bool => 1,
            Kind::Signed | Kind::Unsigned => 2,
            Kind::Float => 4,
            Kind::Complex => 8,
        };
        self.0 & bit != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The kinds by name, for the status table ("bool", "int", "float", "complex").
    pub fn names(self) -> Vec<&'static str> {
        let names = ["bool", "int", "float", "complex"];
        (0..4)
            .filter(|b| self.0 & (1 << b) != 0)
            .map(|b| names[b])
            .collect()
    }
}

/// For the audit of `OpInfo::vector` only (`python -m arrpy.bench --audit`): every op runs the
/// simd tier's loop, so its speed can be compared with the reference loop's.
static VECTOR_EVERYWHERE: AtomicBool = AtomicBool::new(false);

pub fn set_vector_everywhere(on: bool) {
    VECTOR_EVERYWHERE.store(on, Ordering::Relaxed);
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct OpInfo {
    pub name: &'static str,
    /// Family, for grouping in the status table ("arithmetic", "comparison", "reduction", …).
    pub family: &'static str,
    /// Loop dtypes whose simd-tier loop is vectorized (the pulp-dispatched loop); the others run
    /// the reference loop at the simd tier. Measured: `python -m arrpy.bench --audit` times the
    /// simd tier's loop against the reference one for every op and dtype.
    pub vector: Kinds,
    /// Whether the parallel tier splits the work across threads (every elementwise op does,
    /// vectorized or not).
    pub threads: bool,
}

impl OpInfo {
    pub const fn new(
        name: &'static str,
        family: &'static str,
        vector: Kinds,
        threads: bool,
    ) -> OpInfo {
        OpInfo {
            name,
            family,
            vector,
            threads,
        }
    }

    /// How a call with loop dtype `dtype` runs when `tier` is selected.
    pub fn exec(&self, tier: Tier, dtype: DType) -> Exec {
        Exec {
            op: self.name,
            dtype,
            vector: tier >= Tier::Simd
                && (self.vector.contains(dtype) || VECTOR_EVERYWHERE.load(Ordering::Relaxed)),
            threads: tier == Tier::Parallel && self.threads,
        }
    }
}

macro_rules! op_table {
    ($enum:ident, [$($variant:ident => $name:literal, $family:literal, $vector:ident $(, $threads:ident)?);* $(;)?]) => {
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $enum { $($variant),* }
        impl $enum {
            pub const ALL: &'static [$enum] = &[$($enum::$variant),*];
            /// This op's entry: its name, family, where it vectorizes and whether it threads.
            pub fn info(self) -> &'static OpInfo {
                match self {
                    $($enum::$variant => {
                        static INFO: OpInfo = OpInfo::new($name, $family, Kinds::$vector, op_table!(@threads $($threads)?));
                        &INFO
                    })*
                }
            }
            pub fn name(self) -> &'static str { self.info().name }
            pub fn from_name(name: &str) -> Option<$enum> {
                Self::ALL.iter().copied().find(|op| op.name() == name)
            }
        }
    };
    (@threads) => { true };
    (@threads single_thread) => { false };
}

// Where each op's simd-tier loop vectorizes, by loop dtype, as measured (`arrpy.bench --audit`):
// integer division and powers, complex transcendental functions and everything that calls libm
// (atan2, hypot, asin, cbrt, ...) stay scalar loops. sin, cos and tan vectorize as fast/slow
// triples (a vector loop, then a scalar fix-up of huge arguments). Every elementwise op runs
// on threads at the parallel tier, vectorized or not.
op_table!(BinaryOp, [
    Add => "add", "arithmetic", ALL;
    Subtract => "subtract", "arithmetic", ALL;
    Multiply => "multiply", "arithmetic", ALL;
    Divide => "divide", "arithmetic", INEXACT;
    FloorDivide => "floor_divide", "arithmetic", FLOAT;
    Remainder => "remainder", "arithmetic", NONE;
    Power => "pow", "arithmetic", NONE;
    Equal => "equal", "comparison", ALL;
    NotEqual => "not_equal", "comparison", ALL;
    Less => "less", "comparison", ALL;
    LessEqual => "less_equal", "comparison", ALL;
    Greater => "greater", "comparison", ALL;
    GreaterEqual => "greater_equal", "comparison", ALL;
    BitwiseAnd => "bitwise_and", "bitwise", INTEGER;
    BitwiseOr => "bitwise_or", "bitwise", INTEGER;
    BitwiseXor => "bitwise_xor", "bitwise", INTEGER;
    LeftShift => "bitwise_left_shift", "bitwise", INTEGER;
    RightShift => "bitwise_right_shift", "bitwise", INTEGER;
    Maximum => "maximum", "comparison", ALL;
    Minimum => "minimum", "comparison", ALL;
    Fmax => "fmax", "comparison", ALL;
    Fmin => "fmin", "comparison", ALL;
    LogicalAnd => "logical_and", "logical", ALL;
    LogicalOr => "logical_or", "logical", ALL;
    LogicalXor => "logical_xor", "logical", ALL;
    Copysign => "copysign", "math", FLOAT;
    Atan2 => "atan2", "math", NONE;
    Hypot => "hypot", "math", NONE;
    Logaddexp => "logaddexp", "math", NONE;
    Logaddexp2 => "logaddexp2", "math", NONE;
    Nextafter => "nextafter", "math", NONE;
    Fmod => "fmod", "arithmetic", NONE;
]);

op_table!(UnaryOp, [
    Negative => "negative", "arithmetic", REAL;
    Positive => "positive", "arithmetic", ALL;
    Absolute => "abs", "arithmetic", INT_FLOAT;
    Square => "square", "arithmetic", ALL;
    Reciprocal => "reciprocal", "arithmetic", ALL;
    Sign => "sign", "arithmetic", REAL;
    Invert => "bitwise_invert", "bitwise", INT;
    LogicalNot => "logical_not", "logical", NONE;
    Sqrt => "sqrt", "math", FLOAT;
    Exp => "exp", "math", FLOAT;
    Expm1 => "expm1", "math", FLOAT;
    Exp2 => "exp2", "math", FLOAT;
    Log => "log", "math", FLOAT;
    Log1p => "log1p", "math", FLOAT;
    Log2 => "log2", "math", FLOAT;
    Log10 => "log10", "math", FLOAT;
    Sin => "sin", "math", FLOAT;
    Cos => "cos", "math", FLOAT;
    Tan => "tan", "math", FLOAT;
    Asin => "asin", "math", NONE;
    Acos => "acos", "math", NONE;
    Atan => "atan", "math", NONE;
    Sinh => "sinh", "math", NONE;
    Cosh => "cosh", "math", NONE;
    Tanh => "tanh", "math", FLOAT;
    Asinh => "asinh", "math", NONE;
    Acosh => "acosh", "math", NONE;
    Atanh => "atanh", "math", NONE;
    Cbrt => "cbrt", "math", NONE;
    Deg2rad => "deg2rad", "math", FLOAT;
    Rad2deg => "rad2deg", "math", FLOAT;
    Fabs => "fabs", "math", FLOAT;
    Rint => "rint", "rounding", INEXACT;
    Floor => "floor", "rounding", REAL;
    Ceil => "ceil", "rounding", REAL;
    Trunc => "trunc", "rounding", REAL;
    Conj => "conj", "complex", ALL;
    Real => "real", "complex", ALL;
    Imag => "imag", "complex", ALL;
    Isfinite => "isfinite", "predicate", ALL;
    Isinf => "isinf", "predicate", ALL;
    Isnan => "isnan", "predicate", ALL;
    Signbit => "signbit", "predicate", REAL;
]);

op_table!(ReduceOp, [
    Sum => "sum", "reduction", ALL;
    Prod => "prod", "reduction", ALL;
    Min => "min", "reduction", ALL;
    Max => "max", "reduction", ALL;
    Mean => "mean", "reduction", ALL;
]);

op_table!(CumulativeOp, [
    Sum => "cumulative_sum", "cumulative", NONE, single_thread;
    Prod => "cumulative_prod", "cumulative", NONE, single_thread;
]);

pub static CAST_INFO: OpInfo = OpInfo::new("astype", "copy", Kinds::ALL, true);
pub static VAR_INFO: OpInfo = OpInfo::new("var", "reduction", Kinds::ALL, true);
pub static STD_INFO: OpInfo = OpInfo::new("std", "reduction", Kinds::ALL, true);
pub static PTP_INFO: OpInfo = OpInfo::new("ptp", "reduction", Kinds::ALL, true);
pub static NANSUM_INFO: OpInfo = OpInfo::new("nansum", "reduction", Kinds::ALL, true);
pub static NANMEAN_INFO: OpInfo = OpInfo::new("nanmean", "reduction", Kinds::ALL, true);
pub static NANMIN_INFO: OpInfo = OpInfo::new("nanmin", "reduction", Kinds::ALL, true);
pub static NANMAX_INFO: OpInfo = OpInfo::new("nanmax", "reduction", Kinds::ALL, true);
pub static ARGMIN_INFO: OpInfo = OpInfo::new("argmin", "reduction", Kinds::ALL, true);
pub static ARGMAX_INFO: OpInfo = OpInfo::new("argmax", "reduction", Kinds::ALL, true);
pub static ANY_INFO: OpInfo = OpInfo::new("any", "reduction", Kinds::ALL, true);
pub static ALL_INFO: OpInfo = OpInfo::new("all", "reduction", Kinds::ALL, true);
pub static COUNT_NONZERO_INFO: OpInfo = OpInfo::new("count_nonzero", "reduction", Kinds::ALL, true);
pub static WHERE_INFO: OpInfo = OpInfo::new("where", "selection", Kinds::ALL, true);
pub static CLIP_INFO: OpInfo = OpInfo::new("clip", "selection", Kinds::ALL, true);

/// Every op in the table, in a stable order: elementwise ops, then reductions, then copies.
pub fn all_ops() -> Vec<&'static OpInfo> {
    let mut ops: Vec<&'static OpInfo> = Vec::new();
    ops.extend(BinaryOp::ALL.iter().map(|op| op.info()));
    ops.extend(UnaryOp::ALL.iter().map(|op| op.info()));
    ops.extend([&WHERE_INFO, &CLIP_INFO]);
    ops.extend(ReduceOp::ALL.iter().map(|op| op.info()));
    ops.extend([
        &VAR_INFO,
        &STD_INFO,
        &ARGMIN_INFO,
        &ARGMAX_INFO,
        &ANY_INFO,
        &ALL_INFO,
        &COUNT_NONZERO_INFO,
        &PTP_INFO,
        &NANSUM_INFO,
        &NANMEAN_INFO,
        &NANMIN_INFO,
        &NANMAX_INFO,
    ]);
    ops.extend(CumulativeOp::ALL.iter().map(|op| op.info()));
    ops.push(&CAST_INFO);
    ops
}

pub fn find(name: &str) -> Option<&'static OpInfo> {
    all_ops().into_iter().find(|op| op.name == name)
}
