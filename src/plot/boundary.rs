//! The decision-boundary image of a network over its data: an RGBA buffer (one `putImageData`
//! is far cheaper than plotters' `fillRect` per pixel), computed without any DOM so a worker can
//! make it.

use plotters::style::RGBColor;

use super::theme::Theme;
use crate::mlp::{Dataset, GridSpec, LabError, Trainer};

/// Device pixels per decision-grid cell.
pub const BOUNDARY_CELL: usize = 3;
/// Smallest and largest side of a boundary image, in pixels.
pub const BOUNDARY_SIDES: (usize, usize) = (16, 4096);

/// Buffers of the decision grid, kept between images so redrawing does not allocate them again.
#[derive(Clone, Debug, Default)]
pub struct BoundaryScratch {
    class: Vec<u8>,
    confidence: Vec<f32>,
}

/// The decision boundary of `trainer` over `data`'s bounding box (see [`data_bounds`]), with
/// `data`'s points, as `width · height · 4` RGBA bytes. The network is evaluated on a grid of
/// [`BOUNDARY_CELL`]-pixel cells, upsampled to the image; the points are painted at full
/// resolution, their radius scaled by `scale` (device pixels per CSS pixel).
pub fn boundary_image(
    trainer: &mut Trainer,
    data: &Dataset,
    (width, height): (usize, usize),
    theme: &Theme,
    scale: f64,
    scratch: &mut BoundaryScratch,
) -> Result<Vec<u8>, LabError> {
    let (min, max) = BOUNDARY_SIDES;
    if !(min..=max).contains(&width) || !(min..=max).contains(&height) {
        let message = format!("boundary image must be {min} to {max} pixels a side, got {width}×{height}");
        return Err(LabError::new("size", message));
    }
    let bounds = data_bounds(data.inputs());
    let (columns, rows) = (width.div_ceil(BOUNDARY_CELL), height.div_ceil(BOUNDARY_CELL));
    let grid = GridSpec { x_min: bounds.0, x_max: bounds.1, y_min: bounds.2, y_max: bounds.3, columns, rows };
    scratch.class.resize(columns * rows, 0);
    scratch.confidence.resize(columns * rows, 0.0);
    trainer.decision_grid(&grid, &mut scratch.class, &mut scratch.confidence)?;
    let class = upsample(&scratch.class, columns, BOUNDARY_CELL, (width, height));
    let confidence = upsample(&scratch.confidence, columns, BOUNDARY_CELL, (width, height));
    let points: Vec<(f64, f64, u8)> = (0..data.len())
        .map(|i| {
            let (x, y) = data.point(i);
            let px = (x as f64 - bounds.0) / (bounds.1 - bounds.0) * width as f64;
            let py = (bounds.3 - y as f64) / (bounds.3 - bounds.2) * height as f64;
            (px, py, data.labels()[i])
        })
        .collect();
    Ok(paint_boundary(&class, &confidence, data.classes(), (width, height), &points, 3.5 * scale, theme))
}

/// A `columns`-wide grid of `cell`-pixel cells, stretched to `width × height` pixels (nearest
/// cell; the last cells may be cut). Cells missing from `grid` read as the default value.
pub fn upsample<T: Copy + Default>(
    grid: &[T],
    columns: usize,
    cell: usize,
    (width, height): (usize, usize),
) -> Vec<T> {
    let cell = cell.max(1);
    let mut out = Vec::with_capacity(width * height);
    for y in 0..height {
        let row = (y / cell) * columns;
        out.extend((0..width).map(|x| grid.get(row + x / cell).copied().unwrap_or_default()));
    }
    out
}

