//! The f32 number crunching under the network: a register-tiled matrix product and elementwise
//! activation kernels.
//!
//! The matrix product keeps a [`TILE_ROWS`] × `4·`[`TILE_VECTORS`] tile of the output in vector
//! registers ([`F32x4`]: wasm simd128 in the browser, SSE natively) and walks the shared dimension,
//! broadcasting one element of A against a row slice of B. Every output element is summed from
//! zero in the order p = 0, 1, …, k − 1 and only then added to C, with separate multiplies and
//! adds (no fused multiply-add), so the results are bit-for-bit those of the scalar triple loop in
//! that order, on every target.
//!
//! Activations: relu, leaky_relu, prelu (slope below zero, learnable in the network) and elu get
//! f32 fast paths; a custom formula goes through [`Formula::forward_f32`] and
//! [`Formula::backward_f32`] (f64 inside, no allocation); every other activation goes through
//! [`Activation::value`] and [`Activation::derivative`] in f64. Kink conventions follow PyTorch (`relu'(0) = 0`,
//! `leaky_relu'(0) = negative_slope`, `elu'(0) = alpha`), as the f64 reference does.

use super::simd::F32x4;
use crate::activation::Activation;
use crate::formula::Formula;

/// Rows of C per register tile.
const TILE_ROWS: usize = 4;
/// Four-lane vectors per tile row: the tile is `4 × TILE_VECTORS` columns wide. 4 × 8 keeps its 8
/// accumulators, 2 vectors of B and the broadcast within the 16 vector registers of x86-64, so
/// V8 need not spill them. Measured in V8 on the W2 training step against 2 × 16, 3 × 12, 3 × 16,
/// 4 × 12, 4 × 16, 5 × 8, 6 × 8 and 8 × 4: among the fastest (2 × 16 and 3 × 16 were within the
/// noise), and twice the old autovectorised 4 × 16 array tile.
const TILE_VECTORS: usize = 2;

/// `C += A · B` with A row-major `m × k`, B row-major `k × n`, C row-major `m × n`.
pub(crate) fn gemm_nn(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    Shape { m, n, k }.run::<false>(a, b, c);
}

/// `C += Aᵀ · B` with A row-major `k × m` (read transposed in place), B row-major `k × n`, C
/// row-major `m × n`.
pub(crate) fn gemm_tn(m: usize, n: usize, k: usize, a: &[f32], b: &[f32], c: &mut [f32]) {
    Shape { m, n, k }.run::<true>(a, b, c);
}

/// The dimensions of one product `C (m × n) += op(A) (m × k) · B (k × n)`.
#[derive(Clone, Copy)]
struct Shape {
    m: usize,
    n: usize,
    k: usize,
}

impl Shape {
    fn run<const A_TRANSPOSED: bool>(self, a: &[f32], b: &[f32], c: &mut [f32]) {
        let Shape { m, n, k } = self;
        if m == 0 || n == 0 || k == 0 {
            return;
        }
        // The tiles read and write through raw pointers; these bounds make every access valid.
        assert!(a.len() >= m * k && b.len() >= k * n && c.len() >= m * n, "matrix slices too short");
        let (a, b, c) = (a.as_ptr(), b.as_ptr(), c.as_mut_ptr());
        let mut row = 0;
        while row + TILE_ROWS <= m {
            // SAFETY: row + TILE_ROWS <= m and the bounds asserted above.
            unsafe { self.row_block::<TILE_ROWS, A_TRANSPOSED>(row, a, b, c) };
            row += TILE_ROWS;
        }
        while row < m {
            // SAFETY: row < m and the bounds asserted above.
            unsafe { self.row_block::<1, A_TRANSPOSED>(row, a, b, c) };
            row += 1;
        }
    }

    /// Rows `row..row + R` of C, across all columns.
    ///
    /// # Safety
    /// `row + R <= m`; `a`, `b`, `c` valid for `m·k`, `k·n` and `m·n` elements.
    #[inline(always)]
    unsafe fn row_block<const R: usize, const A_TRANSPOSED: bool>(
        self,
        row: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
    ) {
        let mut column = 0;
        // SAFETY (all calls): column + width <= n, row + R <= m, and the caller's bounds.
        while column + 4 * TILE_VECTORS <= self.n {
            unsafe { self.vector_tile::<R, TILE_VECTORS, A_TRANSPOSED>(row, column, a, b, c) };
            column += 4 * TILE_VECTORS;
        }
        while column + 4 <= self.n {
            unsafe { self.vector_tile::<R, 1, A_TRANSPOSED>(row, column, a, b, c) };
            column += 4;
        }
        while column < self.n {
            unsafe { self.scalar_tile::<R, A_TRANSPOSED>(row, column, a, b, c) };
            column += 1;
        }
    }

