//! The op table: every op's name, family and the highest tier with a kernel of its own, as data
//! in one place. Ops take their entry from here (`BinaryOp::Add.info()`, `VAR_INFO`); the
//! dispatcher runs `info.effective(tier)` (an op without a native kernel at a tier runs the next
//! lower tier's), and the status table, capability queries and the benchmark list read
//! `all_ops()`. Nothing here depends on the ops themselves.

use crate::kernels::Tier;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct OpInfo {
    pub name: &'static str,
    /// Family, for grouping in the status table ("arithmetic", "comparison", "reduction", …).
    pub family: &'static str,
    /// Highest tier with a native kernel; higher tiers fall back to it.
    pub top: Tier,
}

impl OpInfo {
    pub const fn new(name: &'static str, family: &'static str, top: Tier) -> OpInfo {
        OpInfo { name, family, top }
    }

    /// The tier that actually runs when `requested` is selected.
    #[inline]
    pub fn effective(&self, requested: Tier) -> Tier {
        requested.min(self.top)
    }

    pub fn is_native(&self, tier: Tier) -> bool {
        tier <= self.top
    }
}

macro_rules! op_table {
    ($enum:ident, [$($variant:ident => $name:literal, $family:literal, $top:ident);* $(;)?]) => {
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $enum { $($variant),* }
        impl $enum {
            pub const ALL: &'static [$enum] = &[$($enum::$variant),*];
            /// This op's registry entry: its name, family and the highest tier with a native kernel.
            pub fn info(self) -> &'static OpInfo {
                match self {
                    $($enum::$variant => {
                        static INFO: OpInfo = OpInfo::new($name, $family, Tier::$top);
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
}

// The top tier says where a kernel of its own exists: `Parallel` for loops that vectorize
// (arithmetic, comparisons, selects, the `vmath` functions); `Reference` for scalar libm calls,
// which the higher tiers run as they are (shown as fallback in the status table).
op_table!(BinaryOp, [
    Add => "add", "arithmetic", Parallel;
    Subtract => "subtract", "arithmetic", Parallel;
    Multiply => "multiply", "arithmetic", Parallel;
    Divide => "divide", "arithmetic", Parallel;
    FloorDivide => "floor_divide", "arithmetic", Parallel;
    Remainder => "remainder", "arithmetic", Parallel;
    Power => "pow", "arithmetic", Parallel;
    Equal => "equal", "comparison", Parallel;
    NotEqual => "not_equal", "comparison", Parallel;
    Less => "less", "comparison", Parallel;
    LessEqual => "less_equal", "comparison", Parallel;
    Greater => "greater", "comparison", Parallel;
    GreaterEqual => "greater_equal", "comparison", Parallel;
    BitwiseAnd => "bitwise_and", "bitwise", Parallel;
    BitwiseOr => "bitwise_or", "bitwise", Parallel;
    BitwiseXor => "bitwise_xor", "bitwise", Parallel;
    LeftShift => "bitwise_left_shift", "bitwise", Parallel;
    RightShift => "bitwise_right_shift", "bitwise", Parallel;
    Maximum => "maximum", "comparison", Parallel;
    Minimum => "minimum", "comparison", Parallel;
    Fmax => "fmax", "comparison", Parallel;
    Fmin => "fmin", "comparison", Parallel;
    LogicalAnd => "logical_and", "logical", Parallel;
    LogicalOr => "logical_or", "logical", Parallel;
    LogicalXor => "logical_xor", "logical", Parallel;
    Copysign => "copysign", "math", Parallel;
    Atan2 => "atan2", "math", Reference;
    Hypot => "hypot", "math", Reference;
    Logaddexp => "logaddexp", "math", Reference;
    Logaddexp2 => "logaddexp2", "math", Reference;
    Nextafter => "nextafter", "math", Reference;
    Fmod => "fmod", "arithmetic", Reference;
]);

op_table!(UnaryOp, [
    Negative => "negative", "arithmetic", Parallel;
    Positive => "positive", "arithmetic", Parallel;
    Absolute => "abs", "arithmetic", Parallel;
    Square => "square", "arithmetic", Parallel;
    Reciprocal => "reciprocal", "arithmetic", Parallel;
    Sign => "sign", "arithmetic", Parallel;
    Invert => "bitwise_invert", "bitwise", Parallel;
    LogicalNot => "logical_not", "logical", Parallel;
    Sqrt => "sqrt", "math", Parallel;
    Exp => "exp", "math", Parallel;
    Expm1 => "expm1", "math", Parallel;
    Exp2 => "exp2", "math", Parallel;
    Log => "log", "math", Parallel;
    Log1p => "log1p", "math", Parallel;
    Log2 => "log2", "math", Parallel;
    Log10 => "log10", "math", Parallel;
    Sin => "sin", "math", Parallel;
    Cos => "cos", "math", Parallel;
    Tan => "tan", "math", Reference;
    Asin => "asin", "math", Reference;
    Acos => "acos", "math", Reference;
    Atan => "atan", "math", Reference;
    Sinh => "sinh", "math", Reference;
    Cosh => "cosh", "math", Reference;
    Tanh => "tanh", "math", Parallel;
    Asinh => "asinh", "math", Reference;
    Acosh => "acosh", "math", Reference;
    Atanh => "atanh", "math", Reference;
    Cbrt => "cbrt", "math", Reference;
    Deg2rad => "deg2rad", "math", Parallel;
    Rad2deg => "rad2deg", "math", Parallel;
    Fabs => "fabs", "math", Parallel;
    Rint => "rint", "rounding", Parallel;
    Floor => "floor", "rounding", Parallel;
    Ceil => "ceil", "rounding", Parallel;
    Trunc => "trunc", "rounding", Parallel;
    Conj => "conj", "complex", Parallel;
    Real => "real", "complex", Parallel;
    Imag => "imag", "complex", Parallel;
    Isfinite => "isfinite", "predicate", Parallel;
    Isinf => "isinf", "predicate", Parallel;
    Isnan => "isnan", "predicate", Parallel;
    Signbit => "signbit", "predicate", Parallel;
]);

op_table!(ReduceOp, [
    Sum => "sum", "reduction", Parallel;
    Prod => "prod", "reduction", Parallel;
    Min => "min", "reduction", Parallel;
    Max => "max", "reduction", Parallel;
    Mean => "mean", "reduction", Parallel;
]);

op_table!(CumulativeOp, [
    Sum => "cumulative_sum", "cumulative", Reference;
    Prod => "cumulative_prod", "cumulative", Reference;
]);

pub static CAST_INFO: OpInfo = OpInfo::new("astype", "copy", Tier::Parallel);
pub static VAR_INFO: OpInfo = OpInfo::new("var", "reduction", Tier::Parallel);
pub static STD_INFO: OpInfo = OpInfo::new("std", "reduction", Tier::Parallel);
pub static PTP_INFO: OpInfo = OpInfo::new("ptp", "reduction", Tier::Parallel);
pub static NANSUM_INFO: OpInfo = OpInfo::new("nansum", "reduction", Tier::Parallel);
pub static NANMEAN_INFO: OpInfo = OpInfo::new("nanmean", "reduction", Tier::Parallel);
pub static NANMIN_INFO: OpInfo = OpInfo::new("nanmin", "reduction", Tier::Parallel);
pub static NANMAX_INFO: OpInfo = OpInfo::new("nanmax", "reduction", Tier::Parallel);
pub static ARGMIN_INFO: OpInfo = OpInfo::new("argmin", "reduction", Tier::Parallel);
pub static ARGMAX_INFO: OpInfo = OpInfo::new("argmax", "reduction", Tier::Parallel);
pub static ANY_INFO: OpInfo = OpInfo::new("any", "reduction", Tier::Parallel);
pub static ALL_INFO: OpInfo = OpInfo::new("all", "reduction", Tier::Parallel);
pub static COUNT_NONZERO_INFO: OpInfo = OpInfo::new("count_nonzero", "reduction", Tier::Parallel);
pub static WHERE_INFO: OpInfo = OpInfo::new("where", "selection", Tier::Parallel);
pub static CLIP_INFO: OpInfo = OpInfo::new("clip", "selection", Tier::Parallel);

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
