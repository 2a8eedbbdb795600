//! `arrpy.random`'s engine: the PCG bit generator object, SeedSequence's hashing and the draws
//! (`ops::random` in core). The package's `arrpy.random` parses arguments, applies NumPy's
//! checks and builds SeedSequence, the bit generator classes and Generator on these.

use crate::dtype::dtype_from_py;
use crate::errors::IntoPyResult;
use crate::functions::creation::to_array;
use crate::ndarray::PyNdArray;
use crate::operators::maybe_detach;
use arrpy_core::kernels::current_tier;
use arrpy_core::ops::random::generate::{self, Standard};
use arrpy_core::ops::random::{seed_sequence, BitGen, Pcg, Variant};
use arrpy_core::Array;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use std::sync::Mutex;

/// A PCG64 or PCG64DXSM state behind a lock (one draw at a time, as NumPy's bit generators).
#[pyclass(module = "arrpy._arrpy", name = "_Pcg", frozen)]
pub struct PyPcg {
    inner: Mutex<Pcg>,
}

impl PyPcg {
    /// Runs `f` on the generator with the GIL released when `size` is large.
    fn with<T: Send>(
        &self,
        py: Python<'_>,
        size: usize,
        f: impl FnOnce(&mut Pcg) -> T + Send,
    ) -> T {
        maybe_detach(py, size, || {
            let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut g)
        })
    }
}

fn variant(name: &str) -> PyResult<Variant> {
    match name {
        "PCG64" => Ok(Variant::XslRr),
        "PCG64DXSM" => Ok(Variant::Dxsm),
        other => Err(PyValueError::new_err(format!(
            "unknown bit generator {other:?}"
        ))),
    }
}

#[pymethods]
impl PyPcg {
    /// Seeded from 128-bit `initstate` and `initseq` (what SeedSequence generates).
    #[new]
    fn new(name: &str, initstate: u128, initseq: u128) -> PyResult<Self> {
        Ok(PyPcg {
            inner: Mutex::new(Pcg::seeded(variant(name)?, initstate, initseq)),
        })
    }

    /// `(state, inc, has_uint32, uinteger)`.
    fn get_state(&self) -> (u128, u128, bool, u32) {
        let g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        (g.state, g.inc, g.has_uint32, g.uinteger)
    }

    fn set_state(&self, state: u128, inc: u128, has_uint32: bool, uinteger: u32) {
        let mut g = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        g.state = state;
        g.inc = inc | 1;
        g.has_uint32 = has_uint32;
        g.uinteger = uinteger;
    }

    fn advance(&self, delta: u128) {
        self.inner
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .advance(delta);
    }

    /// The next `n` raw 64-bit words.
    fn random_raw(&self, py: Python<'_>, n: usize) -> PyResult<Py<PyNdArray>> {
        let words = self.with(py, n, |g| {
            let mut v = arrpy_core::buffer::vec_with_capacity::<u64>(n)?;
            v.extend((0..n).map(|_| g.next_u64()));
            Array::from_vec(v, &[n])
        });
        PyNdArray::wrap(py, words.py()?)
    }

    /// `random`, `standard_normal` or `standard_exponential` of `shape` and `dtype`, then
    /// `loc + scale · x` when `affine` is given (uniform, normal, exponential).
    #[pyo3(signature = (kind, shape, dtype, affine=None))]
    fn standard(
        &self,
        py: Python<'_>,
        kind: &str,
        shape: Vec<usize>,
        dtype: &Bound<'_, PyAny>,
        affine: Option<(f64, f64)>,
    ) -> PyResult<Py<PyNdArray>> {
        let kind = match kind {
            "random" => Standard::Uniform,
            "normal" => Standard::Normal,
            "exponential" => Standard::Exponential,
            "exponential_inverse" => Standard::ExponentialInverse,
            other => return Err(PyValueError::new_err(format!("unknown kind {other:?}"))),
        };
        let dtype = dtype_from_py(dtype)?;
        let size = shape.iter().product();
        let tier = current_tier();
        let a = self.with(py, size, |g| {
            generate::standard(g, kind, &shape, dtype, affine, tier)
        });
        PyNdArray::wrap(py, a.py()?)
    }

