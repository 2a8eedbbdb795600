//! The reductions' table: one row per reduction with its op-table entry (name, family, where
//! its simd-tier loop vectorizes, whether it threads, doc line, NumPy's aliases), its signature
//! class and the call that runs it. The bindings dispatch every reduction through `find(name)`
//! with one entry per signature class, and the Python wrappers and their stubs are generated
//! from these rows; adding a reduction is its kernel and a row here.
//!
//! The table sits above the kernel files: they take their `OpInfo` as an argument. Only the
//! convenience forms that name their own row (`reduce` below, `logic::{any, all,
//! count_nonzero}`, kept for callers outside the reductions) look rows up here.

use crate::array::Array;
use crate::dtype::DType;
use crate::error::{Error, Result};
use crate::kernels::search::ArgKind;
use crate::ops::reduce::cumulative::{cumulative, CumulativeOp};
use crate::ops::reduce::{arg, lanes_are_empty, logic, nan, nanstats, reduce_as, stats, ReduceOp};
use crate::optable::{Kinds, OpInfo};

/// The parameters a reduction's Python function takes (one wrapper per class is generated).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Signature {
    /// `(x, /, axis=None, out=None, keepdims=False)`: axis an int, a tuple or None.
    Axes,
    /// `(x, /, axis=None, dtype=None, out=None, keepdims=False)`.
    AxesDtype,
    /// `(x, /, axis=None, dtype=None, out=None, ddof=None, keepdims=False, *, correction=None)`:
    /// NumPy's ddof and the Array API's correction are one number.
    Moments,
    /// `(x, /, axis=None, out=None, *, keepdims=False)`: axis one int or None.
    Arg,
    /// `(x, /, axis=None, dtype=None, out=None)`: NumPy's cumulative form, axis one int or None
    /// (None: the flattened array).
    Cumulative,
    /// `(x, /, *, axis=None, dtype=None, out=None, include_initial=False)`: the Array API's
    /// cumulative form; axis may be left out only for arrays of at most one dimension.
    ApiCumulative,
    /// `(x, /, axis=None, *, keepdims=False)`: no out=.
    Count,
}

impl Signature {
    pub fn name(self) -> &'static str {
        match self {
            Signature::Axes => "axes",
            Signature::AxesDtype => "axes_dtype",
            Signature::Moments => "moments",
            Signature::Arg => "arg",
            Signature::Cumulative => "cumulative",
            Signature::ApiCumulative => "api_cumulative",
            Signature::Count => "count",
        }
    }

    /// Whether `axis` is one integer (or None) rather than an integer or a tuple of them.
    pub fn single_axis(self) -> bool {
        matches!(
            self,
            Signature::Arg | Signature::Cumulative | Signature::ApiCumulative
        )
    }
}

/// A call's arguments, parsed; those a signature class lacks keep their defaults.
#[derive(Clone, Debug, Default)]
pub struct ReduceArgs {
    /// None: every axis (or the flattened array for the single-axis classes).
    pub axis: Option<Vec<isize>>,
    pub dtype: Option<DType>,
    pub keepdims: bool,
    pub ddof: Option<f64>,
    pub correction: Option<f64>,
    pub include_initial: bool,
}

impl ReduceArgs {
    fn axes(&self) -> Option<&[isize]> {
        self.axis.as_deref()
    }

    fn single_axis(&self) -> Result<Option<isize>> {
        match self.axis.as_deref() {
            None => Ok(None),
            Some(&[ax]) => Ok(Some(ax)),
            Some(axes) => Err(Error::Type(format!(
                "axis must be a single integer or None, got {axes:?}"
            ))),
        }
    }

    /// `ddof` or `correction` (0 when neither); both at once is an error, as in NumPy.
    fn degrees(&self) -> Result<f64> {
        match (self.ddof, self.correction) {
            (Some(_), Some(_)) => Err(Error::Value(
                "ddof and correction can't be provided simultaneously.".into(),
            )),
            (d, c) => Ok(d.or(c).unwrap_or(0.0)),
        }
    }
}

