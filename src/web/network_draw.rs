//! Drawing the article's network on canvases (network.html): the confusion matrix, a gallery of
//! test images with predicted and true class, and the first layer's weights as images. Glue
//! only: reads and checks the JS values, calls `plot::network`, puts the pixels on the canvas.

use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::prelude::*;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

use super::canvas::{self, Canvas};
use super::error::js_error;
use super::lab_draw::{check_scale, theme_by_name};
use super::read::{self, TypedNumbers};
use crate::mlp::dataset::MAX_CLASSES;
use crate::plot::network::images::{
    check_images, diverging, draw_gallery_overlay, draw_weight_overlay, grey, paint_tiles, per_tile_max,
    Caption, TileKind, TileLayout, MAX_TILES,
};
use crate::plot::network::{draw_confusion, ConfusionChart};
use crate::plot::Theme;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** Options of drawImageGrid: the page's theme and devicePixelRatio, and (all three or none) each image's predicted and true class and the class names. */
export interface ImageGridOptions { theme: "light" | "dark"; scale: number; predicted?: Uint8Array; truth?: Uint8Array; classNames?: string[]; }
"#;

/// Draws a confusion matrix filling the canvas: `matrix` is `classes × classes` counts (a
/// `Uint32Array` or an array, row = true class, column = predicted), `classNames` one name per
/// class. Each cell is shaded by its share of its row and shows its count.
#[wasm_bindgen(js_name = drawConfusion)]
pub fn draw_confusion_js(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint32Array")] matrix: JsValue,
    #[wasm_bindgen(js_name = classNames, unchecked_param_type = "string[]")] class_names: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
) -> Result<(), JsError> {
    const WHAT: &str = "drawConfusion";
    let (theme, scale) = (theme_by_name(&theme)?, check_scale(&scale)?);
    let class_names = names(&class_names, &format!("{WHAT}: classNames"))?;
    let matrix =
        read::counts(&matrix, MAX_CLASSES * MAX_CLASSES, &format!("{WHAT}: matrix")).map_err(js_error)?;
    let chart = ConfusionChart { matrix, class_names, theme, scale };
    chart.classes().map_err(|e| js_error(format!("{WHAT}: {}", e.message)))?;
    let Canvas { element, .. } = canvas::canvas(&canvas, 32, WHAT).map_err(js_error)?;
    let root = backend(element)?.into_drawing_area();
    draw_confusion(&root, &chart).map_err(js_error)
}

/// Draws `count` grey images of `width × height` pixels (`pixels`: a `Uint8Array` of 0–255 or a
/// `Float32Array` of 0–1, image after image, row-major), as many per row as fit, each with
/// "predicted" and "true: …" under it when `options` gives `predicted`, `truth` and
/// `classNames`; wrong predictions are framed and crossed. Size the canvas with `imageGridHeight`.
#[wasm_bindgen(js_name = drawImageGrid)]
pub fn draw_image_grid(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | Float32Array")] pixels: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
    #[wasm_bindgen(unchecked_param_type = "ImageGridOptions")] options: JsValue,
) -> Result<(), JsError> {
    const WHAT: &str = "drawImageGrid";
    read::only_keys(
        &options,
        &["theme", "scale", "predicted", "truth", "classNames"],
        &format!("{WHAT}: options"),
        "{ theme: \"light\", scale: 1 }",
    )
    .map_err(js_error)?;
    let field = |key: &str| read::get(&options, key, WHAT).map_err(js_error);
    let (theme, scale) = (theme_by_name(&field("theme")?)?, check_scale(&field("scale")?)?);
    let (image, count) = image_size(&width, &height, &count, WHAT)?;
    let values: Vec<f32> =
        match read::typed_numbers(&pixels, &["Uint8Array", "Float32Array"], &format!("{WHAT}: pixels"))
            .map_err(js_error)?
        {
            TypedNumbers::F32(v) => v,
            TypedNumbers::F64(v) => v.into_iter().map(|x| (x / 255.0) as f32).collect(),
        };
    check_images(values.len(), image, count).map_err(|e| js_error(format!("{WHAT}: {}", e.message)))?;
    let captions = captions(&field("predicted")?, &field("truth")?, &field("classNames")?, count)?;
    let side = image.0 * image.1;
    draw_tiles(
        &canvas,
        TileKind::Gallery,
        image,
        count,
        theme,
        scale,
        WHAT,
        |tile, pixel| grey(&theme, values[tile * side + pixel]),
        |root, layout| draw_gallery_overlay(root, layout, &captions, &theme, scale).map_err(js_error),
    )
}