    /// Integers `off + v`, v uniform in [0, rng], of `shape` and integer or bool `dtype`.
    fn integers(
        &self,
        py: Python<'_>,
        shape: Vec<usize>,
        dtype: &Bound<'_, PyAny>,
        off: u64,
        rng: u64,
    ) -> PyResult<Py<PyNdArray>> {
        let dtype = dtype_from_py(dtype)?;
        let size = shape.iter().product();
        let tier = current_tier();
        let a = self.with(py, size, |g| {
            generate::integers(g, &shape, dtype, off, rng, tier)
        });
        PyNdArray::wrap(py, a.py()?)
    }

    /// Per-element bounds (broadcast by the caller), drawn as NumPy's broadcasting loops do.
    fn integers_each(&self, py: Python<'_>, bits: u32, offs: Vec<u64>, rngs: Vec<u64>) -> Vec<u64> {
        self.with(py, offs.len(), |g| {
            generate::integers_each(g, bits, &offs, &rngs)
        })
    }

    /// The order `shuffle` puts `n` items in (an int64 array).
    fn shuffled_order(&self, py: Python<'_>, n: usize) -> PyResult<Py<PyNdArray>> {
        let a = self.with(py, n, |g| generate::shuffled_order(g, n));
        PyNdArray::wrap(py, a.py()?)
    }

    /// `choice(pop, size, replace=False)` without weights: int64 indices.
    fn choice_without_replacement(
        &self,
        py: Python<'_>,
        pop: usize,
        size: usize,
        shuffle: bool,
    ) -> PyResult<Py<PyNdArray>> {
        let a = self.with(py, pop, |g| {
            generate::choice_without_replacement(g, pop, size, shuffle)
                .and_then(|v| Array::from_vec(v, &[size]))
        });
        PyNdArray::wrap(py, a.py()?)
    }

    /// One of the Generator's other distributions by NumPy's name, with its parameters
    /// (anything array-like) broadcast to `shape`; `single` asks for float32 (standard_gamma).
    fn distribution(
        &self,
        py: Python<'_>,
        name: &str,
        shape: Vec<usize>,
        params: Vec<Bound<'_, PyAny>>,
        single: bool,
    ) -> PyResult<Py<PyNdArray>> {
        let params = params
            .iter()
            .map(|p| Ok(to_array(p, None)?.0))
            .collect::<PyResult<Vec<Array>>>()?;
        let size = shape.iter().product();
        let a = self.with(py, size, |g| {
            generate::distribution(g, name, &shape, &params, single)
        });
        PyNdArray::wrap(py, a.py()?)
    }

    /// `count` Dirichlet vectors of `alpha`, as a (count, len(alpha)) array.
    fn dirichlet(&self, py: Python<'_>, alpha: Vec<f64>, count: usize) -> PyResult<Py<PyNdArray>> {
        let a = self.with(py, count * alpha.len(), |g| {
            generate::dirichlet_rows(g, &alpha, count)
        });
        PyNdArray::wrap(py, a.py()?)
    }
}

/// SeedSequence's pool: `pool_size` words mixed from the entropy words.
#[pyfunction]
fn _seed_pool(entropy: Vec<u32>, pool_size: usize) -> Vec<u32> {
    seed_sequence::mix_entropy(&entropy, pool_size)
}

/// SeedSequence's `generate_state`: `n_words` 32-bit words hashed from the pool.
#[pyfunction]
fn _seed_generate(pool: Vec<u32>, n_words: usize) -> Vec<u32> {
    seed_sequence::generate_state(&pool, n_words)
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPcg>()?;
    m.add_function(wrap_pyfunction!(_seed_pool, m)?)?;
    m.add_function(wrap_pyfunction!(_seed_generate, m)?)
}
