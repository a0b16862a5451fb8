//! The f32 number crunching under the network: a register-tiled matrix product and elementwise
//! activation kernels.
//!
//! The matrix product keeps a 4 × 16 tile of the output in local arrays and walks the shared
//! dimension, broadcasting one element of A against a contiguous row slice of B; every inner loop
//! runs over contiguous memory with a compile-time length, which LLVM turns into SIMD (SSE/AVX
//! natively, simd128 on wasm), and every index is provably in bounds. 4 × 16 measured fastest of
//! 4 × 8, 8 × 8, 2 × 16, 5 × 16, 4 × 32 both natively (SSE2) and in Node's wasm. Summation order is
//! fixed, so results are bit-reproducible.
//!
//! Activations: relu, leaky_relu, prelu (slope below zero, learnable in the network) and elu get
//! f32 fast paths; every other activation goes through [`Activation::value`] and
//! [`Activation::derivative`] in f64. Kink conventions follow PyTorch (`relu'(0) = 0`,
//! `leaky_relu'(0) = negative_slope`, `elu'(0) = alpha`), as the f64 reference does.

use crate::activation::Activation;

/// Rows of C per tile.
const TILE_ROWS: usize = 4;
/// Columns of C per tile.
const TILE_COLUMNS: usize = 16;

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
    #[inline(always)]
    fn run<const A_TRANSPOSED: bool>(self, a: &[f32], b: &[f32], c: &mut [f32]) {
        if self.m == 0 || self.n == 0 || self.k == 0 {
            return;
        }
        let mut row = 0;
        while row + TILE_ROWS <= self.m {
            self.row_block::<TILE_ROWS, A_TRANSPOSED>(row, a, b, c);
            row += TILE_ROWS;
        }
        while row < self.m {
            self.row_block::<1, A_TRANSPOSED>(row, a, b, c);
            row += 1;
        }
    }

    /// Rows `row..row + R` of C, across all columns.
    #[inline(always)]
    fn row_block<const R: usize, const A_TRANSPOSED: bool>(
        self,
        row: usize,
        a: &[f32],
        b: &[f32],
        c: &mut [f32],
    ) {
        let mut column = 0;
        while column + TILE_COLUMNS <= self.n {
            self.tile::<R, TILE_COLUMNS, A_TRANSPOSED>(row, column, a, b, c);
            column += TILE_COLUMNS;
        }
        if column + 8 <= self.n {
            self.tile::<R, 8, A_TRANSPOSED>(row, column, a, b, c);
            column += 8;
        }
        if column + 4 <= self.n {
            self.tile::<R, 4, A_TRANSPOSED>(row, column, a, b, c);
            column += 4;
        }
        while column < self.n {
            self.tile::<R, 1, A_TRANSPOSED>(row, column, a, b, c);
            column += 1;
        }
    }

    /// The `R × C` tile of C at (`row`, `column`). Slices are taken so that every index inside the
    /// loops is provably in bounds: no bounds checks in the hot loop.
    #[inline(always)]
    fn tile<const R: usize, const C: usize, const A_TRANSPOSED: bool>(
        self,
        row: usize,
        column: usize,
        a: &[f32],
        b: &[f32],
        c: &mut [f32],
    ) {
        let mut accumulators = [[0.0f32; C]; R];
        let b_rows = b.chunks_exact(self.n).take(self.k);
        if A_TRANSPOSED {
            for (a_row, b_row) in a.chunks_exact(self.m).zip(b_rows) {
                let a_values: &[f32; R] = a_row[row..row + R].try_into().expect("R columns of A");
                multiply_add(
                    &mut accumulators,
                    a_values,
                    b_row[column..column + C].try_into().expect("C columns"),
                );
            }
        } else {
            let a_rows: [&[f32]; R] = std::array::from_fn(|r| &a[(row + r) * self.k..][..self.k]);
            for (p, b_row) in b_rows.enumerate() {
                let a_values: [f32; R] = std::array::from_fn(|r| a_rows[r][p]);
                multiply_add(
                    &mut accumulators,
                    &a_values,
                    b_row[column..column + C].try_into().expect("C columns"),
                );
            }
        }
        for (r, accumulator) in accumulators.iter().enumerate() {
            let c_row = &mut c[(row + r) * self.n + column..][..C];
            for (out, &sum) in c_row.iter_mut().zip(accumulator) {
                *out += sum;
            }
        }
    }
}

