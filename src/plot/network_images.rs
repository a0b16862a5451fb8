//! Galleries of small images on one canvas: test images in grey with their predicted and true
//! class, and the first layer's weight vectors in a diverging colour map. The pixels are painted
//! into one RGBA buffer (one `putImageData`: a rectangle per pixel would be 30,000 canvas calls
//! for 128 weight images), then captions and marks are drawn over it with plotters, generic over
//! the backend. Both read one [`TileLayout`], so they line up.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::blend;
use crate::mlp::LabError;
use crate::plot::Theme;

/// Most images in one gallery.
pub const MAX_TILES: usize = 1024;
/// Largest image side, in source pixels.
pub const MAX_IMAGE_SIDE: usize = 64;

/// Which gallery: it sets the tile size and the caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TileKind {
    /// Test images with a two-line caption (predicted, true).
    Gallery,
    /// Weight images, no caption.
    Weights,
}

impl TileKind {
    /// `"gallery"` or `"weights"`.
    pub fn from_id(id: &str) -> Result<TileKind, LabError> {
        match id {
            "gallery" => Ok(TileKind::Gallery),
            "weights" => Ok(TileKind::Weights),
            _ => Err(LabError::new("kind", format!("kind must be \"gallery\" or \"weights\", got {id:?}"))),
        }
    }

    /// (narrowest cell, largest image, caption height, gap), in CSS pixels.
    fn metrics(self) -> (f64, f64, f64, f64) {
        match self {
            TileKind::Gallery => (84.0, 64.0, 30.0, 4.0),
            TileKind::Weights => (36.0, 48.0, 0.0, 2.0),
        }
    }
}

/// Where each tile sits, in device pixels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TileLayout {
    pub columns: usize,
    pub rows: usize,
    pub cell_width: usize,
    pub cell_height: usize,
    /// Device pixels per source pixel (whole, so images stay crisp).
    pub zoom: usize,
    /// The source image's size.
    pub image: (usize, usize),
    /// Caption band under each image.
    pub caption: usize,
    /// Gap above each image.
    pub pad: usize,
}

impl TileLayout {
    /// The layout of `count` images of `image` pixels across `width` device pixels.
    pub fn new(kind: TileKind, width: usize, count: usize, image: (usize, usize), scale: f64) -> TileLayout {
        let (min_cell, max_image, caption, pad) = kind.metrics();
        let columns = ((width as f64 / (min_cell * scale)).floor() as usize).clamp(1, count.max(1));
        let cell_width = (width / columns).max(1);
        let pad = (pad * scale).round() as usize;
        let room = (cell_width.saturating_sub(2 * pad) as f64).min(max_image * scale);
        let zoom = ((room / image.0.max(1) as f64).floor() as usize).max(1);
        let caption = (caption * scale).round() as usize;
        let cell_height = pad + zoom * image.1 + caption + pad;
        TileLayout {
            columns,
            rows: count.div_ceil(columns),
            cell_width,
            cell_height,
            zoom,
            image,
            caption,
            pad,
        }
    }

    /// The canvas height that holds every row, in device pixels.
    pub fn height(&self) -> usize {
        self.rows * self.cell_height
    }

    /// The top-left device pixel of tile `i`'s image.
    pub fn origin(&self, i: usize) -> (usize, usize) {
        let (column, row) = (i % self.columns, i / self.columns);
        let inset = (self.cell_width.saturating_sub(self.zoom * self.image.0)) / 2;
        (column * self.cell_width + inset, row * self.cell_height + self.pad)
    }
}

/// Checks `count` images of `width × height` in `values` (one number per pixel).
pub fn check_images(values: usize, (width, height): (usize, usize), count: usize) -> Result<(), LabError> {
    if !(1..=MAX_IMAGE_SIDE).contains(&width) || !(1..=MAX_IMAGE_SIDE).contains(&height) {
        let message = format!("width and height must be 1 to {MAX_IMAGE_SIDE}, got {width}×{height}");
        return Err(LabError::new("width", message));
    }
    if !(1..=MAX_TILES).contains(&count) {
        return Err(LabError::new("count", format!("count must be 1 to {MAX_TILES}, got {count}")));
    }
    if values != count * width * height {
        let message = format!(
            "pixels must hold count × width × height = {} numbers, got {values}",
            count * width * height
        );
        return Err(LabError::new("pixels", message));
    }
    Ok(())
}

/// A `width × height` RGBA buffer of the background with each tile's pixels painted at its
/// place; `color(tile, pixel)` gives a pixel's colour (row-major within its image). Tiles below
/// the canvas are cut.
pub fn paint_tiles(
    layout: &TileLayout,
    (width, height): (usize, usize),
    count: usize,
    background: RGBColor,
    color: impl Fn(usize, usize) -> RGBColor,
) -> Vec<u8> {
    let mut rgba: Vec<u8> = [background.0, background.1, background.2, 255].repeat(width * height);
    let (iw, ih) = layout.image;
    for tile in 0..count {
        let (x0, y0) = layout.origin(tile);
        for py in 0..ih * layout.zoom {
            let y = y0 + py;
            if y >= height {
                break;
            }
            for px in 0..iw * layout.zoom {
                let x = x0 + px;
                if x >= width {
                    break;
                }
                let c = color(tile, (py / layout.zoom) * iw + px / layout.zoom);
                let at = (y * width + x) * 4;
                rgba[at..at + 3].copy_from_slice(&[c.0, c.1, c.2]);
            }
        }
    }
    rgba
}

