//! Floating-point status as NumPy reports it: the divide-by-zero, overflow, underflow and
//! invalid flags an op raised, found in software from the values (never from the FPU's status
//! word, which vectorized math may set spuriously).
//!
//! The elementwise driver checks each block of output while it is in cache (one vectorizable
//! "any non-finite?" pass); only a block holding a non-finite value is classified element by
//! element against its inputs (`classify`). Ops report what they found with `report`, on the
//! thread that called the op (threads' flags are OR-ed first); the binding reads them with
//! `take` after the call and applies the caller's error state. Underflow is not detected.

use num_complex::{Complex32, Complex64};
use std::cell::{Cell, RefCell};

/// NumPy's four categories, as bits (in NumPy's order of reporting).
pub const DIVIDE: u8 = 1;
pub const OVERFLOW: u8 = 2;
pub const UNDERFLOW: u8 = 4;
pub const INVALID: u8 = 8;

thread_local! {
    /// (op name, flags) of each op since the last `take`, in the order they ran.
    static RAISED: RefCell<Vec<(&'static str, u8)>> = const { RefCell::new(Vec::new()) };
    /// The categories the caller's error state turns into exceptions (see `set_raise_mask`).
    static RAISE_MASK: Cell<u8> = const { Cell::new(0) };
}

/// Records that `op` raised `flags` (nothing when `flags` is 0). An op already recorded gets
/// the new flags added to its entry, so the list stays as short as the number of distinct ops
/// (ops run outside the bindings' `take` accumulate here until the next one).
pub fn report(op: &'static str, flags: u8) {
    if flags != 0 {
        RAISED.with(|r| {
            let mut r = r.borrow_mut();
            match r.iter_mut().find(|e| e.0 == op) {
                Some(entry) => entry.1 |= flags,
                None => r.push((op, flags)),
            }
        });
    }
}

/// The flags raised on this thread since the last `take`, and clears them.
pub fn take() -> Vec<(&'static str, u8)> {
    RAISED.with(|r| std::mem::take(&mut *r.borrow_mut()))
}

/// How many reports this thread holds (a mark for `raised_since`).
pub fn mark() -> usize {
    RAISED.with(|r| r.borrow().len())
}

/// Forgets the reports made after `mark` (an op that reports its flags itself in place of
/// those of the ops it is made of).
pub fn discard_since(mark: usize) {
    RAISED.with(|r| r.borrow_mut().truncate(mark));
}

/// The union of the flags reported after `mark`.
pub fn raised_since(mark: usize) -> u8 {
    RAISED.with(|r| r.borrow().iter().skip(mark).fold(0, |acc, e| acc | e.1))
}

/// Sets the categories that will raise an exception for the calls that follow on this thread:
/// an op with `out=` then computes into a temporary and leaves `out` as it was when one of them
/// is flagged (an operation that fails changes nothing). The binding sets it per call.
pub fn set_raise_mask(mask: u8) {
    RAISE_MASK.with(|m| m.set(mask));
}

pub fn raise_mask() -> u8 {
    RAISE_MASK.with(|m| m.get())
}

/// Element types as the status check sees them. Only real floats are checked (`CHECKED`);
/// the others are classified as inputs of a checked op (`abs` of a complex number).
pub trait FpValue: Copy + Send + Sync + 'static {
    const CHECKED: bool = false;
    #[inline(always)]
    fn is_finite_value(self) -> bool {
        true
    }
    #[inline(always)]
    fn is_nan_value(self) -> bool {
        false
    }
    fn is_zero_value(self) -> bool;
    /// A lane-wide flag, nonzero where a checked value is infinite or NaN: kernels OR it over
    /// the values they write (`kernels::simd`'s watched loops), so the check costs a
    /// subtraction and an OR per vector inside the loop, not a second pass. An integer as wide
    /// as the value, so the OR stays in the value's vector lanes.
    type Mask: Copy + Default + Eq + std::ops::BitOr<Output = Self::Mask>;
    fn non_finite_mask(self) -> Self::Mask;
    /// Nonzero when some of `values` is infinite or NaN: the check of a block that no watched
    /// loop wrote, branch-free and compiled for the CPU's vector instructions.
    #[inline(always)]
    fn count_non_finite(values: &[Self]) -> usize {
        crate::kernels::cpu::vectorize(
            #[inline(always)]
            || {
                let mut any = Self::Mask::default();
                for &v in values {
                    any = any | v.non_finite_mask();
                }
                (any != Self::Mask::default()) as usize
            },
        )
    }
}