/// A reduction's result and the RuntimeWarning NumPy gives for it, if any.
pub struct Reduced {
    pub array: Array,
    pub warning: Option<&'static str>,
}

impl Reduced {
    fn plain(array: Array) -> Result<Reduced> {
        Ok(Reduced {
            array,
            warning: None,
        })
    }

    fn warn_if(array: Array, warn: bool, message: &'static str) -> Result<Reduced> {
        Ok(Reduced {
            array,
            warning: warn.then_some(message),
        })
    }
}

type Run = fn(&OpInfo, &Array, &ReduceArgs) -> Result<Reduced>;

pub struct Reduction {
    pub info: OpInfo,
    pub signature: Signature,
    run: Run,
}

impl Reduction {
    /// Runs the reduction on `a`; its calls are `self.info`'s in `kernels::trace`.
    /// Floating-point flags are reported as NumPy's ufunc methods name them
    /// (`super::status`).
    pub fn call(&self, a: &Array, args: &ReduceArgs) -> Result<Reduced> {
        let mark = crate::fp_status::mark();
        let reduced = (self.run)(&self.info, a, args)?;
        super::status::report_flags(self.info.name, a, args, &reduced.array, mark)?;
        Ok(reduced)
    }
}

macro_rules! reductions {
    ($($row:ident: $name:literal, $family:literal, $vector:ident, $threads:literal, $sig:ident,
       $doc:literal, [$($alias:literal),*], $run:expr;)*) => {
        $(pub static $row: Reduction = Reduction {
            info: OpInfo {
                doc: $doc,
                aliases: &[$($alias),*],
                ..OpInfo::new($name, $family, Kinds::$vector, $threads)
            },
            signature: Signature::$sig,
            run: $run,
        };)*
        /// Every reduction, in a stable order.
        pub static REDUCTIONS: &[&Reduction] = &[$(&$row),*];
    };
}

const DOF: &str = "Degrees of freedom <= 0 for slice";
const NAN_DOF: &str = "Degrees of freedom <= 0 for slice.";
const ALL_NAN: &str = "All-NaN slice encountered";

/// The mean (NaN for lanes of no element, with NumPy's warning).
fn mean(info: &OpInfo, a: &Array, r: &ReduceArgs) -> Result<Reduced> {
    let array = reduce_as(info, ReduceOp::Mean, a, r.axes(), r.keepdims, r.dtype)?;
    Reduced::warn_if(array, lanes_are_empty(a, r.axes())?, "Mean of empty slice")
}

fn moments(info: &OpInfo, a: &Array, r: &ReduceArgs, sqrt: bool) -> Result<Reduced> {
    let v = stats::var(info, a, r.axes(), r.keepdims, r.dtype, r.degrees()?, sqrt)?;
    Reduced::warn_if(v.array, v.dof_warning, DOF)
}

fn nan_moments(info: &OpInfo, a: &Array, r: &ReduceArgs, sqrt: bool) -> Result<Reduced> {
    if !a.dtype().is_inexact() {
        // No NaN to skip: NumPy's nanvar/nanstd are its var/std, warnings included.
        return moments(info, a, r, sqrt);
    }
    let v = nanstats::nanvar(info, a, r.axes(), r.keepdims, r.dtype, r.degrees()?, sqrt)?;
    Reduced::warn_if(v.array, v.dof_warning, NAN_DOF)
}

fn cumulate(info: &OpInfo, op: CumulativeOp, a: &Array, r: &ReduceArgs) -> Result<Reduced> {
    let axis = r.single_axis()?;
    Reduced::plain(cumulative(info, op, a, axis, r.dtype, r.include_initial)?)
}