/// The grey of an image pixel of intensity `v` (0..1): the background at 0, the text colour at
/// 1 (so light clothing shows as ink on either theme).
pub fn grey(theme: &Theme, v: f32) -> RGBColor {
    blend(theme.background, theme.text, v as f64)
}

/// The diverging colour of weight `w` on a scale of ±`max`: the background at 0, the palette's
/// first colour towards +max and its second towards −max; a non-finite weight is muted.
pub fn diverging(theme: &Theme, w: f32, max: f32) -> RGBColor {
    if !w.is_finite() {
        return theme.muted;
    }
    let t = if max > 0.0 { (w / max) as f64 } else { 0.0 };
    let end = if t >= 0.0 { theme.palette[0] } else { theme.palette[1] };
    blend(theme.background, end, t.abs())
}

/// Each image's largest |value| (finite values only; 0 when none): the per-neuron scale.
pub fn per_tile_max(values: &[f32], pixels_per_tile: usize) -> Vec<f32> {
    values
        .chunks(pixels_per_tile.max(1))
        .map(|tile| tile.iter().filter(|v| v.is_finite()).fold(0.0f32, |m, v| m.max(v.abs())))
        .collect()
}

/// The caption of one test image.
#[derive(Clone, Debug, PartialEq)]
pub struct Caption {
    pub predicted: String,
    pub truth: String,
}

/// Draws the captions over a gallery painted by [`paint_tiles`]: the predicted class, then the
/// true class; a wrong prediction gets both lines, a frame and a cross in the theme's fourth
/// palette colour (so it is marked by shape as well as colour).
pub fn draw_gallery_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &TileLayout,
    captions: &[Caption],
    theme: &Theme,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let wrong_color = theme.palette[3];
    let line = (scale * 1.5).round().max(1.0) as u32;
    for (i, caption) in captions.iter().enumerate() {
        let wrong = caption.predicted != caption.truth;
        let ink = if wrong { wrong_color } else { theme.text };
        let (x0, y0) = layout.origin(i);
        let (x0, y0) = (x0 as i32, y0 as i32);
        let (w, h) = ((layout.zoom * layout.image.0) as i32, (layout.zoom * layout.image.1) as i32);
        let centre = x0 + w / 2;
        let font = |size: f64, color: RGBColor| {
            ("sans-serif", size * scale).into_font().color(&color).pos(Pos::new(HPos::Center, VPos::Top))
        };
        let top = y0 + h + (3.0 * scale) as i32;
        root.draw(&Text::new(caption.predicted.clone(), (centre, top), font(11.0, ink)))?;
        let second = top + (14.0 * scale) as i32;
        root.draw(&Text::new(format!("true: {}", caption.truth), (centre, second), font(10.0, ink)))?;
        if wrong {
            let style = ShapeStyle { color: wrong_color.to_rgba(), filled: false, stroke_width: line };
            root.draw(&Rectangle::new([(x0 - 2, y0 - 2), (x0 + w + 1, y0 + h + 1)], style))?;
            let arm = (5.0 * scale) as i32;
            let (cx, cy) = (x0 + w - arm - 2, y0 + arm + 2);
            root.draw(&PathElement::new(vec![(cx - arm, cy - arm), (cx + arm, cy + arm)], style))?;
            root.draw(&PathElement::new(vec![(cx - arm, cy + arm), (cx + arm, cy - arm)], style))?;
        }
    }
    root.present()
}

/// Draws the marks over weight images painted by [`paint_tiles`]: a dead neuron's tile
/// (`dead[i]`) is crossed out and framed in the muted colour.
pub fn draw_weight_overlay<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    layout: &TileLayout,
    dead: &[bool],
    theme: &Theme,
    scale: f64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let style = ShapeStyle {
        color: theme.muted.to_rgba(),
        filled: false,
        stroke_width: scale.round().max(1.0) as u32,
    };
    for (i, _) in dead.iter().enumerate().filter(|(_, &d)| d) {
        let (x0, y0) = layout.origin(i);
        let (x0, y0) = (x0 as i32, y0 as i32);
        let (w, h) = ((layout.zoom * layout.image.0) as i32, (layout.zoom * layout.image.1) as i32);
        root.draw(&Rectangle::new([(x0 - 1, y0 - 1), (x0 + w, y0 + h)], style))?;
        root.draw(&PathElement::new(vec![(x0, y0), (x0 + w, y0 + h)], style))?;
        root.draw(&PathElement::new(vec![(x0, y0 + h), (x0 + w, y0)], style))?;
    }
    root.present()
}

#[cfg(test)]
#[path = "network_images_tests.rs"]
mod tests;