macro_rules! fp_value_exact {
    ($($t:ty),*) => {$(
        impl FpValue for $t {
            #[inline(always)]
            fn is_zero_value(self) -> bool { self == 0 }
            type Mask = u8;
            #[inline(always)]
            fn non_finite_mask(self) -> u8 { 0 }
        }
    )*};
}
fp_value_exact!(i8, i16, i32, i64, u8, u16, u32, u64);

impl FpValue for crate::BoolByte {
    #[inline(always)]
    fn is_zero_value(self) -> bool {
        !self.get()
    }
    type Mask = u8;
    #[inline(always)]
    fn non_finite_mask(self) -> u8 {
        0
    }
}

macro_rules! fp_value_float {
    ($($t:ty => $bits:ty);*) => {$(
        impl FpValue for $t {
            const CHECKED: bool = true;
            #[inline(always)]
            fn is_finite_value(self) -> bool { self.is_finite() }
            #[inline(always)]
            fn is_nan_value(self) -> bool { self.is_nan() }
            #[inline(always)]
            fn is_zero_value(self) -> bool { self == 0.0 }
            type Mask = $bits;
            /// The bits of x - x: zero where x is finite (x - x is +0), a NaN's where x is
            /// infinite or NaN. One subtraction in the value's own lanes; ORed as integers,
            /// which vectorizes (a float reduction would not: it may not be reordered).
            #[inline(always)]
            fn non_finite_mask(self) -> $bits {
                (self - self).to_bits()
            }
        }
    )*};
}
fp_value_float!(f32 => u32; f64 => u64);

macro_rules! fp_value_complex {
    ($($t:ty),*) => {$(
        impl FpValue for $t {
            #[inline(always)]
            fn is_finite_value(self) -> bool { self.re.is_finite() && self.im.is_finite() }
            #[inline(always)]
            fn is_nan_value(self) -> bool { self.re.is_nan() || self.im.is_nan() }
            #[inline(always)]
            fn is_zero_value(self) -> bool { self.re == 0.0 && self.im == 0.0 }
            // Complex results are not checked (CHECKED is false).
            type Mask = u8;
            #[inline(always)]
            fn non_finite_mask(self) -> u8 { 0 }
        }
    )*};
}
fp_value_complex!(Complex32, Complex64);

/// How an op's non-finite results map to flags beyond IEEE 754's general rule (see
/// `classify`): where an infinity from finite inputs is a division by zero rather than an
/// overflow, and NumPy's implementations that flag more than the general rule.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Rule {
    /// A finite input giving infinity overflowed (exp, multiply, ...).
    Overflow,
    /// The function is finite on finite inputs except at its poles (log, atanh): divide.
    Pole,
    /// Divide when the operand at this index is zero (x / 0, 1 / 0); else an overflow.
    ZeroOperand(usize),
    /// x ** y: divide when the base is zero, whatever the exponent (C's pow(0, -inf)).
    Power,
    /// x // y: divide when y is zero; an overflow also flags invalid (NumPy computes it
    /// through fmod and floor, which meet inf - inf).
    FloorDivide,
    /// logaddexp: NaN is always invalid, NaN inputs included (NumPy's loop compares them).
    ComparesNan,
}

impl Rule {
    /// The rule of the op named `op` (the op table's names).
    pub fn of(op: &str) -> Rule {
        match op {
            "log" | "log2" | "log10" | "log1p" | "atanh" => Rule::Pole,
            "divide" => Rule::ZeroOperand(1),
            "reciprocal" => Rule::ZeroOperand(0),
            "pow" => Rule::Power,
            "floor_divide" => Rule::FloorDivide,
            "logaddexp" | "logaddexp2" => Rule::ComparesNan,
            _ => Rule::Overflow,
        }
    }
}

