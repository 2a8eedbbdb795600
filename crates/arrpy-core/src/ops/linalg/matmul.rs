//! `matmul` (`a @ b`): NumPy's generalized ufunc with signature `(n?,k),(k,m?)->(n?,m?)`.
//!
//! A 1-d first operand is a row (a 1 prepended), a 1-d second a column (a 1 appended), and
//! those axes are removed from the result; the dimensions before the last two are batch
//! dimensions and broadcast. Operands are cast to the promoted dtype (copies only where the
//! dtype changes or the strides are not whole elements); otherwise every view — strided,
//! reversed, transposed, broadcast — reaches the kernels as it is.

use super::gemm::Gemm;
use super::stack::{is_element_strided, matrix, operand};
use super::{reference, Product};
use crate::array::Array;
use crate::dtype::promote_types;
use crate::error::{Error, Result};
use crate::kernels::{current_tier, parallel, trace, Tier};
use crate::layout::{broadcast_shapes, checked_size, format_shape, Shape};
use crate::ops::elementwise::output::with_separate_output;
use crate::optable::MATMUL_INFO;
use crate::with_dtype;

const SIGNATURE: &str = "(n?,k),(k,m?)->(n?,m?)";

/// A call of at least this many multiply-adds may run on threads at the parallel tier: its
/// products shared out whole (`parallel::share` costs about one wake-up), or each product's
/// kernel given the threads (which it may still decline: `Gemm::gemm`).
pub const MIN_THREADED_WORK: usize = 1 << 18;

/// The shapes of one call: the broadcast batch shape, the matrices' `n×k` by `k×m`, and the
/// result's shape (batch, then `n` unless a was 1-d, then `m` unless b was 1-d).
struct Dims {
    batch: Shape,
    n: usize,
    k: usize,
    m: usize,
    result: Shape,
    /// Whether a (b) was 1-d: its axis of 1 is not in the result.
    a_vector: bool,
    b_vector: bool,
}

fn dims(a: &[usize], b: &[usize]) -> Result<Dims> {
    for (i, shape) in [a, b].into_iter().enumerate() {
        if shape.is_empty() {
            return Err(Error::Value(format!(
                "matmul: Input operand {i} does not have enough dimensions (has 0, gufunc core with signature {SIGNATURE} requires 1)"
            )));
        }
    }
    let (a_batch, n, ka) = match a {
        [k] => (&a[..0], None, *k),
        [batch @ .., n, k] => (batch, Some(*n), *k),
        [] => unreachable!("checked above"),
    };
    let (b_batch, kb, m) = match b {
        [k] => (&b[..0], *k, None),
        [batch @ .., k, m] => (batch, *k, Some(*m)),
        [] => unreachable!("checked above"),
    };
    if ka != kb {
        return Err(Error::Shape(format!(
            "matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc signature {SIGNATURE} (size {kb} is different from {ka})"
        )));
    }
    let batch = broadcast_shapes(&[a_batch, b_batch]).map_err(|_| {
        Error::Shape(format!(
            "matmul: operands could not be broadcast together with shapes {} {} (batch dimensions {} and {})",
            format_shape(a),
            format_shape(b),
            format_shape(a_batch),
            format_shape(b_batch)
        ))
    })?;
    let mut result = batch.clone();
    result.extend(n);
    result.extend(m);
    checked_size(&result)?;
    Ok(Dims {
        batch,
        n: n.unwrap_or(1),
        k: ka,
        m: m.unwrap_or(1),
        result,
        a_vector: n.is_none(),
        b_vector: m.is_none(),
    })
}

/// `numpy.matmul(a, b, out=out)`. `out` must have the result's shape and take its dtype by
/// same-kind casting; it is written only after every check passed, and through a temporary
/// when it shares memory with an operand (`a @= b`).
pub fn matmul(a: &Array, b: &Array, out: Option<&Array>) -> Result<Array> {
    let dims = dims(a.shape(), b.shape())?;
    if let Some(out) = out {
        check_out_shape(out.shape(), &dims)?;
    }
    let dtype = promote_types(a.dtype(), b.dtype());
    let (a, b) = (operand(a, dtype)?, operand(b, dtype)?);
    with_separate_output(
        MATMUL_INFO.name,
        &dims.result,
        dtype,
        out,
        &[&a, &b],
        is_element_strided,
        |c| with_dtype!(dtype, T => run::<T>(&dims, &a, &b, c)),
    )
}

