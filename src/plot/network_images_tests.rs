//! The image galleries' layout, pixels, colour maps and marks.

use super::*;

#[test]
fn layouts_fit_the_width_and_zoom_by_whole_pixels() {
    let phone = TileLayout::new(TileKind::Weights, 350, 128, (16, 16), 1.0);
    assert_eq!((phone.columns, phone.rows, phone.zoom), (9, 15, 2));
    let wide = TileLayout::new(TileKind::Gallery, 1400, 24, (16, 16), 2.0);
    assert_eq!(wide.columns, 8);
    assert!(wide.zoom * 16 <= wide.cell_width && wide.zoom * 16 <= 128, "{wide:?}");
    assert_eq!(wide.height(), 3 * wide.cell_height, "24 images in rows of 8");
    // Never more columns than images, never zero.
    assert_eq!(TileLayout::new(TileKind::Gallery, 2000, 2, (16, 16), 1.0).columns, 2);
    assert_eq!(TileLayout::new(TileKind::Gallery, 10, 5, (16, 16), 1.0).columns, 1);
}

#[test]
fn tiles_are_painted_where_the_layout_puts_them() {
    let layout = TileLayout::new(TileKind::Weights, 80, 2, (2, 1), 1.0);
    let rgba = paint_tiles(&layout, (80, layout.height()), 2, RGBColor(0, 0, 0), |tile, pixel| {
        RGBColor(tile as u8 * 100 + 1, pixel as u8 + 1, 7)
    });
    let at = |(x, y): (usize, usize)| &rgba[(y * 80 + x) * 4..(y * 80 + x) * 4 + 4];
    let (x, y) = layout.origin(1);
    assert_eq!(at((x, y)), &[101, 1, 7, 255]);
    assert_eq!(at((x + layout.zoom, y)), &[101, 2, 7, 255], "the second source pixel");
    assert_eq!(at((0, 0)), &[0, 0, 0, 255], "the background around the tiles");
}

#[test]
fn the_colour_maps_are_symmetric_about_zero() {
    let t = Theme::LIGHT;
    assert_eq!(diverging(&t, 0.0, 1.0), t.background);
    assert_eq!(diverging(&t, 0.5, 0.5), t.palette[0]);
    assert_eq!(diverging(&t, -0.5, 0.5), t.palette[1]);
    let (pos, neg) = (diverging(&t, 0.25, 1.0), diverging(&t, -0.25, 1.0));
    assert_eq!(pos, blend(t.background, t.palette[0], 0.25));
    assert_eq!(neg, blend(t.background, t.palette[1], 0.25));
    assert_eq!(diverging(&t, f32::NAN, 1.0), t.muted);
    assert_eq!(grey(&Theme::DARK, 1.0), Theme::DARK.text);
    assert_eq!(per_tile_max(&[0.5, -2.0, f32::NAN, 0.0], 2), vec![2.0, 0.0]);
}

#[test]
fn bad_image_sets_are_errors_naming_the_problem() {
    assert!(check_images(512, (16, 16), 2).is_ok());
    assert!(check_images(511, (16, 16), 2).unwrap_err().message.contains("512 numbers, got 511"));
    assert!(check_images(0, (16, 16), 0).unwrap_err().message.contains("count must be 1"));
    assert!(check_images(65, (65, 1), 1).unwrap_err().message.contains("1 to 64"));
}

#[test]
fn wrong_predictions_are_marked_by_a_frame_and_a_cross_and_dead_tiles_crossed() {
    let layout = TileLayout::new(TileKind::Gallery, 300, 2, (16, 16), 1.0);
    let captions = [
        Caption { predicted: "Sneaker".into(), truth: "Sneaker".into() },
        Caption { predicted: "Shirt".into(), truth: "Coat".into() },
    ];
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (300, layout.height() as u32)).into_drawing_area();
        draw_gallery_overlay(&root, &layout, &captions, &Theme::LIGHT, 1.0).unwrap();
    }
    assert!(svg.contains("Sneaker") && svg.contains("true: Coat") && svg.contains("Shirt"));
    let wrong = Theme::LIGHT.palette[3];
    let wrong = format!("#{:02X}{:02X}{:02X}", wrong.0, wrong.1, wrong.2);
    assert_eq!(svg.matches(&format!("stroke=\"{wrong}\"")).count(), 3, "one frame and two strokes");
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (300, 200)).into_drawing_area();
        let layout = TileLayout::new(TileKind::Weights, 300, 3, (16, 16), 1.0);
        draw_weight_overlay(&root, &layout, &[false, true, false], &Theme::DARK, 1.0).unwrap();
    }
    assert_eq!(svg.matches("<polyline").count() + svg.matches("<rect").count(), 3, "{svg}");
}