/// Draws `count` weight vectors (`weights`: a `Float32Array`, vector after vector, e.g.
/// `lab.firstLayerWeights()`) as `width × height` images in a diverging colour map symmetric
/// about 0, each on its own scale (±its largest |weight|). A `dead` mask (1 = dead, e.g. the
/// first layer's `deadMask`) crosses out those neurons' tiles. Size the canvas with `imageGridHeight`.
#[wasm_bindgen(js_name = drawWeightImages)]
#[allow(clippy::too_many_arguments)]
pub fn draw_weight_images(
    #[wasm_bindgen(unchecked_param_type = "HTMLCanvasElement")] canvas: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Float32Array")] weights: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
    #[wasm_bindgen(unchecked_param_type = "\"light\" | \"dark\"")] theme: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | null | undefined")] dead: JsValue,
) -> Result<(), JsError> {
    const WHAT: &str = "drawWeightImages";
    let (theme, scale) = (theme_by_name(&theme)?, check_scale(&scale)?);
    let (image, count) = image_size(&width, &height, &count, WHAT)?;
    let values = match read::typed_numbers(&weights, &["Float32Array"], &format!("{WHAT}: weights"))
        .map_err(js_error)?
    {
        TypedNumbers::F32(v) => v,
        TypedNumbers::F64(v) => v.into_iter().map(|x| x as f32).collect(),
    };
    check_images(values.len(), image, count).map_err(|e| js_error(format!("{WHAT}: {}", e.message)))?;
    let dead: Vec<bool> = if dead.is_null() || dead.is_undefined() {
        vec![]
    } else {
        let mask = numbers_of(&dead, MAX_TILES, &format!("{WHAT}: dead"))?;
        if mask.len() != count {
            return Err(js_error(format!(
                "{WHAT}: dead must hold one entry per image ({count}), got {}",
                mask.len()
            )));
        }
        mask.into_iter().map(|m| m != 0.0).collect()
    };
    let side = image.0 * image.1;
    let max = per_tile_max(&values, side);
    draw_tiles(
        &canvas,
        TileKind::Weights,
        image,
        count,
        theme,
        scale,
        WHAT,
        |tile, pixel| diverging(&theme, values[tile * side + pixel], max[tile]),
        |root, layout| draw_weight_overlay(root, layout, &dead, &theme, scale).map_err(js_error),
    )
}

/// The canvas height, in device pixels, that `drawImageGrid` (`kind` `"gallery"`) or
/// `drawWeightImages` (`"weights"`) needs for `count` images of `width × height` across
/// `canvasWidth` device pixels at devicePixelRatio `scale`.
#[wasm_bindgen(js_name = imageGridHeight)]
pub fn image_grid_height(
    #[wasm_bindgen(unchecked_param_type = "\"gallery\" | \"weights\"")] kind: JsValue,
    #[wasm_bindgen(js_name = canvasWidth, unchecked_param_type = "number")] canvas_width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] width: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] height: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] scale: JsValue,
) -> Result<f64, JsError> {
    const WHAT: &str = "imageGridHeight";
    let kind = TileKind::from_id(&read::string_arg(&kind, &format!("{WHAT}: kind")).map_err(js_error)?)
        .map_err(|e| js_error(format!("{WHAT}: {}", e.message)))?;
    let canvas_width =
        read::whole(&canvas_width, canvas::MAX_SIDE, &format!("{WHAT}: canvasWidth")).map_err(js_error)?;
    let (image, count) = image_size(&width, &height, &count, WHAT)?;
    let layout = TileLayout::new(kind, canvas_width as usize, count, image, check_scale(&scale)?);
    Ok(layout.height() as f64)
}

/// `width`, `height` and `count` as whole numbers (their ranges are checked with the pixels).
fn image_size(
    width: &JsValue,
    height: &JsValue,
    count: &JsValue,
    what: &str,
) -> Result<((usize, usize), usize), JsError> {
    let whole = |v: &JsValue, name: &str| {
        read::whole(v, MAX_TILES as f64, &format!("{what}: {name}")).map(|x| x as usize).map_err(js_error)
    };
    Ok(((whole(width, "width")?, whole(height, "height")?), whole(count, "count")?))
}