/// NumPy's messages for an `out` of the wrong shape: its core dimensions (`n`, `m`, those not
/// removed for a 1-d operand) first, then the batch dimensions.
fn check_out_shape(out: &[usize], dims: &Dims) -> Result<()> {
    let core: Vec<usize> = dims.result[dims.batch.len()..].to_vec();
    if out.len() < core.len() {
        return Err(Error::Shape(format!(
            "matmul: Output operand 0 does not have enough dimensions (has {}, gufunc core with signature {SIGNATURE} requires {})",
            out.len(),
            core.len()
        )));
    }
    let out_core = &out[out.len() - core.len()..];
    if let Some(i) = (0..core.len()).find(|&i| out_core[i] != core[i]) {
        return Err(Error::Shape(format!(
            "matmul: Output operand 0 has a mismatch in its core dimension {i}, with gufunc signature {SIGNATURE} (size {} is different from {})",
            out_core[i], core[i]
        )));
    }
    if out != dims.result.as_slice() {
        return Err(Error::Shape(format!(
            "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
            format_shape(out),
            format_shape(&dims.result)
        )));
    }
    Ok(())
}

/// How one call runs: batches shared out to threads, or each product on threads inside.
struct Plan {
    tier: Tier,
    batch_chunks: usize,
    inner_threads: usize,
}

impl Plan {
    fn new(tier: Tier, batches: usize, work_per_product: usize) -> Plan {
        let threads = parallel::num_threads();
        let mut plan = Plan {
            tier,
            batch_chunks: 1,
            inner_threads: 1,
        };
        if tier != Tier::Parallel || threads <= 1 {
            return plan;
        }
        if batches.saturating_mul(work_per_product) < MIN_THREADED_WORK {
            return plan;
        }
        // Many products go to threads whole; a few are each split.
        if batches >= 2 * threads || (batches >= 2 && work_per_product < MIN_THREADED_WORK) {
            plan.batch_chunks = batches.min(4 * threads);
        } else {
            plan.inner_threads = threads;
        }
        plan
    }
}

/// Every product of the batch into `c` (of the result's shape, element-strided, overlapping
/// neither operand).
fn run<T: Gemm>(dims: &Dims, a: &Array, b: &Array, c: &Array) -> Result<()> {
    let Dims { n, k, m, .. } = *dims;
    let batch = &dims.batch;
    // Operands and result as (batch..., rows, cols): the 1-d ones get their axis of 1 back.
    let a = if a.ndim() == 1 {
        a.insert_axis(0)
    } else {
        a.clone()
    };
    let b = if b.ndim() == 1 {
        b.insert_axis(1)
    } else {
        b.clone()
    };
    let c = with_core_axes(c, dims);
    let full = |x: &Array, rows: usize, cols: usize| -> Result<Array> {
        let mut shape = batch.clone();
        shape.extend([rows, cols]);
        x.broadcast_to(&shape)
    };
    let (a, b) = (full(&a, n, k)?, full(&b, k, m)?);
    let batches = checked_size(batch)?;
    let plan = Plan::new(
        current_tier(),
        batches,
        n.saturating_mul(k).saturating_mul(m),
    );
    let vector = plan.tier != Tier::Reference;
    if batches == 0 || n == 0 || m == 0 {
        trace::record(MATMUL_INFO.name, T::DTYPE, vector, false);
        return Ok(());
    }
    // Returns whether the product ran on threads.
    let product = |index: usize, threads: usize| -> bool {
        let (c, a, b) = (matrix::<T>(&c, index), matrix(&a, index), matrix(&b, index));
        // (`matrix` reads each operand's own batch axes: all are broadcast to `batch` above.)
        // SAFETY: the views lie inside their buffers (checked when made) with element strides
        // and alignment (`operand`); `c` overlaps neither operand (`with_separate_output`)
        // and each batch index writes its own matrix of `c`.
        unsafe { product_at(plan.tier, Product { n, k, m, c, a, b }, threads) }
    };
    let threaded = if plan.batch_chunks > 1 {
        let chunks = plan.batch_chunks;
        parallel::share(chunks, |i| {
            for index in i * batches / chunks..(i + 1) * batches / chunks {
                product(index, 1);
            }
        });
        true
    } else {
        (0..batches).fold(false, |any, index| product(index, plan.inner_threads) | any)
    };
    trace::record(MATMUL_INFO.name, T::DTYPE, vector, threaded);
    Ok(())
}

/// `c` (of the result's shape) viewed as (batch..., n, m): the axes a 1-d operand removed are
/// put back with length 1.
fn with_core_axes(c: &Array, dims: &Dims) -> Array {
    let mut c = c.clone();
    if dims.a_vector {
        c = c.insert_axis(dims.batch.len());
    }
    if dims.b_vector {
        c = c.insert_axis(c.ndim());
    }
    c
}

/// One product at `tier`; returns whether it ran on threads.
///
/// # Safety
/// As `reference::matmul`; n and m are at least 1.
unsafe fn product_at<T: Gemm>(tier: Tier, p: Product<T>, threads: usize) -> bool {
    if p.k == 0 {
        // An empty sum: zeros (faer and the loops would need a pointer to at least one element).
        for i in 0..p.n {
            for j in 0..p.m {
                p.c.set(i, j, T::zero_pos());
            }
        }
        false
    } else if tier == Tier::Reference {
        reference::matmul(p);
        false
    } else {
        T::gemm(p, threads)
    }
}