    /// Element (`i`, `p`) of op(A).
    ///
    /// # Safety
    /// `i < m`, `p < k`, `a` valid for `m·k` elements.
    #[inline(always)]
    unsafe fn a_at<const A_TRANSPOSED: bool>(self, a: *const f32, i: usize, p: usize) -> f32 {
        let index = if A_TRANSPOSED { p * self.m + i } else { i * self.k + p };
        // SAFETY: index < m·k by the caller's bounds.
        unsafe { *a.add(index) }
    }

    /// The `R × 4V` tile of C at (`row`, `column`), in `R·V` vector accumulators.
    ///
    /// # Safety
    /// `row + R <= m`, `column + 4V <= n`; `a`, `b`, `c` valid for `m·k`, `k·n`, `m·n` elements.
    #[inline(always)]
    unsafe fn vector_tile<const R: usize, const V: usize, const A_TRANSPOSED: bool>(
        self,
        row: usize,
        column: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
    ) {
        let mut sums = [[F32x4::splat(0.0); V]; R];
        for p in 0..self.k {
            // SAFETY: p·n + column + 4V <= k·n.
            let b_row = unsafe { b.add(p * self.n + column) };
            let b_values: [F32x4; V] = std::array::from_fn(|v| unsafe { F32x4::load(b_row.add(4 * v)) });
            for (r, row_sums) in sums.iter_mut().enumerate() {
                // SAFETY: row + r < m, p < k.
                let a_value = F32x4::splat(unsafe { self.a_at::<A_TRANSPOSED>(a, row + r, p) });
                for (sum, &b_value) in row_sums.iter_mut().zip(&b_values) {
                    *sum = sum.add_product(a_value, b_value);
                }
            }
        }
        for (r, row_sums) in sums.iter().enumerate() {
            for (v, &sum) in row_sums.iter().enumerate() {
                // SAFETY: (row + r)·n + column + 4v + 4 <= m·n.
                unsafe {
                    let target = c.add((row + r) * self.n + column + 4 * v);
                    F32x4::load(target).add(sum).store(target);
                }
            }
        }
    }

    /// Column `column` of rows `row..row + R` of C, in scalars (the last `n mod 4` columns).
    ///
    /// # Safety
    /// `row + R <= m`, `column < n`; `a`, `b`, `c` valid for `m·k`, `k·n`, `m·n` elements.
    #[inline(always)]
    unsafe fn scalar_tile<const R: usize, const A_TRANSPOSED: bool>(
        self,
        row: usize,
        column: usize,
        a: *const f32,
        b: *const f32,
        c: *mut f32,
    ) {
        let mut sums = [0.0f32; R];
        for p in 0..self.k {
            // SAFETY: p·n + column < k·n.
            let b_value = unsafe { *b.add(p * self.n + column) };
            for (r, sum) in sums.iter_mut().enumerate() {
                // SAFETY: row + r < m, p < k.
                *sum += unsafe { self.a_at::<A_TRANSPOSED>(a, row + r, p) } * b_value;
            }
        }
        for (r, &sum) in sums.iter().enumerate() {
            // SAFETY: (row + r)·n + column < m·n.
            unsafe { *c.add((row + r) * self.n + column) += sum };
        }
    }
}

/// `target[i][j] = source[j][i]` for a row-major `rows × columns` source.
pub(crate) fn transpose(source: &[f32], rows: usize, columns: usize, target: &mut [f32]) {
    for (r, source_row) in source.chunks_exact(columns).take(rows).enumerate() {
        for (j, &value) in source_row.iter().enumerate() {
            target[j * rows + r] = value;
        }
    }
}