/// `accumulators[r][l] += a_values[r] · b_values[l]`: one rank-1 update of a tile.
#[inline(always)]
fn multiply_add<const R: usize, const C: usize>(
    accumulators: &mut [[f32; C]; R],
    a_values: &[f32; R],
    b_values: &[f32; C],
) {
    for (accumulator, &a_value) in accumulators.iter_mut().zip(a_values) {
        for (sum, &b_value) in accumulator.iter_mut().zip(b_values) {
            *sum += a_value * b_value;
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

/// How a hidden layer applies its activation: an f32 fast path, or the f64 reference.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Kernel {
    /// `max(z, 0)` with `relu'(0) = 0`.
    Relu,
    /// `z` above zero, `slope · z` at and below; the slope is fixed (leaky_relu) or learned (prelu)
    /// and passed to each call.
    SlopeBelowZero,
    /// `z` above zero, `alpha (eᶻ − 1)` at and below.
    Elu { alpha: f32 },
    /// Anything else: [`Activation::value`] / [`Activation::derivative`] in f64.
    Reference(Activation),
}

impl Kernel {
    /// The kernel for `activation`.
    pub(crate) fn new(activation: Activation) -> Kernel {
        match activation {
            Activation::Relu => Kernel::Relu,
            Activation::LeakyRelu { .. } | Activation::Prelu { .. } => Kernel::SlopeBelowZero,
            Activation::Elu { alpha } => Kernel::Elu { alpha: alpha as f32 },
            other => Kernel::Reference(other),
        }
    }

    /// `outputs[i] = f(pre_activations[i])`; `slope` is the slope below zero for
    /// [`Kernel::SlopeBelowZero`] and ignored otherwise.
    pub(crate) fn forward(self, slope: f32, pre_activations: &[f32], outputs: &mut [f32]) {
        let pairs = outputs.iter_mut().zip(pre_activations);
        match self {
            Kernel::Relu => pairs.for_each(|(y, &z)| *y = if z > 0.0 { z } else { 0.0 }),
            Kernel::SlopeBelowZero => pairs.for_each(|(y, &z)| *y = if z > 0.0 { z } else { slope * z }),
            Kernel::Elu { alpha } => {
                pairs.for_each(|(y, &z)| *y = if z > 0.0 { z } else { alpha * z.exp_m1() })
            }
            Kernel::Reference(activation) => {
                pairs.for_each(|(y, &z)| *y = activation.value(f64::from(z)) as f32)
            }
        }
    }

    /// `gradients[i] *= f'(pre_activations[i])` in place, turning dL/dy into dL/dz. Returns
    /// dL/d(slope) = Σ dL/dy · z over entries with z ≤ 0 (meaningful for a learned slope; 0 for
    /// the other kernels).
    pub(crate) fn backward(self, slope: f32, pre_activations: &[f32], gradients: &mut [f32]) -> f64 {
        let pairs = gradients.iter_mut().zip(pre_activations);
        match self {
            Kernel::Relu => pairs.for_each(|(g, &z)| *g = if z > 0.0 { *g } else { 0.0 }),
            Kernel::SlopeBelowZero => {
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
    fn fast_paths_match_the_f64_reference_including_kinks() {
        let activations = [
            (Activation::Relu, 0.0),
            (Activation::LeakyRelu { negative_slope: 0.01 }, 0.01),
            (Activation::Prelu { weight: 0.25 }, 0.25),
            (Activation::Elu { alpha: 1.3 }, 0.0),
        ];
        let inputs = [-3.0f32, -1.0, -0.25, 0.0, 0.25, 1.0, 3.0];
        for (activation, slope) in activations {
            let kernel = Kernel::new(activation);
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
        let slope_gradient = Kernel::SlopeBelowZero.backward(0.5, &[-1.0, 0.0, 2.0], &mut gradients);
        assert_eq!(slope_gradient, -2.0);
        assert_eq!(gradients, [1.0, 1.5, 5.0]);
    }
}