/// The Array API's cumulative functions: `axis` may be omitted only for 0-d and 1-d arrays.
fn api_cumulate(info: &OpInfo, op: CumulativeOp, a: &Array, r: &ReduceArgs) -> Result<Reduced> {
    if r.axis.is_none() && a.ndim() > 1 {
        return Err(Error::Value(format!(
            "axis must be given for arrays of more than one dimension (got an array of dimension {})",
            a.ndim()
        )));
    }
    cumulate(info, op, a, r)
}

fn argreduce(info: &OpInfo, kind: ArgKind, a: &Array, r: &ReduceArgs) -> Result<Reduced> {
    Reduced::plain(arg::argreduce(info, kind, a, r.single_axis()?, r.keepdims)?)
}

fn nanargreduce(info: &OpInfo, kind: ArgKind, a: &Array, r: &ReduceArgs) -> Result<Reduced> {
    Reduced::plain(arg::nanargreduce(
        info,
        kind,
        a,
        r.single_axis()?,
        r.keepdims,
    )?)
}

fn plain(info: &OpInfo, op: ReduceOp, a: &Array, r: &ReduceArgs) -> Result<Reduced> {
    Reduced::plain(reduce_as(info, op, a, r.axes(), r.keepdims, r.dtype)?)
}

fn nan_result(n: nan::NanResult, message: &'static str) -> Result<Reduced> {
    Reduced::warn_if(n.array, n.all_nan_slice, message)
}

use ArgKind::{Max as ArgMax, Min as ArgMin};
use CumulativeOp::{Prod as CumProd, Sum as CumSum};