/// How a hidden layer applies its activation: an f32 fast path, a formula, or the f64
/// reference. It borrows the network's activation, so making one per step costs nothing.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kernel<'a> {
    /// `max(z, 0)` with `relu'(0) = 0`.
    Relu,
    /// `z` above zero, `slope · z` at and below, with the fixed slope of leaky_relu passed to each
    /// call.
    FixedSlope,
    /// The same with a learned slope (prelu): the backward pass also returns dL/d(slope).
    LearnedSlope,
    /// `z` above zero, `alpha (eᶻ − 1)` at and below.
    Elu { alpha: f32 },
    /// A custom formula: [`Formula::forward_f32`] / [`Formula::backward_f32`].
    Formula(&'a Formula),
    /// Anything else: [`Activation::value`] / [`Activation::derivative`] in f64.
    Reference(&'a Activation),
}

impl Kernel<'_> {
    /// The kernel for `activation`.
    pub(crate) fn new(activation: &Activation) -> Kernel<'_> {
        match activation {
            Activation::Relu => Kernel::Relu,
            Activation::LeakyRelu { .. } => Kernel::FixedSlope,
            Activation::Prelu { .. } => Kernel::LearnedSlope,
            Activation::Elu { alpha } => Kernel::Elu { alpha: *alpha as f32 },
            Activation::Custom { formula } => Kernel::Formula(formula),
            other => Kernel::Reference(other),
        }
    }

    /// `outputs[i] = f(pre_activations[i])`; `slope` is the slope below zero for
    /// [`Kernel::FixedSlope`] and [`Kernel::LearnedSlope`], ignored otherwise.
    pub(crate) fn forward(self, slope: f32, pre_activations: &[f32], outputs: &mut [f32]) {
        let pairs = outputs.iter_mut().zip(pre_activations);
        match self {
            Kernel::Relu => pairs.for_each(|(y, &z)| *y = if z > 0.0 { z } else { 0.0 }),
            Kernel::FixedSlope | Kernel::LearnedSlope => {
                pairs.for_each(|(y, &z)| *y = if z > 0.0 { z } else { slope * z })
            }
            Kernel::Elu { alpha } => {
                pairs.for_each(|(y, &z)| *y = if z > 0.0 { z } else { alpha * z.exp_m1() })
            }
            Kernel::Formula(formula) => formula.forward_f32(pre_activations, outputs),
            Kernel::Reference(activation) => {
                pairs.for_each(|(y, &z)| *y = activation.value(f64::from(z)) as f32)
            }
        }
    }

    /// `gradients[i] *= f'(pre_activations[i])` in place, turning dL/dy into dL/dz. Returns
    /// dL/d(slope) = Σ dL/dy · z over entries with z ≤ 0 for [`Kernel::LearnedSlope`], 0 for the
    /// other kernels.
    pub(crate) fn backward(self, slope: f32, pre_activations: &[f32], gradients: &mut [f32]) -> f64 {
        let pairs = gradients.iter_mut().zip(pre_activations);
        match self {
            Kernel::Relu => pairs.for_each(|(g, &z)| *g = if z > 0.0 { *g } else { 0.0 }),
            // Branch-free, so it vectorises; no slope gradient to sum.
            Kernel::FixedSlope => pairs.for_each(|(g, &z)| *g = if z > 0.0 { *g } else { *g * slope }),
            Kernel::LearnedSlope => {
                let mut slope_gradient = 0.0f64;
                for (g, &z) in pairs {
                    if z > 0.0 {
                        continue;
                    }
                    slope_gradient += f64::from(*g) * f64::from(z);
                    *g *= slope;
                }
                return slope_gradient;
            }
            Kernel::Elu { alpha } => {
                pairs.for_each(|(g, &z)| *g = if z > 0.0 { *g } else { *g * alpha * z.exp() })
            }
            Kernel::Formula(formula) => formula.backward_f32(pre_activations, gradients),
            Kernel::Reference(activation) => {
                pairs.for_each(|(g, &z)| *g *= activation.derivative(f64::from(z)) as f32)
            }
        }
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlp::rng::Rng;

    /// The textbook triple loop, in f64.
    fn naive(m: usize, n: usize, k: usize, a: &[f32], b: &[f32]) -> Vec<f64> {
        let mut c = vec![0.0; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| f64::from(a[i * k + p]) * f64::from(b[p * n + j])).sum();
            }
        }
        c
    }

    #[test]
    fn gemm_matches_the_naive_product_for_awkward_shapes() {
        let mut rng = Rng::new(11);
        for &(m, n, k) in &[(1, 1, 1), (5, 3, 2), (4, 8, 7), (9, 13, 5), (33, 17, 16), (3, 128, 2)] {
            let a: Vec<f32> = (0..m * k).map(|_| rng.normal() as f32).collect();
            let b: Vec<f32> = (0..k * n).map(|_| rng.normal() as f32).collect();
            let expected = naive(m, n, k, &a, &b);
            let mut c = vec![1.0f32; m * n];
            gemm_nn(m, n, k, &a, &b, &mut c);
            // A read transposed: store Aᵀ (k × m) and let gemm_tn read it back.
            let mut a_transposed = vec![0.0; m * k];
            transpose(&a, m, k, &mut a_transposed);
            let mut c_transposed_read = vec![0.0f32; m * n];
            gemm_tn(m, n, k, &a_transposed, &b, &mut c_transposed_read);
            for i in 0..m * n {
                assert!((f64::from(c[i]) - 1.0 - expected[i]).abs() < 1e-4, "({m},{n},{k}) at {i}");
                assert!((f64::from(c_transposed_read[i]) - expected[i]).abs() < 1e-4);
            }
        }
    }

    #[test]
    fn gemm_sums_in_order_from_zero_then_adds_bit_for_bit() {
        // The documented order: s = 0; s += a·b for p = 0..k; c += s. Trained networks depend on
        // it bit for bit (determinism across builds and targets).
        let mut rng = Rng::new(5);
        for &(m, n, k) in &[(9, 13, 7), (4, 8, 128), (6, 21, 3), (1, 5, 40)] {
            let a: Vec<f32> = (0..m * k).map(|_| rng.normal() as f32).collect();
            let b: Vec<f32> = (0..k * n).map(|_| rng.normal() as f32).collect();
            let c0: Vec<f32> = (0..m * n).map(|_| rng.normal() as f32).collect();
            let mut a_transposed = vec![0.0; m * k];
            transpose(&a, m, k, &mut a_transposed);
            let (mut c_nn, mut c_tn) = (c0.clone(), c0.clone());
            gemm_nn(m, n, k, &a, &b, &mut c_nn);
            gemm_tn(m, n, k, &a_transposed, &b, &mut c_tn);
            for i in 0..m {
                for j in 0..n {
                    let mut sum = 0.0f32;
                    for p in 0..k {
                        sum += a[i * k + p] * b[p * n + j];
                    }
                    let expected = (c0[i * n + j] + sum).to_bits();
                    assert_eq!(c_nn[i * n + j].to_bits(), expected, "nn ({m},{n},{k}) at ({i},{j})");
                    assert_eq!(c_tn[i * n + j].to_bits(), expected, "tn ({m},{n},{k}) at ({i},{j})");
                }
            }
        }
    }

    #[test]
    fn fast_paths_match_the_f64_reference_including_kinks() {
        let activations = [
            (Activation::Relu, 0.0),
            (Activation::LeakyRelu { negative_slope: 0.01 }, 0.01),
            (Activation::Prelu { weight: 0.25 }, 0.25),
            (Activation::Elu { alpha: 1.3 }, 0.0),
        ];
        let inputs = [-3.0f32, -1.0, -0.25, 0.0, 0.25, 1.0, 3.0];
        for (activation, slope) in activations {
            let kernel = Kernel::new(&activation);
            let mut outputs = [0.0f32; 7];
            kernel.forward(slope, &inputs, &mut outputs);
            let mut gradients = [1.0f32; 7];
            kernel.backward(slope, &inputs, &mut gradients);
            for i in 0..inputs.len() {
                let x = f64::from(inputs[i]);
                assert!((f64::from(outputs[i]) - activation.value(x)).abs() < 1e-6, "{activation:?} f({x})");
                assert!(
                    (f64::from(gradients[i]) - activation.derivative(x)).abs() < 1e-6,
                    "{activation:?} f'({x})"
                );
            }
        }
    }

    #[test]
    fn slope_gradient_sums_upstream_times_z_at_and_below_zero() {
        let mut gradients = [2.0f32, 3.0, 5.0];
        let slope_gradient = Kernel::LearnedSlope.backward(0.5, &[-1.0, 0.0, 2.0], &mut gradients);
        assert_eq!(slope_gradient, -2.0);
        assert_eq!(gradients, [1.0, 1.5, 5.0]);
    }
}
