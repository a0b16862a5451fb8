//! The confusion matrix of a classifier as a heat map: true classes down the rows, predicted
//! classes across the columns, each cell shaded by its share of its row (so a rare class reads
//! as well as a common one) and labelled with its count. (The test images and the first layer's
//! weights are drawn in [`images`].)

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::theme::Theme;
use crate::mlp::dataset::MAX_CLASSES;

#[path = "network_images.rs"]
pub mod images;
use crate::mlp::LabError;

/// A confusion matrix to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct ConfusionChart {
    /// `classes × classes` counts, row-major, row = true class, column = predicted class.
    pub matrix: Vec<u32>,
    /// One name per class (row and column labels); empty names fall back to the index.
    pub class_names: Vec<String>,
    pub theme: Theme,
    /// Device pixels per CSS pixel.
    pub scale: f64,
}

impl ConfusionChart {
    /// The number of classes, checked: the names give it, and the matrix must be its square.
    pub fn classes(&self) -> Result<usize, LabError> {
        let k = self.class_names.len();
        if !(2..=MAX_CLASSES).contains(&k) {
            return Err(LabError::new(
                "classNames",
                format!("classNames must name 2 to {MAX_CLASSES} classes, got {k}"),
            ));
        }
        if self.matrix.len() != k * k {
            return Err(LabError::new(
                "matrix",
                format!("matrix must hold classes × classes = {} counts, got {}", k * k, self.matrix.len()),
            ));
        }
        Ok(k)
    }
}

/// The share of its row of each cell (0 for an empty row).
pub fn row_shares(matrix: &[u32], classes: usize) -> Vec<f64> {
    matrix
        .chunks(classes.max(1))
        .flat_map(|row| {
            let total: u64 = row.iter().map(|&c| u64::from(c)).sum();
            row.iter().map(move |&c| if total == 0 { 0.0 } else { c as f64 / total as f64 })
        })
        .collect()
}

