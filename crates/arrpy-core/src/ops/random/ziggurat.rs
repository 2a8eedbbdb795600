//! Standard normal and standard exponential variates: NumPy's 256-layer ziggurats, step for
//! step, so that a seeded stream is NumPy's.
//!
//! A ziggurat covers the density with 256 layers of equal area: a draw picks a layer with 8 bits
//! and a point across it with the rest; inside the part of the layer under the curve (over 98%
//! of draws) the point's abscissa is the answer. Otherwise it tests against the curve with one
//! more uniform, or samples the tail past r. Tables: `k[i]` is the largest integer draw inside
//! layer i's sure part, `w[i]` scales a draw to an abscissa, `f[i]` is the density at edge i.

use super::ziggurat_edges::{EXPONENTIAL_EDGES, EXPONENTIAL_W0, NORMAL_EDGES, NORMAL_W0};
use super::BitGen;
use std::sync::OnceLock;

const NOR_R: f64 = 3.654_152_885_361_008_8;
const NOR_INV_R: f64 = 0.273_661_237_329_758_27;
const EXP_R: f64 = 7.697_117_470_131_049_7;
const NOR_AREA: f64 = 0.004_928_673_233_974_651_9;
const EXP_AREA: f64 = 0.003_949_659_822_581_557_2;

/// One ziggurat's tables in one precision (K: the integer draw's type, F: the float's).
pub struct Tables<K, F> {
    pub k: [K; 256],
    pub w: [F; 256],
    pub f: [F; 256],
}

/// One ziggurat's shape: its edges, NumPy's layer-0 width for `w0_bits`-bit draws, its
/// (unnormalized) density and the layers' common area.
struct Shape {
    edges: &'static [u64; 256],
    w0: u64,
    w0_bits: i32,
    pdf: fn(f64) -> f64,
    area: f64,
    /// Whether NumPy's float32 tables hold the float64 values printed to 9 significant digits
    /// (its exponential's do; its normal's are the float64 values rounded to float32), which
    /// moves a few entries that lie near a float32 rounding boundary by one ulp.
    single_from_nine_digits: bool,
}

const NORMAL: Shape = Shape {
    edges: &NORMAL_EDGES,
    w0: NORMAL_W0,
    w0_bits: 52,
    pdf: |x| (-0.5 * x * x).exp(),
    area: NOR_AREA,
    single_from_nine_digits: false,
};

const EXPONENTIAL: Shape = Shape {
    edges: &EXPONENTIAL_EDGES,
    w0: EXPONENTIAL_W0,
    w0_bits: 53,
    pdf: |x| (-x).exp(),
    area: EXP_AREA,
    single_from_nine_digits: true,
};

impl Shape {
    /// The tables for `bits`-bit draws, derived from the edges as NumPy did: `w = x / 2^bits`,
    /// `f = pdf(x)`, `k[i] = round(2^bits · x[i-1] / x[i])` (the fraction of layer i below the
    /// edge of the layer above), and for layer 0 (the base and the tail) `k = round(2^bits ·
    /// r·f(r) / v)` and NumPy's width rescaled (exactly: by a power of two).
    fn tables(&self, bits: i32) -> Tables<u64, f64> {
        let x = self.edges.map(f64::from_bits);
        let scale = 2f64.powi(bits);
        let r = x[255];
        let mut k = [0u64; 256];
        for i in 1..256 {
            k[i] = (x[i - 1] / x[i] * scale).round_ties_even() as u64;
        }
        k[0] = (r * (self.pdf)(r) / self.area * scale).round_ties_even() as u64;
        let mut w = x.map(|x| x / scale);
        w[0] = f64::from_bits(self.w0) * 2f64.powi(self.w0_bits - bits);
        Tables {
            k,
            w,
            f: x.map(self.pdf),
        }
    }

    /// The float32 tables: 23-bit draws, widths and densities rounded to float32.
    fn single(&self) -> Tables<u32, f32> {
        let t = self.tables(23);
        let single = |v: f64| {
            if self.single_from_nine_digits {
                // Rust prints the correctly rounded decimal and parses it straight to float32,
                // as the C compiler read NumPy's literals.
                format!("{v:.8e}").parse::<f32>().unwrap_or(v as f32)
            } else {
                v as f32
            }
        };
        Tables {
            k: t.k.map(|k| k as u32),
            w: t.w.map(single),
            f: t.f.map(single),
        }
    }
}

fn normal64() -> &'static Tables<u64, f64> {
    static T: OnceLock<Tables<u64, f64>> = OnceLock::new();
    T.get_or_init(|| NORMAL.tables(52))
}

fn exponential64() -> &'static Tables<u64, f64> {
    static T: OnceLock<Tables<u64, f64>> = OnceLock::new();
    T.get_or_init(|| EXPONENTIAL.tables(53))
}

fn normal32() -> &'static Tables<u32, f32> {
    static T: OnceLock<Tables<u32, f32>> = OnceLock::new();
    T.get_or_init(|| NORMAL.single())
}

fn exponential32() -> &'static Tables<u32, f32> {
    static T: OnceLock<Tables<u32, f32>> = OnceLock::new();
    T.get_or_init(|| EXPONENTIAL.single())
}