reductions! {
    SUM: "sum", "reduction", ALL, true, AxesDtype, "The sum of the elements", [],
        |i, a, r| plain(i, ReduceOp::Sum, a, r);
    PROD: "prod", "reduction", ALL, true, AxesDtype, "The product of the elements", [],
        |i, a, r| plain(i, ReduceOp::Prod, a, r);
    MIN: "min", "reduction", ALL, true, Axes, "The smallest element", ["amin"],
        |i, a, r| plain(i, ReduceOp::Min, a, r);
    MAX: "max", "reduction", ALL, true, Axes, "The largest element", ["amax"],
        |i, a, r| plain(i, ReduceOp::Max, a, r);
    MEAN: "mean", "reduction", ALL, true, AxesDtype, "The arithmetic mean of the elements", [],
        |i, a, r| mean(i, a, r);
    VAR: "var", "reduction", ALL, true, Moments, "The variance of the elements", [],
        |i, a, r| moments(i, a, r, false);
    STD: "std", "reduction", ALL, true, Moments, "The standard deviation of the elements", [],
        |i, a, r| moments(i, a, r, true);
    ARGMIN: "argmin", "reduction", ALL, true, Arg, "The index of the first smallest element", [],
        |i, a, r| argreduce(i, ArgMin, a, r);
    ARGMAX: "argmax", "reduction", ALL, true, Arg, "The index of the first largest element", [],
        |i, a, r| argreduce(i, ArgMax, a, r);
    ANY: "any", "reduction", ALL, true, Axes, "Whether any element is true (non-zero)", [],
        |i, a, r| Reduced::plain(logic::any_as(i, a, r.axes(), r.keepdims)?);
    ALL: "all", "reduction", ALL, true, Axes, "Whether every element is true (non-zero)", [],
        |i, a, r| Reduced::plain(logic::all_as(i, a, r.axes(), r.keepdims)?);
    COUNT_NONZERO: "count_nonzero", "reduction", ALL, true, Count,
        "The number of non-zero elements", [],
        |i, a, r| Reduced::plain(logic::count_nonzero_as(i, a, r.axes(), r.keepdims)?);
    PTP: "ptp", "reduction", ALL, true, Axes, "The range of the elements: max - min", [],
        |i, a, r| Reduced::plain(stats::ptp(i, a, r.axes(), r.keepdims)?);
    NANSUM: "nansum", "reduction", ALL, true, AxesDtype,
        "The sum of the elements, NaN counted as zero", [],
        |i, a, r| nan_result(nan::nansum(i, a, r.axes(), r.keepdims, r.dtype)?, ALL_NAN);
    NANPROD: "nanprod", "reduction", ALL, true, AxesDtype,
        "The product of the elements, NaN counted as one", [],
        |i, a, r| nan_result(nan::nanprod(i, a, r.axes(), r.keepdims, r.dtype)?, ALL_NAN);
    NANMEAN: "nanmean", "reduction", ALL, true, AxesDtype,
        "The arithmetic mean of the elements that are not NaN", [],
        |i, a, r| nan_result(nan::nanmean(i, a, r.axes(), r.keepdims, r.dtype)?, "Mean of empty slice");
    NANMIN: "nanmin", "reduction", ALL, true, Axes, "The smallest element, ignoring NaN", [],
        |i, a, r| nan_result(nan::nanextremum(i, a, r.axes(), r.keepdims, false)?, ALL_NAN);
    NANMAX: "nanmax", "reduction", ALL, true, Axes, "The largest element, ignoring NaN", [],
        |i, a, r| nan_result(nan::nanextremum(i, a, r.axes(), r.keepdims, true)?, ALL_NAN);
    NANVAR: "nanvar", "reduction", ALL, true, Moments,
        "The variance of the elements that are not NaN", [],
        |i, a, r| nan_moments(i, a, r, false);
    NANSTD: "nanstd", "reduction", ALL, true, Moments,
        "The standard deviation of the elements that are not NaN", [],
        |i, a, r| nan_moments(i, a, r, true);
    NANARGMIN: "nanargmin", "reduction", ALL, true, Arg,
        "The index of the first smallest element, ignoring NaN", [],
        |i, a, r| nanargreduce(i, ArgMin, a, r);
    NANARGMAX: "nanargmax", "reduction", ALL, true, Arg,
        "The index of the first largest element, ignoring NaN", [],
        |i, a, r| nanargreduce(i, ArgMax, a, r);
    CUMSUM: "cumsum", "cumulative", NONE, false, Cumulative, "The running sum", [],
        |i, a, r| cumulate(i, CumSum, a, r);
    CUMPROD: "cumprod", "cumulative", NONE, false, Cumulative, "The running product", [],
        |i, a, r| cumulate(i, CumProd, a, r);
    NANCUMSUM: "nancumsum", "cumulative", NONE, false, Cumulative,
        "The running sum, NaN counted as zero", [],
        |i, a, r| cumulate(i, CumulativeOp::NanSum, a, r);
    NANCUMPROD: "nancumprod", "cumulative", NONE, false, Cumulative,
        "The running product, NaN counted as one", [],
        |i, a, r| cumulate(i, CumulativeOp::NanProd, a, r);
    CUMULATIVE_SUM: "cumulative_sum", "cumulative", NONE, false, ApiCumulative,
        "The running sum", [],
        |i, a, r| api_cumulate(i, CumSum, a, r);
    CUMULATIVE_PROD: "cumulative_prod", "cumulative", NONE, false, ApiCumulative,
        "The running product", [],
        |i, a, r| api_cumulate(i, CumProd, a, r);
}

/// The reduction called `name` (its own name, not an alias).
pub fn find(name: &str) -> Option<&'static Reduction> {
    REDUCTIONS.iter().copied().find(|r| r.info.name == name)
}

/// `op` along `axes` (None: all axes), traced as the reduction of that name.
pub fn reduce(
    op: ReduceOp,
    a: &Array,
    axes: Option<&[isize]>,
    keepdims: bool,
    dtype: Option<DType>,
) -> Result<Array> {
    let row = match op {
        ReduceOp::Sum => &SUM,
        ReduceOp::Prod => &PROD,
        ReduceOp::Min => &MIN,
        ReduceOp::Max => &MAX,
        ReduceOp::Mean => &MEAN,
    };
    reduce_as(&row.info, op, a, axes, keepdims, dtype)
}