/// The captions from `predicted`, `truth` and `classNames` (all three, or none for no captions).
fn captions(
    predicted: &JsValue,
    truth: &JsValue,
    class_names: &JsValue,
    count: usize,
) -> Result<Vec<Caption>, JsError> {
    const WHAT: &str = "drawImageGrid";
    let given = [predicted, truth, class_names].map(|v| !v.is_undefined() && !v.is_null());
    if given == [false; 3] {
        return Ok(vec![]);
    }
    if given != [true; 3] {
        return Err(js_error(format!(
            "{WHAT}: options.predicted, options.truth and options.classNames go together"
        )));
    }
    let names = names(class_names, &format!("{WHAT}: options.classNames"))?;
    let classes = |v: &JsValue, key: &str| -> Result<Vec<usize>, JsError> {
        let list = numbers_of(v, MAX_TILES, &format!("{WHAT}: options.{key}"))?;
        if list.len() != count {
            return Err(js_error(format!(
                "{WHAT}: options.{key} must hold one class per image ({count}), got {}",
                list.len()
            )));
        }
        list.iter()
            .map(|&c| match c {
                c if c.fract() == 0.0 && c >= 0.0 && (c as usize) < names.len() => Ok(c as usize),
                c => Err(js_error(format!(
                    "{WHAT}: options.{key} holds class {c}; classes are 0 to {}",
                    names.len() - 1
                ))),
            })
            .collect()
    };
    let (predicted, truth) = (classes(predicted, "predicted")?, classes(truth, "truth")?);
    Ok(predicted
        .into_iter()
        .zip(truth)
        .map(|(p, t)| Caption { predicted: names[p].clone(), truth: names[t].clone() })
        .collect())
}

/// Numbers from any typed array or an array of numbers, at most `max` (masks, class indices).
fn numbers_of(v: &JsValue, max: usize, what: &str) -> Result<Vec<f64>, JsError> {
    if read::typed_array_kind(v).is_none() {
        return read::numbers(v, max, what).map_err(js_error);
    }
    const KINDS: [&str; 5] = ["Uint8Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array"];
    let list = match read::typed_numbers(v, &KINDS, what).map_err(js_error)? {
        TypedNumbers::F32(v) => v.into_iter().map(f64::from).collect(),
        TypedNumbers::F64(v) => v,
    };
    if list.len() > max {
        return Err(js_error(format!("{what} has {} values; at most {max} are allowed", list.len())));
    }
    Ok(list)
}

/// An array of at most `MAX_CLASSES` strings.
fn names(v: &JsValue, what: &str) -> Result<Vec<String>, JsError> {
    read::array(v, MAX_CLASSES, what)
        .map_err(js_error)?
        .iter()
        .enumerate()
        .map(|(i, name)| {
            name.as_string().ok_or_else(|| {
                js_error(format!("{what}[{i}] must be a string, got {}", read::type_name(name)))
            })
        })
        .collect()
}

/// Paints the tiles of `count` images into the whole canvas at once, then draws `overlay`.
#[allow(clippy::too_many_arguments)]
fn draw_tiles(
    canvas: &JsValue,
    kind: TileKind,
    image: (usize, usize),
    count: usize,
    theme: Theme,
    scale: f64,
    what: &str,
    color: impl Fn(usize, usize) -> plotters::style::RGBColor,
    overlay: impl FnOnce(
        &plotters::drawing::DrawingArea<CanvasBackend, plotters::coord::Shift>,
        &TileLayout,
    ) -> Result<(), JsError>,
) -> Result<(), JsError> {
    let Canvas { element, width, height } = canvas::canvas(canvas, 16, what).map_err(js_error)?;
    let layout = TileLayout::new(kind, width as usize, count, image, scale);
    let rgba = paint_tiles(&layout, (width as usize, height as usize), count, theme.background, color);
    let pixels = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width, height)
        .map_err(|_| js_error(format!("{what}: could not create the image")))?;
    let ctx: CanvasRenderingContext2d = element
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into().ok())
        .ok_or_else(|| js_error(format!("{what}: canvas has no 2D context")))?;
    ctx.put_image_data(&pixels, 0.0, 0.0)
        .map_err(|_| js_error(format!("{what}: could not draw the image")))?;
    let root = backend(element)?.into_drawing_area();
    overlay(&root, &layout)
}

fn backend(canvas: HtmlCanvasElement) -> Result<CanvasBackend, JsError> {
    CanvasBackend::with_canvas_object(canvas).ok_or_else(|| js_error("canvas has no 2D context"))
}