/// A standard normal float64 (NumPy's `random_standard_normal`): one word gives the layer (low
/// 8 bits), the sign (next bit) and a 52-bit draw across the layer. The common case is inline;
/// the rest is out of line, so that fill loops stay small.
#[inline(always)]
pub fn standard_normal<G: BitGen + ?Sized>(g: &mut G) -> f64 {
    let t = normal64();
    let r = g.next_u64();
    let idx = (r & 0xff) as usize;
    let r = r >> 8;
    let rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
    // The sign bit set from the draw's (negation without a branch: the bit is a coin flip).
    let x = f64::from_bits((rabs as f64 * t.w[idx]).to_bits() ^ (r << 63));
    if rabs < t.k[idx] {
        return x;
    }
    normal_unlikely(g, idx, rabs, x)
}

/// The rest of a normal draw that fell outside its layer's sure part: the tail for layer 0, the
/// test against the curve otherwise, and on rejection new draws until one is accepted.
#[cold]
#[inline(never)]
fn normal_unlikely<G: BitGen + ?Sized>(g: &mut G, idx: usize, rabs: u64, x: f64) -> f64 {
    let t = normal64();
    let (mut idx, mut rabs, mut x) = (idx, rabs, x);
    loop {
        if idx == 0 {
            return normal_tail(g, (rabs >> 8) & 1 == 1);
        }
        if (t.f[idx - 1] - t.f[idx]) * g.next_double() + t.f[idx] < (-0.5 * x * x).exp() {
            return x;
        }
        let r = g.next_u64();
        idx = (r & 0xff) as usize;
        let r = r >> 8;
        rabs = (r >> 1) & 0x000f_ffff_ffff_ffff;
        x = f64::from_bits((rabs as f64 * t.w[idx]).to_bits() ^ (r << 63));
        if rabs < t.k[idx] {
            return x;
        }
    }
}

/// Marsaglia's tail past r: r + ξ with ξ exponential of rate r, accepted with the normal's
/// shape; `log1p(-U)` keeps log away from 0. The sign is a bit of the draw that chose the tail.
#[cold]
fn normal_tail<G: BitGen + ?Sized>(g: &mut G, negative: bool) -> f64 {
    loop {
        let xx = -NOR_INV_R * (-g.next_double()).ln_1p();
        let yy = -(-g.next_double()).ln_1p();
        if yy + yy > xx * xx {
            return if negative { -(NOR_R + xx) } else { NOR_R + xx };
        }
    }
}

/// A standard normal float32 (NumPy's `random_standard_normal_f`): a 32-bit word gives the
/// layer, the sign and a 23-bit draw.
#[inline]
pub fn standard_normal_f32<G: BitGen + ?Sized>(g: &mut G) -> f32 {
    let t = normal32();
    loop {
        let r = g.next_u32();
        let idx = (r & 0xff) as usize;
        let rabs = (r >> 9) & 0x007f_ffff;
        let x = f32::from_bits((rabs as f32 * t.w[idx]).to_bits() ^ (((r >> 8) & 1) << 31));
        if rabs < t.k[idx] {
            return x;
        }
        if idx == 0 {
            return normal_tail_f32(g, (rabs >> 8) & 1 == 1);
        }
        let u = g.next_float();
        if f64::from((t.f[idx - 1] - t.f[idx]) * u + t.f[idx])
            < (-0.5 * f64::from(x) * f64::from(x)).exp()
        {
            return x;
        }
    }
}

#[cold]
fn normal_tail_f32<G: BitGen + ?Sized>(g: &mut G, negative: bool) -> f32 {
    let r = NOR_R as f32;
    loop {
        let xx = -(NOR_INV_R as f32) * (-g.next_float()).ln_1p();
        let yy = -(-g.next_float()).ln_1p();
        if yy + yy > xx * xx {
            return if negative { -(r + xx) } else { r + xx };
        }
    }
}

/// A standard exponential float64 (NumPy's `random_standard_exponential`): the word's low 3
/// bits are dropped, then 8 bits pick the layer and 53 bits the draw.
#[inline(always)]
pub fn standard_exponential<G: BitGen + ?Sized>(g: &mut G) -> f64 {
    let t = exponential64();
    let ri = g.next_u64() >> 3;
    let idx = (ri & 0xff) as usize;
    let ri = ri >> 8;
    let x = ri as f64 * t.w[idx];
    if ri < t.k[idx] {
        return x;
    }
    exponential_unlikely(g, idx, x)
}

/// The rest of an exponential draw outside its layer's sure part (NumPy's
/// `standard_exponential_unlikely`, which recurses on rejection; the loop draws the same words).
#[cold]
#[inline(never)]
fn exponential_unlikely<G: BitGen + ?Sized>(g: &mut G, idx: usize, x: f64) -> f64 {
    let t = exponential64();
    let (mut idx, mut x) = (idx, x);
    loop {
        if idx == 0 {
            return EXP_R - (-g.next_double()).ln_1p();
        }
        if (t.f[idx - 1] - t.f[idx]) * g.next_double() + t.f[idx] < (-x).exp() {
            return x;
        }
        let ri = g.next_u64() >> 3;
        idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        x = ri as f64 * t.w[idx];
        if ri < t.k[idx] {
            return x;
        }
    }
}

/// A standard exponential float32 (NumPy's `random_standard_exponential_f`).
#[inline]
pub fn standard_exponential_f32<G: BitGen + ?Sized>(g: &mut G) -> f32 {
    let t = exponential32();
    loop {
        let ri = g.next_u32() >> 1;
        let idx = (ri & 0xff) as usize;
        let ri = ri >> 8;
        let x = ri as f32 * t.w[idx];
        if ri < t.k[idx] {
            return x;
        }
        if idx == 0 {
            return EXP_R as f32 - (-g.next_float()).ln_1p();
        }
        if (t.f[idx - 1] - t.f[idx]) * g.next_float() + t.f[idx] < (-x).exp() {
            return x;
        }
    }
}
