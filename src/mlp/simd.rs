//! [`F32x4`]: four f32 lanes for the matrix product, as wasm `simd128` in the browser, SSE on
//! x86-64 (so native profiling runs the same kernel), and a plain array elsewhere.
//!
//! Only lane-wise IEEE multiply and add, never a fused multiply-add: every lane computes exactly
//! what the scalar `sum += a * b` computes, so results do not depend on the target.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::{f32x4_add, f32x4_mul, f32x4_splat, v128, v128_load, v128_store};

    /// Four f32 lanes in one wasm `v128`.
    #[derive(Clone, Copy)]
    pub(crate) struct F32x4(v128);

    impl F32x4 {
        #[inline(always)]
        pub(crate) fn splat(value: f32) -> F32x4 {
            F32x4(f32x4_splat(value))
        }

        /// Reads `source[0..4]`.
        ///
        /// # Safety
        /// `source` must be valid for reading 4 f32 (any alignment: wasm loads are unaligned).
        #[inline(always)]
        pub(crate) unsafe fn load(source: *const f32) -> F32x4 {
            // SAFETY: the caller guarantees 16 readable bytes.
            F32x4(unsafe { v128_load(source.cast()) })
        }

        /// Writes the lanes to `target[0..4]`.
        ///
        /// # Safety
        /// `target` must be valid for writing 4 f32.
        #[inline(always)]
        pub(crate) unsafe fn store(self, target: *mut f32) {
            // SAFETY: the caller guarantees 16 writable bytes.
            unsafe { v128_store(target.cast(), self.0) }
        }

        /// `self + a · b`, lane by lane (multiply, round, add, round: no fusion).
        #[inline(always)]
        pub(crate) fn add_product(self, a: F32x4, b: F32x4) -> F32x4 {
            F32x4(f32x4_add(self.0, f32x4_mul(a.0, b.0)))
        }

        #[inline(always)]
        pub(crate) fn add(self, other: F32x4) -> F32x4 {
            F32x4(f32x4_add(self.0, other.0))
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use core::arch::x86_64::{__m128, _mm_add_ps, _mm_loadu_ps, _mm_mul_ps, _mm_set1_ps, _mm_storeu_ps};

    /// Four f32 lanes in one SSE register (SSE2 is part of every x86-64).
    #[derive(Clone, Copy)]
    pub(crate) struct F32x4(__m128);

    impl F32x4 {
        #[inline(always)]
        pub(crate) fn splat(value: f32) -> F32x4 {
            // SAFETY: SSE is part of every x86-64 target.
            F32x4(unsafe { _mm_set1_ps(value) })
        }

        /// Reads `source[0..4]`.
        ///
        /// # Safety
        /// `source` must be valid for reading 4 f32 (any alignment).
        #[inline(always)]
        pub(crate) unsafe fn load(source: *const f32) -> F32x4 {
            // SAFETY: the caller guarantees 16 readable bytes; loadu has no alignment requirement.
            F32x4(unsafe { _mm_loadu_ps(source) })
        }

        /// Writes the lanes to `target[0..4]`.
        ///
        /// # Safety
        /// `target` must be valid for writing 4 f32.
        #[inline(always)]
        pub(crate) unsafe fn store(self, target: *mut f32) {
            // SAFETY: the caller guarantees 16 writable bytes; storeu has no alignment requirement.
            unsafe { _mm_storeu_ps(target, self.0) }
        }

        /// `self + a · b`, lane by lane (multiply, round, add, round: no fusion).
        #[inline(always)]
        pub(crate) fn add_product(self, a: F32x4, b: F32x4) -> F32x4 {
            // SAFETY: SSE is part of every x86-64 target.
            F32x4(unsafe { _mm_add_ps(self.0, _mm_mul_ps(a.0, b.0)) })
        }

        #[inline(always)]
        pub(crate) fn add(self, other: F32x4) -> F32x4 {
            // SAFETY: SSE is part of every x86-64 target.
            F32x4(unsafe { _mm_add_ps(self.0, other.0) })
        }
    }
}

#[cfg(not(any(all(target_arch = "wasm32", target_feature = "simd128"), target_arch = "x86_64")))]
mod imp {
    /// Four f32 lanes as a plain array (targets without a vector unit we use).
    #[derive(Clone, Copy)]
    pub(crate) struct F32x4([f32; 4]);

    impl F32x4 {
        #[inline(always)]
        pub(crate) fn splat(value: f32) -> F32x4 {
            F32x4([value; 4])
        }

        /// Reads `source[0..4]`.
        ///
        /// # Safety
        /// `source` must be valid for reading 4 f32.
        #[inline(always)]
        pub(crate) unsafe fn load(source: *const f32) -> F32x4 {
            // SAFETY: the caller guarantees 4 readable f32.
            F32x4(unsafe { source.cast::<[f32; 4]>().read_unaligned() })
        }

        /// Writes the lanes to `target[0..4]`.
        ///
        /// # Safety
        /// `target` must be valid for writing 4 f32.
        #[inline(always)]
        pub(crate) unsafe fn store(self, target: *mut f32) {
            // SAFETY: the caller guarantees 4 writable f32.
            unsafe { target.cast::<[f32; 4]>().write_unaligned(self.0) }
        }

        /// `self + a · b`, lane by lane.
        #[inline(always)]
        pub(crate) fn add_product(self, a: F32x4, b: F32x4) -> F32x4 {
            F32x4(std::array::from_fn(|i| self.0[i] + a.0[i] * b.0[i]))
        }

        #[inline(always)]
        pub(crate) fn add(self, other: F32x4) -> F32x4 {
            F32x4(std::array::from_fn(|i| self.0[i] + other.0[i]))
        }
    }
}

pub(crate) use imp::F32x4;
