//! The op table: every op's name, family, the loop dtypes its simd-tier loop vectorizes and
//! whether it threads, as data in one place. Ops take their entry from here
//! (`BinaryOp::Add.info()`, `CAST_INFO`; the reductions from `ops::reduce::table`); every driver
//! runs `info.exec(tier, loop dtype)`, and the status table, capability queries and the benchmark
//! list read `ops::all_ops()`. Nothing here depends on the ops themselves.

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
    /// One line saying what the op computes: the Python function's docstring is built from it.
    pub doc: &'static str,
    /// NumPy's other names for the op (`power` for `pow`); Python exports each as the same
    /// function.
    pub aliases: &'static [&'static str],
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
            doc: "",
            aliases: &[],
        }
    }

    /// How many operands an elementwise table op takes (its Python function is generated from
    /// the table); None for the ops with a binding of their own (reductions, where, clip, …).
    pub fn arity(&self) -> Option<usize> {
        if BinaryOp::from_name(self.name).is_some() {
            Some(2)
        } else if UnaryOp::from_name(self.name).is_some() {
            Some(1)
        } else {
            None
        }
    }

    /// Whether the op is an elementwise loop over broadcast operands (the binary and unary table
    /// ops, where, clip): the ops the elementwise tier tests call alike.
    pub fn is_elementwise(&self) -> bool {
        self.arity().is_some() || [WHERE_INFO.name, CLIP_INFO.name].contains(&self.name)
    }

    /// The status table's word for `tier`: "native", "partial:<kinds>" (vectorized for those
    /// loop dtype kinds, the reference loop for the rest) or "fallback:<tier>" (that lower
    /// tier's loop runs), as `exec` decides.
    pub fn status(&self, tier: Tier) -> String {
        match tier {
            Tier::Reference => "native".to_string(),
            Tier::Simd if self.vector == Kinds::ALL => "native".to_string(),
            Tier::Simd if self.vector.is_empty() => "fallback:reference".to_string(),
            Tier::Simd => format!("partial:{}", self.vector.names().join(",")),
            Tier::Parallel if self.threads => "native".to_string(),
            // Without threads the parallel tier runs the simd tier's loops, vectorized or not.
            Tier::Parallel if self.vector.is_empty() => "fallback:reference".to_string(),
            Tier::Parallel => "fallback:simd".to_string(),
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
    ($enum:ident, [$($variant:ident => $name:literal, $family:literal, $vector:ident
        $(, $threads:ident)?, $doc:literal $(, [$($alias:literal),*])?);* $(;)?]) => {
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $enum { $($variant),* }
        impl $enum {
            pub const ALL: &'static [$enum] = &[$($enum::$variant),*];
            /// This op's entry: its name, family, where it vectorizes, whether it threads, its
            /// doc line and NumPy's other names for it.
            pub fn info(self) -> &'static OpInfo {
                match self {
                    $($enum::$variant => {
                        static INFO: OpInfo = OpInfo {
                            doc: $doc,
                            aliases: &[$($($alias),*)?],
                            ..OpInfo::new(
                                $name, $family, Kinds::$vector, op_table!(@threads $($threads)?)
                            )
                        };
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
// (atan2, hypot, asin, cbrt, ...) stay scalar loops. sin and cos vectorize as fast/slow
// triples (a vector loop, then a scalar fix-up of huge arguments). tan has the triple too, but
// its dispatched loop measured no faster than the scalar one (63 vs 68 ns per element,
// `vmath_speed`), so it stays scalar here until that is understood. Every elementwise op runs
// on threads at the parallel tier, vectorized or not.
op_table!(BinaryOp, [
    Add => "add", "arithmetic", ALL, "x1 + x2";
    Subtract => "subtract", "arithmetic", ALL, "x1 - x2";
    Multiply => "multiply", "arithmetic", ALL, "x1 * x2";
    Divide => "divide", "arithmetic", INEXACT, "x1 / x2 (true division)", ["true_divide"];
    FloorDivide => "floor_divide", "arithmetic", FLOAT, "x1 // x2";
    Remainder => "remainder", "arithmetic", NONE, "x1 % x2 (sign of the divisor)", ["mod"];
    Power => "pow", "arithmetic", NONE, "x1 ** x2", ["power"];
    Equal => "equal", "comparison", ALL, "x1 == x2";
    NotEqual => "not_equal", "comparison", ALL, "x1 != x2";
    Less => "less", "comparison", ALL, "x1 < x2";
    LessEqual => "less_equal", "comparison", ALL, "x1 <= x2";
    Greater => "greater", "comparison", ALL, "x1 > x2";
    GreaterEqual => "greater_equal", "comparison", ALL, "x1 >= x2";
    BitwiseAnd => "bitwise_and", "bitwise", INTEGER, "x1 & x2";
    BitwiseOr => "bitwise_or", "bitwise", INTEGER, "x1 | x2";
    BitwiseXor => "bitwise_xor", "bitwise", INTEGER, "x1 ^ x2";
    LeftShift => "bitwise_left_shift", "bitwise", INTEGER, "x1 << x2", ["left_shift"];
    RightShift => "bitwise_right_shift", "bitwise", INTEGER, "x1 >> x2", ["right_shift"];
    Maximum => "maximum", "comparison", ALL, "The larger of x1 and x2 (NaN propagates)";
    Minimum => "minimum", "comparison", ALL, "The smaller of x1 and x2 (NaN propagates)";
    Fmax => "fmax", "comparison", ALL, "The larger of x1 and x2, ignoring NaN";
    Fmin => "fmin", "comparison", ALL, "The smaller of x1 and x2, ignoring NaN";
    LogicalAnd => "logical_and", "logical", ALL, "x1 and x2 (truth values)";
    LogicalOr => "logical_or", "logical", ALL, "x1 or x2 (truth values)";
    LogicalXor => "logical_xor", "logical", ALL, "x1 xor x2 (truth values)";
    Copysign => "copysign", "math", FLOAT, "|x1| with the sign of x2";
    Atan2 => "atan2", "math", NONE, "The angle of the point (x2, x1), quadrant-aware", ["arctan2"];
    Hypot => "hypot", "math", NONE, "sqrt(x1**2 + x2**2) without overflow";
    Logaddexp => "logaddexp", "math", NONE, "log(exp(x1) + exp(x2)) without overflow";
    Logaddexp2 => "logaddexp2", "math", NONE, "log2(2**x1 + 2**x2) without overflow";
    Nextafter => "nextafter", "math", NONE, "The next float after x1 toward x2";
    Fmod => "fmod", "arithmetic", NONE, "C's fmod: remainder with the sign of the dividend";
]);

op_table!(UnaryOp, [
    Negative => "negative", "arithmetic", REAL, "-x";
    Positive => "positive", "arithmetic", ALL, "+x";
    Absolute => "abs", "arithmetic", INT_FLOAT, "|x| (the modulus for complex x)", ["absolute"];
    Square => "square", "arithmetic", ALL, "x * x";
    Reciprocal => "reciprocal", "arithmetic", ALL, "1 / x";
    Sign => "sign", "arithmetic", REAL, "-1, 0 or 1 by the sign of x (x / |x| for complex x)";
    Invert => "bitwise_invert", "bitwise", INT, "~x", ["invert"];
    LogicalNot => "logical_not", "logical", NONE, "not x (truth values)";
    Sqrt => "sqrt", "math", FLOAT, "The square root of x (principal for complex)";
    Exp => "exp", "math", FLOAT, "e ** x";
    Expm1 => "expm1", "math", FLOAT, "e ** x - 1, accurate near 0";
    Exp2 => "exp2", "math", FLOAT, "2 ** x";
    Log => "log", "math", FLOAT, "The natural logarithm of x";
    Log1p => "log1p", "math", FLOAT, "log(1 + x), accurate near 0";
    Log2 => "log2", "math", FLOAT, "The base-2 logarithm of x";
    Log10 => "log10", "math", FLOAT, "The base-10 logarithm of x";
    Sin => "sin", "math", FLOAT, "The sine of x (radians)";
    Cos => "cos", "math", FLOAT, "The cosine of x (radians)";
    Tan => "tan", "math", FLOAT, "The tangent of x (radians)";
    Asin => "asin", "math", FLOAT, "The inverse sine of x", ["arcsin"];
    Acos => "acos", "math", FLOAT, "The inverse cosine of x", ["arccos"];
    Atan => "atan", "math", FLOAT, "The inverse tangent of x", ["arctan"];
    Sinh => "sinh", "math", FLOAT, "The hyperbolic sine of x";
    Cosh => "cosh", "math", FLOAT, "The hyperbolic cosine of x";
    Tanh => "tanh", "math", FLOAT, "The hyperbolic tangent of x";
    Asinh => "asinh", "math", NONE, "The inverse hyperbolic sine of x", ["arcsinh"];
    Acosh => "acosh", "math", NONE, "The inverse hyperbolic cosine of x", ["arccosh"];
    Atanh => "atanh", "math", NONE, "The inverse hyperbolic tangent of x", ["arctanh"];
    Cbrt => "cbrt", "math", FLOAT, "The cube root of x";
    Deg2rad => "deg2rad", "math", FLOAT, "x degrees in radians", ["radians"];
    Rad2deg => "rad2deg", "math", FLOAT, "x radians in degrees", ["degrees"];
    Fabs => "fabs", "math", FLOAT, "|x| of a real x, as a float";
    Rint => "rint", "rounding", INEXACT, "x rounded to the nearest integer, ties to even";
    Floor => "floor", "rounding", REAL, "The largest integer <= x";
    Ceil => "ceil", "rounding", REAL, "The smallest integer >= x";
    Trunc => "trunc", "rounding", REAL, "x rounded toward zero";
    Conj => "conj", "complex", ALL, "The complex conjugate of x", ["conjugate"];
    Real => "real", "complex", ALL, "The real part of x";
    Imag => "imag", "complex", ALL, "The imaginary part of x (zeros for real x)";
    Isfinite => "isfinite", "predicate", ALL, "Whether x is finite";
    Isinf => "isinf", "predicate", ALL, "Whether x is infinite";
    Isnan => "isnan", "predicate", ALL, "Whether x is NaN";
    Signbit => "signbit", "predicate", REAL, "Whether the sign bit of x is set";
]);

pub static CAST_INFO: OpInfo = OpInfo::new("astype", "copy", Kinds::ALL, true);
pub static WHERE_INFO: OpInfo = OpInfo::new("where", "selection", Kinds::ALL, true);
pub static CLIP_INFO: OpInfo = OpInfo::new("clip", "selection", Kinds::ALL, true);
// The ops whose kernels are not elementwise loops: each family calls its ops its own way (the
// tier tests run each entry by its own call). The index family's entries are read by the
// kernels (`exec`); the sort, statistics, manipulate and linalg kernels plan their own work, and these
// rows say what they do (`tests/test_tiers.py` checks it in the loop trace).
pub static GATHER_INFO: OpInfo = OpInfo {
    doc: "a[key] with integer arrays or masks: rows of the result gathered by their offsets",
    ..OpInfo::new("gather", "index", Kinds::ALL, true)
};
pub static COMPRESS_INFO: OpInfo = OpInfo {
    doc: "a[mask] with one mask over all of a (1-d or C-contiguous): counted, then compressed",
    ..OpInfo::new("compress", "index", Kinds::ALL, true)
};
pub static TAKE_INFO: OpInfo = OpInfo {
    doc: "a[idx] and take on a 1-d a: indices checked and loaded in one pass",
    ..OpInfo::new("take", "index", Kinds::ALL, true)
};
pub static SCATTER_INFO: OpInfo = OpInfo {
    doc: "a[key] = value with integer arrays or masks (in order: the last write wins)",
    ..OpInfo::new("scatter", "index", Kinds::ALL, false)
};
pub static NONZERO_INFO: OpInfo = OpInfo {
    doc: "nonzero, argwhere, flatnonzero: non-zero elements counted, then their positions",
    ..OpInfo::new("nonzero", "index", Kinds::ALL, true)
};
pub static SORT_INFO: OpInfo = OpInfo {
    doc: "sort and partition (stable): merge sort, radix sort, chunks merged on threads",
    ..OpInfo::new("sort", "sort", Kinds::ALL, true)
};
pub static ARGSORT_INFO: OpInfo = OpInfo {
    doc: "argsort and argpartition (stable): the sort's algorithms carrying indices",
    ..OpInfo::new("argsort", "sort", Kinds::ALL, true)
};
pub static LEXSORT_INFO: OpInfo = OpInfo {
    doc: "lexsort: one stable argsort pass per key",
    ..OpInfo::new("lexsort", "sort", Kinds::ALL, true)
};
pub static SEARCHSORTED_INFO: OpInfo = OpInfo {
    doc: "searchsorted: binary search per key (branchless at the simd tier)",
    ..OpInfo::new("searchsorted", "sort", Kinds::ALL, true)
};
pub static UNIQUE_INFO: OpInfo = OpInfo {
    doc: "unique: sorted groups (hashed when the distinct values are few: one thread)",
    ..OpInfo::new("unique", "sort", Kinds::ALL, true)
};
pub static ISIN_INFO: OpInfo = OpInfo {
    doc: "isin: hashed (sorted for complex) lookups of each element",
    ..OpInfo::new("isin", "sort", Kinds::ALL, true)
};
pub static QUANTILE_INFO: OpInfo = OpInfo {
    doc: "quantile, percentile and their nan- forms: order statistics by radix buckets",
    ..OpInfo::new("quantile", "statistics", Kinds::REAL, true)
};
pub static MEDIAN_INFO: OpInfo = OpInfo {
    doc: "median and nanmedian: order statistics by radix buckets",
    ..OpInfo::new("median", "statistics", Kinds::REAL, true)
};
pub static HISTOGRAM_INFO: OpInfo = OpInfo {
    doc: "histogram: uniform bins guessed a block at a time by vector arithmetic, checked against the edges; blocks on threads",
    ..OpInfo::new("histogram", "statistics", Kinds::REAL, true)
};
pub static BLOCKED_COPY_INFO: OpInfo = OpInfo {
    doc: "copies between layouts contiguous along different axes (a transpose made contiguous), tile by tile",
    ..OpInfo::new("copy_blocked", "manipulate", Kinds::ALL, true)
};
pub static MATMUL_INFO: OpInfo = OpInfo {
    doc: "matmul and the products built on it (dot, tensordot, vecdot, ...): faer for floats and complex, a blocked loop for integers and bool",
    ..OpInfo::new("matmul", "linalg", Kinds::ALL, true)
};
pub static LU_INFO: OpInfo = OpInfo {
    doc: "det, slogdet, solve and inv: LU with partial pivoting (faer; the textbook loop at the reference tier)",
    ..OpInfo::new("lu", "linalg", Kinds::INEXACT, true)
};
pub static CHOLESKY_INFO: OpInfo = OpInfo {
    doc: "cholesky: faer's blocked factorization (the Cholesky–Banachiewicz loop at the reference tier)",
    ..OpInfo::new("cholesky", "linalg", Kinds::INEXACT, true)
};
pub static QR_INFO: OpInfo = OpInfo {
    doc: "qr: faer's blocked Householder QR for real matrices (LAPACK's textbook Householder loop for complex ones, mode='raw' and the reference tier)",
    ..OpInfo::new("qr", "linalg", Kinds::INEXACT, true)
};
pub static EIGH_INFO: OpInfo = OpInfo {
    doc: "eigh and eigvalsh: faer's tridiagonal divide and conquer (cyclic Jacobi at the reference tier)",
    ..OpInfo::new("eigh", "linalg", Kinds::INEXACT, true)
};
pub static EIG_INFO: OpInfo = OpInfo {
    doc: "eig and eigvals: faer's Hessenberg and multishift QR (at every tier)",
    ..OpInfo::new("eig", "linalg", Kinds::INEXACT, true)
};
pub static SVD_INFO: OpInfo = OpInfo {
    doc: "svd and svdvals: faer's bidiagonal divide and conquer (one-sided Jacobi at the reference tier)",
    ..OpInfo::new("svd", "linalg", Kinds::INEXACT, true)
};
pub static FFT_INFO: OpInfo = OpInfo {
    doc: "fft, ifft and the n-d forms: rustfft plans cached per length, blocks of lanes on threads (recursive radix-2 and Bluestein at the reference tier)",
    ..OpInfo::new("fft", "fft", Kinds::INEXACT, true)
};
pub static RFFT_INFO: OpInfo = OpInfo {
    doc: "rfft, irfft, hfft, ihfft and the n-d forms: realfft plans cached per length, blocks of lanes on threads (the complex reference transform at the reference tier)",
    ..OpInfo::new("rfft", "fft", Kinds::FLOAT, true)
};
pub static RANDOM_INFO: OpInfo = OpInfo {
    doc: "random, uniform and integers: PCG64 words four chains at a time (each from its own jump ahead), blocks of words on threads, the same stream as NumPy's at every tier",
    ..OpInfo::new("random", "random", Kinds::ALL, true)
};

/// The entries of the families above, in a stable order.
pub static STRUCTURED: &[&OpInfo] = &[
    &GATHER_INFO,
    &COMPRESS_INFO,
    &TAKE_INFO,
    &SCATTER_INFO,
    &NONZERO_INFO,
    &SORT_INFO,
    &ARGSORT_INFO,
    &LEXSORT_INFO,
    &SEARCHSORTED_INFO,
    &UNIQUE_INFO,
    &ISIN_INFO,
    &QUANTILE_INFO,
    &MEDIAN_INFO,
    &HISTOGRAM_INFO,
    &BLOCKED_COPY_INFO,
    &MATMUL_INFO,
    &LU_INFO,
    &CHOLESKY_INFO,
    &QR_INFO,
    &EIGH_INFO,
    &EIG_INFO,
    &SVD_INFO,
    &FFT_INFO,
    &RFFT_INFO,
    &RANDOM_INFO,
];

/// Every op in this table, in a stable order: elementwise ops, the copy (astype), then the
/// index, sort, statistics and manipulate families. The reductions have their own table
/// (`ops::reduce::table`); `ops::all_ops` lists both.
pub fn all_ops() -> Vec<&'static OpInfo> {
    let mut ops: Vec<&'static OpInfo> = Vec::new();
    ops.extend(BinaryOp::ALL.iter().map(|op| op.info()));
    ops.extend(UnaryOp::ALL.iter().map(|op| op.info()));
    ops.extend([&WHERE_INFO, &CLIP_INFO]);
    ops.push(&CAST_INFO);
    ops.extend(STRUCTURED.iter().copied());
    ops
}

pub fn find(name: &str) -> Option<&'static OpInfo> {
    all_ops().into_iter().find(|op| op.name == name)
}