/// The bounding box of row-major `(x, y)` points, padded by 10% and made square, as
/// `(x_min, x_max, y_min, y_max)`; non-finite points are ignored, and no points give [-1, 1]².
pub fn data_bounds(inputs: &[f32]) -> (f64, f64, f64, f64) {
    let (mut x0, mut x1, mut y0, mut y1) =
        (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for p in inputs.chunks_exact(2) {
        let (x, y) = (p[0] as f64, p[1] as f64);
        if x.is_finite() && y.is_finite() {
            (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
        }
    }
    if !x0.is_finite() {
        return (-1.0, 1.0, -1.0, 1.0);
    }
    let half = 0.55 * (x1 - x0).max(y1 - y0).max(1e-3);
    let (cx, cy) = (0.5 * (x0 + x1), 0.5 * (y0 + y1));
    (cx - half, cx + half, cy - half, cy + half)
}

/// Colours of the decision-boundary image, one per class.
pub const CLASS_COLORS: [RGBColor; 3] =
    [RGBColor(0x25, 0x63, 0xeb), RGBColor(0xe0, 0x6c, 0x00), RGBColor(0x05, 0x96, 0x69)];

/// Paints the decision-boundary image: each pixel is its predicted class's colour, stronger where
/// the network is more confident, over the theme's background; then the data points as discs
/// (class colour, outlined in the text colour). `points` are in pixel coordinates.
/// Returns `columns · rows · 4` RGBA bytes, row 0 at the top.
pub fn paint_boundary(
    class: &[u8],
    confidence: &[f32],
    classes: usize,
    (columns, rows): (usize, usize),
    points: &[(f64, f64, u8)],
    radius: f64,
    theme: &Theme,
) -> Vec<u8> {
    let mut rgba = vec![0u8; columns * rows * 4];
    let bg = theme.background;
    let blend = |c: RGBColor, t: f64| {
        let mix = |a: u8, b: u8| (a as f64 + (b as f64 - a as f64) * t).round() as u8;
        [mix(bg.0, c.0), mix(bg.1, c.1), mix(bg.2, c.2), 255]
    };
    let chance = 1.0 / classes.max(1) as f64;
    for (i, pixel) in rgba.chunks_exact_mut(4).enumerate() {
        let k = class.get(i).copied().unwrap_or(0) as usize % CLASS_COLORS.len();
        let p = confidence.get(i).copied().unwrap_or(0.5) as f64;
        // With 2 classes `confidence` is p(class 1): turn it into the winner's probability.
        let p = if classes == 2 && k == 0 { 1.0 - p } else { p };
        let certainty = ((p - chance) / (1.0 - chance)).clamp(0.0, 1.0);
        pixel.copy_from_slice(&blend(CLASS_COLORS[k], 0.12 + 0.38 * certainty));
    }
    let outline = theme.text;
    for &(cx, cy, label) in points {
        let color = CLASS_COLORS[label as usize % CLASS_COLORS.len()];
        let r = radius.max(1.0);
        let (x0, x1) =
            ((cx - r - 1.0).floor().max(0.0) as usize, ((cx + r + 1.0).ceil() as usize).min(columns));
        let (y0, y1) = ((cy - r - 1.0).floor().max(0.0) as usize, ((cy + r + 1.0).ceil() as usize).min(rows));
        for y in y0..y1 {
            for x in x0..x1 {
                let d = ((x as f64 + 0.5 - cx).powi(2) + (y as f64 + 0.5 - cy).powi(2)).sqrt();
                let c = if d <= r - 1.0 {
                    color
                } else if d <= r {
                    outline
                } else {
                    continue;
                };
                let i = (y * columns + x) * 4;
                rgba[i..i + 4].copy_from_slice(&[c.0, c.1, c.2, 255]);
            }
        }
    }
    rgba
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::mlp::{LabConfig, Twin};

    #[test]
    fn boundary_colours_follow_class_and_confidence_and_draws_points() {
        let theme = Theme::LIGHT;
        // 2×1 image: left pixel class 0 with p(class 1) = 0 (certain), right class 1 with p = 0.5.
        let rgba = paint_boundary(&[0, 1], &[0.0, 0.5], 2, (2, 1), &[], 1.0, &theme);
        let certain = &rgba[0..4];
        let unsure = &rgba[4..8];
        // Certain: halfway (t = 0.12 + 0.38) from white to #2563eb: 255 + (37 - 255)/2 = 146, ...
        assert_eq!(certain, &[146, 177, 245, 255], "strong blue");
        // At chance: t = 0.12 from white to #e06c00: 255 - 31·0.12 = 251.3, 255 - 147·0.12 = 237.4, 224.4.
        assert_eq!(unsure, &[251, 237, 224, 255], "faint orange");
        // A point of class 2 at the centre of a 9×9 image is green there.
        let rgba = paint_boundary(&[0; 81], &[0.0; 81], 3, (9, 9), &[(4.5, 4.5, 2)], 3.0, &theme);
        let centre = (4 * 9 + 4) * 4;
        assert_eq!(&rgba[centre..centre + 4], &[0x05, 0x96, 0x69, 255]);
    }

    #[test]
    fn bounds_are_square_padded_and_ignore_non_finite_points() {
        assert_eq!(data_bounds(&[]), (-1.0, 1.0, -1.0, 1.0));
        assert_eq!(data_bounds(&[f32::NAN, 0.0]), (-1.0, 1.0, -1.0, 1.0));
        // x in [0, 2], y in [0, 1]: centre (1, 0.5), half side 0.55 · 2.
        let (x0, x1, y0, y1) = data_bounds(&[0.0, 0.0, 2.0, 1.0, f32::INFINITY, 5.0]);
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(
            close(x0, -0.1) && close(x1, 2.1) && close(y0, -0.6) && close(y1, 1.6),
            "{x0} {x1} {y0} {y1}"
        );
    }

    #[test]
    fn upsampling_repeats_each_cell_and_cuts_the_last() {
        // 2×2 cells of 3 px onto 5×4 pixels.
        let grid = [1u8, 2, 3, 4];
        let image = upsample(&grid, 2, 3, (5, 4));
        assert_eq!(&image[0..5], &[1, 1, 1, 2, 2]);
        assert_eq!(&image[10..15], &[1, 1, 1, 2, 2]);
        assert_eq!(&image[15..20], &[3, 3, 3, 4, 4]);
        assert_eq!(upsample(&[7u8], 4, 3, (4, 1)), [7, 7, 7, 0], "missing cells read as default");
    }

    #[test]
    fn boundary_image_is_sized_and_checks_its_size() {
        let mut twin = Twin::new(&LabConfig::default()).unwrap();
        let data = twin.data().train.clone();
        let mut scratch = BoundaryScratch::default();
        let trainer = twin.relu_mut();
        let rgba = boundary_image(trainer, &data, (40, 30), &Theme::DARK, 1.0, &mut scratch).unwrap();
        assert_eq!(rgba.len(), 40 * 30 * 4);
        assert!(rgba.chunks_exact(4).all(|p| p[3] == 255), "opaque");
        let error = boundary_image(trainer, &data, (8, 30), &Theme::DARK, 1.0, &mut scratch).unwrap_err();
        assert_eq!(error.message, "boundary image must be 16 to 4096 pixels a side, got 8×30");
    }
}
