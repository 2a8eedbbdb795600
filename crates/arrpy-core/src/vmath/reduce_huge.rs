//! Exact Payne–Hanek argument reduction by pi/2 for huge finite f64 arguments.
//!
//! `x = q·pi/2 + r` with `|r| <= pi/4` (up to rounding), `r` returned as a double-double good to
//! about 2^-100 relative. Works for any finite |x| >= 2^-28·2^52 = 2^24 (any normal |x| >= 1 in
//! fact); used by the scalar slow paths of sin/cos/tan.

/// Bits of 2/pi after the binary point, 64 per word, most significant first:
/// `TWO_OVER_PI[j]` holds bits 64(j-1)+1 ..= 64j (word 0 is zero padding for the bits at and
/// before the binary point, which are all zero). 1280 bits, enough for every f64 exponent.
/// Computed with mpmath: `mp.prec = 1500; N = int(floor(2/mp.pi * 2**1280))`, split into
/// 64-bit words from the top.
static TWO_OVER_PI: [u64; 21] = [
    0,
    0xA2F9836E4E441529,
    0xFC2757D1F534DDC0,
    0xDB6295993C439041,
    0xFE5163ABDEBBC561,
    0xB7246E3A424DD2E0,
    0x06492EEA09D1921C,
    0xFE1DEB1CB129A73E,
    0xE88235F52EBB4484,
    0xE99C7026B45F7E41,
    0x3991D639835339F4,
    0x9C845F8BBDF9283B,
    0x1FF897FFDE05980F,
    0xEF2F118B5A0A6D1F,
    0x6D367ECF27CB09B7,
    0x4F463F669E5FEA2D,
    0x7527BAC7EBE5F17B,
    0x3D0739F78A5292EA,
    0x6BFB5FB11F8D5D08,
    0x56033046FC7B6BAB,
    0xF0CFBC209AF4361D,
];

/// pi/2 = PIO2_HI + PIO2_LO to ~107 bits (PIO2_HI is the nearest double; mpmath).
pub(crate) const PIO2_HI: f64 = 1.5707963267948966;
pub(crate) const PIO2_LO: f64 = 6.123233995736766e-17;

/// Four consecutive words of the 2/pi bit string starting at bit index `k` (0-based, counted
/// from the most significant bit of `TWO_OVER_PI[0]`), most significant word first.
#[inline]
fn window(k: usize) -> [u64; 4] {
    let w = k / 64;
    let sh = (k % 64) as u32;
    let mut out = [0u64; 4];
    for (t, o) in out.iter_mut().enumerate() {
        let a = TWO_OVER_PI.get(w + t).copied().unwrap_or(0);
        let b = TWO_OVER_PI.get(w + t + 1).copied().unwrap_or(0);
        *o = if sh == 0 {
            a
        } else {
            (a << sh) | (b >> (64 - sh))
        };
    }
    out
}

/// Payne–Hanek reduction of a finite `x` with `|x| >= 2^24`: returns `(q, hi, lo)` with
/// `x = q·pi/2 + (hi + lo) + O(2^-100 |hi|)` (q taken mod 4), `|hi + lo| <= pi/4 (1 + 2^-50)`
/// and `|lo| <= 2^-52 |hi|`. Any other finite `x` with |x| >= 1 works too; the result is
/// unspecified (no panic) for NaN, infinities and |x| < 1.
pub(crate) fn reduce_pio2_huge(x: f64) -> (u32, f64, f64) {
    let bits = x.to_bits();
    let neg = bits >> 63 == 1;
    let be = ((bits >> 52) & 0x7ff) as i64;
    let m = (bits & ((1u64 << 52) - 1)) | (1u64 << 52); // |x| = m · 2^e
    let e = be - 1075;
    // Bits b_i (weight 2^-i) of 2/pi with i <= e - 2 make m·2^e·b_i·2^-i a multiple of 4: skip
    // them. The window starts at i0 = e - 1, bit index k = i0 + 63 in the table layout.
    let k = (e - 1 + 63).max(0) as usize;
    let b = window(k);
    // B = b[0]·2^192 + ... + b[3] (256 bits) approximates 2^(i0 + 255) · sum_{i >= i0} b_i 2^-i,
    // so x·2/pi ≡ m·2^e·B·2^(-i0-255) = m·B·2^-254 (mod 4). Keep m·B mod 2^256: its top two bits are
    // the integer part mod 4, the 254 bits below the fraction. The bits past the window weigh
    // < 2^53·2^-254 = 2^-201 in x·2/pi.
    let m = m as u128;
    let mut p = [0u64; 4]; // little-endian limbs of m·B mod 2^256
    let mut carry: u128 = 0;
    for limb in 0..4 {
        let prod = m * b[3 - limb] as u128 + carry;
        p[limb] = prod as u64;
        carry = prod >> 64;
    }
    // Round to the nearest quadrant: the first fractional bit is bit 61 of the top limb.
    let top = p[3];
    let q = (((top >> 62) + ((top >> 61) & 1)) & 3) as u32;
    // Fraction f = signed(m·B << 2) · 2^-256, in [-1/2, 1/2).
    let mut f = [
        p[0] << 2,
        (p[1] << 2) | (p[0] >> 62),
        (p[2] << 2) | (p[1] >> 62),
        (p[3] << 2) | (p[2] >> 62),
    ];
    let fneg = f[3] >> 63 == 1;
    if fneg {
        // Two's complement negation of the 256-bit value.
        let mut c = 1u64;
        for w in f.iter_mut() {
            let (s, o) = (!*w).overflowing_add(c);
            *w = s;
            c = o as u64;
        }
    }
    // Normalize: the leading one at bit 255, then the top 128 bits.
    let lz = if f[3] != 0 {
        f[3].leading_zeros()
    } else if f[2] != 0 {
        64 + f[2].leading_zeros()
    } else if f[1] != 0 {
        128 + f[1].leading_zeros()
    } else if f[0] != 0 {
        192 + f[0].leading_zeros()
    } else {
        // x·2/pi an exact multiple of 1 (impossible for a double, pi being irrational).
        return (if neg { (4 - q) & 3 } else { q }, 0.0, 0.0);
    };
    let hi128 = ((f[3] as u128) << 64) | f[2] as u128;
    let lo128 = ((f[1] as u128) << 64) | f[0] as u128;
    let n = if lz == 0 {
        hi128
    } else if lz < 128 {
        (hi128 << lz) | (lo128 >> (128 - lz))
    } else {
        lo128 << (lz - 128)
    };
    // n (leading one at bit 127) · 2^(-128 - lz) = |f| to 2^-127 relative (bits below lost).
    let head = n & !((1u128 << 75) - 1); // top 53 bits: exact as a double
    let fh = head as f64;
    let fl = (n - head) as f64; // < 2^75, rounded: error 2^-53·2^75 = 2^-106 of n
    let scale = f64::from_bits(((1023 - 128 - lz as i64) as u64) << 52); // 2^(-128-lz) >= 2^-384
    let fh = fh * scale;
    let fl = fl * scale;
    // r = f · pi/2 in double-double.
    let ph = fh * PIO2_HI;
    let pe = fh.mul_add(PIO2_HI, -ph);
    let pl = fl.mul_add(PIO2_HI, fh.mul_add(PIO2_LO, pe));
    let rh = ph + pl;
    let rl = pl - (rh - ph);
    let (rh, rl) = if fneg ^ neg { (-rh, -rl) } else { (rh, rl) };
    (if neg { (4 - q) & 3 } else { q }, rh, rl)
}