/// The flags one element raises: `out` computed from `inputs`. IEEE 754's general rule: a NaN
/// from non-NaN inputs is invalid; an infinity from finite inputs is a division by zero or an
/// overflow (`rule`); a NaN or infinity passed through from an input raises nothing.
#[inline]
pub fn classify<T: FpValue, U: FpValue>(rule: Rule, inputs: &[T], out: U) -> u8 {
    let zero = |k: usize| inputs.get(k).is_some_and(|x| x.is_zero_value());
    if out.is_finite_value() {
        0
    } else if out.is_nan_value() {
        if rule == Rule::ComparesNan || !inputs.iter().any(|x| x.is_nan_value()) {
            INVALID
        } else {
            0
        }
    } else if rule == Rule::Power && zero(0) {
        DIVIDE
    } else if inputs.iter().any(|x| !x.is_finite_value()) {
        0
    } else {
        match rule {
            Rule::Pole => DIVIDE,
            Rule::ZeroOperand(k) if zero(k) => DIVIDE,
            Rule::FloorDivide if zero(1) => DIVIDE,
            Rule::FloorDivide => OVERFLOW | INVALID,
            _ => OVERFLOW,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_finite_mask_is_zero_exactly_for_finite_values() {
        fn check<T: FpValue + Into<f64>>(finite: &[T], non_finite: &[T]) {
            for &x in finite {
                assert!(x.non_finite_mask() == T::Mask::default(), "{}", x.into());
                assert_eq!(T::count_non_finite(&[x; 40]), 0);
            }
            for &x in non_finite {
                assert!(x.non_finite_mask() != T::Mask::default(), "{}", x.into());
                let mut run = [finite[0]; 40];
                run[37] = x;
                assert_eq!(T::count_non_finite(&run), 1);
            }
        }
        check(
            &[
                0.0f64,
                -0.0,
                1.0,
                -2.5,
                f64::MAX,
                f64::MIN,
                5e-324,
                -f64::MIN_POSITIVE,
            ],
            &[f64::INFINITY, f64::NEG_INFINITY, f64::NAN, -f64::NAN],
        );
        check(
            &[0.0f32, -0.0, 1.0, f32::MAX, f32::MIN, 1e-45],
            &[f32::INFINITY, f32::NEG_INFINITY, f32::NAN],
        );
    }

    #[test]
    fn classifies_as_ieee() {
        let none = Rule::Overflow;
        assert_eq!(classify(none, &[1000.0f64], f64::INFINITY), OVERFLOW);
        assert_eq!(classify(none, &[f64::INFINITY], f64::INFINITY), 0);
        assert_eq!(classify(none, &[f64::NAN], f64::NAN), 0);
        assert_eq!(classify(none, &[f64::INFINITY], f64::NAN), INVALID);
        assert_eq!(classify(Rule::Pole, &[0.0f32], f32::NEG_INFINITY), DIVIDE);
        let div = Rule::of("divide");
        assert_eq!(classify(div, &[1.0, 0.0], f64::INFINITY), DIVIDE);
        assert_eq!(classify(div, &[1e308, 1e-10], f64::INFINITY), OVERFLOW);
        assert_eq!(classify(div, &[0.0, 0.0], f64::NAN), INVALID);
        assert_eq!(classify(none, &[1.0f64], 2.0f64), 0);
        let pow = Rule::of("pow");
        assert_eq!(
            classify(pow, &[0.0, f64::NEG_INFINITY], f64::INFINITY),
            DIVIDE
        );
        assert_eq!(classify(pow, &[10.0, 400.0], f64::INFINITY), OVERFLOW);
        let lae = Rule::of("logaddexp");
        assert_eq!(classify(lae, &[0.0, f64::NAN], f64::NAN), INVALID);
        let fd = Rule::of("floor_divide");
        assert_eq!(
            classify(fd, &[1e300, 1e-10], f64::INFINITY),
            OVERFLOW | INVALID
        );
        assert_eq!(classify(fd, &[1.0, 0.0], f64::INFINITY), DIVIDE);
    }

    #[test]
    fn counts_non_finite() {
        let v = [1.0, f64::INFINITY, -f64::INFINITY, f64::NAN, -0.0, f64::MAX];
        assert_ne!(f64::count_non_finite(&v), 0);
        assert_eq!(f64::count_non_finite(&v[4..]), 0);
        let w = [1.0f32, f32::NAN, f32::MIN];
        assert_ne!(f32::count_non_finite(&w), 0);
        assert_eq!(f32::count_non_finite(&[f32::MAX, -0.0]), 0);
    }
}
