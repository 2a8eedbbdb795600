//! `numpy.cov` and `numpy.corrcoef`: NumPy's steps (weighted means, centred rows, their
//! products, the normalization) over rows of observations. The row products are plain sums
//! where NumPy calls BLAS, so the last bits can differ from NumPy's.

use crate::array::Array;
use crate::dtype::{promote_types, DType, Scalar};
use crate::error::{Error, Result};
use crate::ops::cast::astype;
use num_complex::Complex64;

pub struct CovArgs<'a> {
    pub y: Option<&'a Array>,
    pub rowvar: bool,
    pub bias: bool,
    pub ddof: Option<i64>,
    pub fweights: Option<&'a Array>,
    pub aweights: Option<&'a Array>,
    pub dtype: Option<DType>,
}

/// The covariance and whether NumPy warns "Degrees of freedom <= 0 for slice".
pub fn cov(m: &Array, args: &CovArgs) -> Result<(Array, bool)> {
    if m.ndim() > 2 {
        return Err(Error::Value("m has more than 2 dimensions".into()));
    }
    if args.y.is_some_and(|y| y.ndim() > 2) {
        return Err(Error::Value("y has more than 2 dimensions".into()));
    }
    let dt = args.dtype.unwrap_or_else(|| {
        let d = promote_types(m.dtype(), DType::Float64);
        args.y.map_or(d, |y| promote_types(d, y.dtype()))
    });
    if !dt.is_inexact() {
        return Err(Error::Type(format!(
            "cov needs a float or complex dtype, not {}",
            dt.name()
        )));
    }
    // Rows are variables, columns observations.
    let rows = |x: &Array| -> Result<Vec<Vec<Complex64>>> {
        let x = if x.ndim() < 2 {
            x.reshape(&[1, -1])?
        } else {
            x.clone()
        };
        let x = if !args.rowvar && x.shape()[0] != 1 {
            x.transpose(None)?
        } else {
            x
        };
        let v = astype(&x, dt)?.to_scalars()?;
        let n = x.shape()[1];
        Ok((0..x.shape()[0])
            .map(|i| {
                v[i * n..(i + 1) * n]
                    .iter()
                    .map(|s| s.as_complex())
                    .collect()
            })
            .collect())
    };
    let mut xs = rows(m)?;
    let m_rows = if m.ndim() < 2 {
        1
    } else if args.rowvar {
        m.shape()[0]
    } else {
        m.shape()[1]
    };
    if m_rows == 0 {
        return Ok((Array::empty(DType::Float64, &[0, 0])?, false));
    }
    if let Some(y) = args.y {
        let ys = rows(y)?;
        if ys.first().map(Vec::len) != xs.first().map(Vec::len) {
            return Err(Error::Value("all the input array dimensions except for the concatenation axis must match exactly".into()));
        }
        xs.extend(ys);
    }
    let n = xs[0].len();
    let ddof = args.ddof.unwrap_or(if args.bias { 0 } else { 1 }) as f64;
    let weights = |w: Option<&Array>, name: &str| -> Result<Option<Vec<f64>>> {
        let Some(w) = w else { return Ok(None) };
        if w.ndim() > 1 {
            return Err(Error::Value(format!(
                "cannot handle multidimensional {name}"
            )));
        }
        if w.size() != n {
            return Err(Error::Value(format!(
                "incompatible numbers of samples and {name}"
            )));
        }
        let v: Vec<f64> = w.to_scalars()?.into_iter().map(Scalar::as_f64).collect();
        if name == "fweights" && v.iter().any(|x| *x != x.round_ties_even()) {
            return Err(Error::Type("fweights must be integer".into()));
        }
        if v.iter().any(|&x| x < 0.0) {
            return Err(Error::Value(format!("{name} cannot be negative")));
        }
        Ok(Some(v))
    };
    let f = weights(args.fweights, "fweights")?;
    let a = weights(args.aweights, "aweights")?;
    let w: Option<Vec<f64>> = match (&f, &a) {
        (None, None) => None,
        (Some(f), None) => Some(f.clone()),
        (None, Some(a)) => Some(a.clone()),
        (Some(f), Some(a)) => Some(f.iter().zip(a).map(|(x, y)| x * y).collect()),
    };
    let w_sum: f64 = w.as_ref().map_or(n as f64, |w| w.iter().sum());
    let fact = match (&w, &a) {
        (None, _) => n as f64 - ddof,
        (Some(_), _) if ddof == 0.0 => w_sum,
        (Some(_), None) => w_sum - ddof,
        (Some(w), Some(a)) => {
            w_sum - ddof * w.iter().zip(a).map(|(x, y)| x * y).sum::<f64>() / w_sum
        }
    };
    let warn = fact <= 0.0;
    let fact = if warn { 0.0 } else { fact };
    for row in xs.iter_mut() {
        let mean = match &w {
            None => row.iter().sum::<Complex64>() / n as f64,
            Some(w) => row.iter().zip(w).map(|(x, w)| x * w).sum::<Complex64>() / w_sum,
        };
        row.iter_mut().for_each(|x| *x -= mean);
    }
    let k = xs.len();
    let mut c = crate::buffer::vec_with_capacity(k * k)?;
    for i in 0..k {
        for j in 0..k {
            let s: Complex64 = (0..n)
                .map(|t| xs[i][t] * (xs[j][t] * w.as_ref().map_or(1.0, |w| w[t])).conj())
                .sum();
            c.push(s * (1.0 / fact));
        }
    }
    let out = Array::from_vec(c, &[k, k])?;
    let out = astype(&out, dt)?;
    Ok((if k == 1 { out.reshape(&[])? } else { out }, warn))
}

/// `numpy.corrcoef(x, y, rowvar, dtype)`: the covariance scaled by the standard deviations,
/// real and imaginary parts clipped to [-1, 1].
pub fn corrcoef(
    x: &Array,
    y: Option<&Array>,
    rowvar: bool,
    dtype: Option<DType>,
) -> Result<(Array, bool)> {
    let args = CovArgs {
        y,
        rowvar,
        bias: false,
        ddof: None,
        fweights: None,
        aweights: None,
        dtype,
    };
    let (c, warn) = cov(x, &args)?;
    let dt = c.dtype();
    let v: Vec<Complex64> = c
        .to_scalars()?
        .into_iter()
        .map(Scalar::as_complex)
        .collect();
    if c.ndim() == 0 {
        let r = v[0] / v[0];
        return Ok((Array::full(dt, &[], Scalar::Complex(r))?, warn));
    }
    let k = c.shape()[0];
    let sd: Vec<f64> = (0..k).map(|i| v[i * k + i].re.sqrt()).collect();
    let clip = |x: f64| if x.is_nan() { x } else { x.clamp(-1.0, 1.0) };
    let r: Vec<Complex64> = (0..k * k)
        .map(|p| {
            let q = v[p] / sd[p / k] / sd[p % k];
            Complex64::new(clip(q.re), clip(q.im))
        })
        .collect();
    Ok((astype(&Array::from_vec(r, &[k, k])?, dt)?, warn))
}
