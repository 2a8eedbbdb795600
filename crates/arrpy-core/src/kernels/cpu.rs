//! What this CPU offers, detected once, in one place: the instruction set the simd tier
//! dispatches to (pulp's `Arch`), and from it whether the hand-vectorized AVX-512 kernels of
//! `vmath` may run and the level name the status table shows.

/// The CPU's instruction set as pulp sees it (x86-64-v4 = AVX-512, v3 = AVX2+FMA, else the
/// baseline). Detected once: detection checks a dozen feature bits, which showed in loops that
/// dispatch once per short run.
#[inline]
pub fn arch() -> pulp::Arch {
    static ARCH: std::sync::OnceLock<pulp::Arch> = std::sync::OnceLock::new();
    *ARCH.get_or_init(pulp::Arch::new)
}

/// Whether the AVX-512 kernels may run: exactly when the simd tier dispatches to AVX-512
/// (x86-64-v4 includes the F and DQ subsets they use).
#[inline]
pub fn has_avx512() -> bool {
    #[cfg(target_arch = "x86_64")]
    return matches!(arch(), pulp::Arch::V4(_));
    #[cfg(not(target_arch = "x86_64"))]
    false
}

/// The name of the instruction set the simd tier dispatches to.
pub fn simd_level() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    return match arch() {
        pulp::Arch::V4(_) => "avx512",
        pulp::Arch::V3(_) => "avx2",
        _ => "sse2",
    };
    #[cfg(target_arch = "aarch64")]
    return "neon";
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    "scalar"
}

/// Runs `body` compiled for the CPU's best instruction set (pulp's `Arch::dispatch`).
///
/// Every vectorized loop goes through here rather than handing pulp the closure itself: pulp
/// calls a closure through `FnOnce`, and rustc reaches an `Fn` closure's body through a
/// `FnOnce::call_once` shim that carries no inline attribute. When the body is large (tan: two
/// polynomials and a double-double division), LLVM kept the shim out of line, so the loop ran as
/// baseline code calling libm's `fma` at 60 ns an element instead of 0.6. Calling through
/// `FnMut` reaches the `#[inline(always)]` body directly.
#[inline(always)]
pub fn vectorize<R>(body: impl FnMut() -> R) -> R {
    struct Body<F>(F);
    impl<R, F: FnMut() -> R> pulp::WithSimd for Body<F> {
        type Output = R;
        #[inline(always)]
        fn with_simd<S: pulp::Simd>(mut self, _: S) -> R {
            (self.0)()
        }
    }
    arch().dispatch(Body(body))
}