/// `a` blended towards `b` by `t` (0 = a, 1 = b).
pub fn blend(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let t = if t.is_finite() { t.clamp(0.0, 1.0) } else { 0.0 };
    let mix = |x: u8, y: u8| (x as f64 + (y as f64 - x as f64) * t).round() as u8;
    RGBColor(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

/// The colour of a cell holding `share` of its row: the background at 0, the theme's first
/// palette colour at 1.
pub fn cell_color(theme: &Theme, share: f64) -> RGBColor {
    blend(theme.background, theme.palette[0], share)
}

/// Draws the heat map filling `root`: a cell per (true, predicted) pair with its count, class
/// labels on both axes (names on the left when there is room, indices otherwise; indices across
/// the top), "predicted" above and "true" beside. Errors when the matrix and names disagree.
pub fn draw_confusion<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    chart: &ConfusionChart,
) -> Result<(), String> {
    let k = chart.classes().map_err(|e| e.message)?;
    let fail = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let (s, theme) = (chart.scale, &chart.theme);
    let (width, height) = root.dim_in_pixel();
    root.fill(&theme.background).map_err(fail)?;
    let font = |size: f64| ("sans-serif", size * s).into_font().color(&theme.text);
    let label_font = font(11.0);
    // Names on the left when they leave the cells at least 22 CSS pixels each.
    let longest = chart.class_names.iter().map(|n| n.chars().count()).max().unwrap_or(1);
    let names_width = (longest as f64 * 6.2 + 26.0) * s;
    let title = 18.0 * s;
    let index_width = 22.0 * s;
    let with_names = (width as f64 - names_width - title) / k as f64 >= 22.0 * s;
    let left = title + if with_names { names_width } else { index_width };
    let top = title + 16.0 * s;
    let side =
        ((width as f64 - left - 4.0 * s).min(height as f64 - top - 4.0 * s) / k as f64).floor().max(1.0);
    let (x0, y0) = (left.round() as i32, top.round() as i32);
    let cell = side as i32;
    let shares = row_shares(&chart.matrix, k);
    let count_size = (side / s * 0.34).clamp(7.0, 12.0);
    for row in 0..k {
        for column in 0..k {
            let share = shares[row * k + column];
            let (x, y) = (x0 + column as i32 * cell, y0 + row as i32 * cell);
            let fill = cell_color(theme, share);
            root.draw(&Rectangle::new([(x, y), (x + cell - 1, y + cell - 1)], fill.filled()))
                .map_err(fail)?;
            if row == column {
                let outline = ShapeStyle { color: theme.axis.to_rgba(), filled: false, stroke_width: 1 };
                root.draw(&Rectangle::new([(x, y), (x + cell - 1, y + cell - 1)], outline)).map_err(fail)?;
            }
            let ink = if share > 0.55 { theme.background } else { theme.text };
            let text = ("sans-serif", count_size * s)
                .into_font()
                .color(&ink)
                .pos(Pos::new(HPos::Center, VPos::Center));
            let count = chart.matrix[row * k + column];
            root.draw(&Text::new(count.to_string(), (x + cell / 2, y + cell / 2), text)).map_err(fail)?;
        }
    }
    let right = |x: i32, y: i32, text: String| {
        Text::new(text, (x, y), label_font.clone().pos(Pos::new(HPos::Right, VPos::Center)))
    };
    for (class, name) in chart.class_names.iter().enumerate() {
        let y = y0 + class as i32 * cell + cell / 2;
        let label =
            if with_names && !name.is_empty() { format!("{class} {name}") } else { class.to_string() };
        root.draw(&right(x0 - (4.0 * s) as i32, y, label)).map_err(fail)?;
        let centre = Pos::new(HPos::Center, VPos::Bottom);
        let x = x0 + class as i32 * cell + cell / 2;
        root.draw(&Text::new(class.to_string(), (x, y0 - (3.0 * s) as i32), label_font.clone().pos(centre)))
            .map_err(fail)?;
    }
    let grid_mid = |start: i32| start + (cell * k as i32) / 2;
    let axis_font = font(12.0);
    root.draw(&Text::new(
        "predicted class",
        (grid_mid(x0), (2.0 * s) as i32),
        axis_font.clone().pos(Pos::new(HPos::Center, VPos::Top)),
    ))
    .map_err(fail)?;
    let vertical = axis_font.transform(FontTransform::Rotate270).pos(Pos::new(HPos::Center, VPos::Top));
    root.draw(&Text::new("true class", ((2.0 * s) as i32, grid_mid(y0)), vertical)).map_err(fail)?;
    root.present().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(k: usize) -> Vec<String> {
        (0..k).map(|i| format!("class {i}")).collect()
    }

    fn render(chart: &ConfusionChart, size: (u32, u32)) -> Result<String, String> {
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
            draw_confusion(&root, chart)?;
        }
        Ok(svg)
    }

    #[test]
    fn shares_are_per_row_and_empty_rows_are_zero() {
        let shares = row_shares(&[3, 1, 0, 0], 2);
        assert_eq!(shares, vec![0.75, 0.25, 0.0, 0.0]);
    }

    #[test]
    fn a_full_cell_has_the_palette_colour_and_an_empty_one_the_background() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            assert_eq!(cell_color(&theme, 1.0), theme.palette[0]);
            assert_eq!(cell_color(&theme, 0.0), theme.background);
            assert_eq!(cell_color(&theme, f64::NAN), theme.background);
        }
    }

    #[test]
    fn draws_every_count_the_axis_titles_and_the_shaded_cells() {
        // 10 classes, diagonal 90, one confusion of 7 from class 2 to class 5.
        let mut matrix = vec![0u32; 100];
        for i in 0..10 {
            matrix[i * 10 + i] = 90;
        }
        matrix[2 * 10 + 5] = 7;
        let chart = ConfusionChart { matrix, class_names: names(10), theme: Theme::LIGHT, scale: 1.0 };
        let svg = render(&chart, (600, 520)).unwrap();
        assert!(svg.contains("predicted class") && svg.contains("true class"));
        let texts = texts(&svg);
        let count = |t: &str| texts.iter().filter(|x| *x == t).count();
        // "7" and "0" are also column indices (the rows are "7 class 7"): 1 + 1 and 89 + 1.
        assert_eq!((count("7"), count("90"), count("0")), (2, 10, 90), "every count is written");
        assert_eq!(count("2 class 2"), 1, "names on the left when wide");
        let full = hex_upper(Theme::LIGHT.palette[0]);
        assert!(svg.contains(&full), "a row that is all one cell has the full colour");
        let shaded = hex_upper(cell_color(&Theme::LIGHT, 90.0 / 97.0));
        assert!(svg.contains(&shaded), "class 2's diagonal is shaded by its share {shaded}");
    }

    #[test]
    fn a_phone_sized_canvas_labels_rows_by_index() {
        let chart =
            ConfusionChart { matrix: vec![1; 100], class_names: names(10), theme: Theme::DARK, scale: 1.0 };
        let svg = render(&chart, (240, 240)).unwrap();
        let texts = texts(&svg);
        assert!(!texts.iter().any(|t| t.contains("class 3")), "indices only: {texts:?}");
        assert_eq!(texts.iter().filter(|t| *t == "3").count(), 2, "row and column 3");
    }

    #[test]
    fn a_matrix_of_the_wrong_size_is_an_error() {
        let chart =
            ConfusionChart { matrix: vec![1; 99], class_names: names(10), theme: Theme::LIGHT, scale: 1.0 };
        let error = render(&chart, (300, 300)).unwrap_err();
        assert!(error.contains("100 counts, got 99"), "{error}");
        let chart =
            ConfusionChart { matrix: vec![1], class_names: names(1), theme: Theme::LIGHT, scale: 1.0 };
        assert!(render(&chart, (300, 300)).unwrap_err().contains("2 to 100 classes"));
    }

    /// The text of every `<text>` element, trimmed.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim().to_owned()))
            .collect()
    }

    fn hex_upper(c: RGBColor) -> String {
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
    }
}
