//! The legend of a compared-curves chart: the same picture as plotters' series labels
//! (`configure_series_labels`, upper left), but without measuring text on every redraw.
//!
//! In the browser plotters measures text by appending a `<span>` to the page and reading its
//! size, which forces a layout of the whole page; its legend does that twice per label per chart,
//! so a redraw of f and f′ with five curves cost twenty layouts (about 6 ms of a 30 ms redraw),
//! and the selected curve's label changes with every slider step (it carries the parameter
//! values). Here each character's width is measured once per font (a run of [`REPEAT`] copies,
//! for sub-pixel precision) and a label's width is the sum over its characters: after the first
//! legend, a redraw measures nothing. The sum ignores kerning, which moves the box edge by a
//! pixel or so at most.

use std::cell::RefCell;

use plotters::coord::Shift;
use plotters::prelude::*;

/// Copies of a character in one measurement: the width per character is then exact to 1/16 px.
const REPEAT: usize = 16;
/// Cached characters before the cache is cleared (a guard against unbounded growth; labels use
/// a few dozen).
const CACHE_LIMIT: usize = 256;

/// A measured character: font key (family, style, size), character, width, height.
type Glyph = (String, char, f64, u32);

thread_local! {
    static GLYPHS: RefCell<Vec<Glyph>> = const { RefCell::new(Vec::new()) };
}

/// One legend line: a sample stroke in the curve's colour and its label.
pub(super) struct LegendEntry<'a> {
    pub(super) label: &'a str,
    pub(super) color: RGBColor,
    /// Dash and gap lengths of a dashed curve's sample stroke, in backend pixels.
    pub(super) dash: Option<(i32, i32)>,
}

/// How the legend looks; sizes in backend pixels.
pub(super) struct LegendStyle<'a> {
    pub(super) font: TextStyle<'a>,
    /// Padding inside the box.
    pub(super) margin: i32,
    /// Width reserved left of the labels for the sample strokes.
    pub(super) sample_area: i32,
    /// Length of a sample stroke.
    pub(super) sample_length: i32,
    pub(super) line_width: u32,
    pub(super) background: RGBAColor,
    pub(super) border: ShapeStyle,
}

/// Width and height of the legend box, in backend pixels.
pub(super) fn legend_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    style: &LegendStyle,
) -> Result<(i32, i32), DrawingAreaErrorKind<DB::ErrorType>> {
    let sizes = text_sizes(area, entries, style)?;
    let (mut width, mut height) = (0, 0);
    for (index, &(w, h)) in sizes.iter().enumerate() {
        width = width.max(w as i32);
        height = height.max(line_top(style, 0, index) + h as i32);
    }
    Ok((width + style.sample_area + 2 * style.margin, height + 2 * style.margin))
}

/// Each label's measured size.
fn text_sizes<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    style: &LegendStyle,
) -> Result<Vec<(u32, u32)>, DrawingAreaErrorKind<DB::ErrorType>> {
    entries.iter().map(|entry| text_size(area, &style.font, entry.label)).collect()
}

/// Top of line `index` for a text block starting at `top` (plotters' MultiLineText layout:
/// lines 1.25 font sizes apart).
fn line_top(style: &LegendStyle, top: i32, index: usize) -> i32 {
    (f64::from(top) + index as f64 * style.font.font.get_size() * 1.25).round() as i32
}

/// Draws the legend box of `size` (from [`legend_size`]) with its top-left corner at `corner`
/// in `area` (the plotting area), laid out exactly as plotters' series labels.
pub(super) fn draw_legend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    entries: &[LegendEntry],
    style: &LegendStyle,
    (left, top): (i32, i32),
    (width, height): (i32, i32),
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let sizes = text_sizes(area, entries, style)?;
    let corners = [(left, top), (left + width, top + height)];
    area.draw(&Rectangle::new(corners, style.background.filled()))?;
    area.draw(&Rectangle::new(corners, style.border))?;
    let (text_left, text_top) = (left + style.sample_area + style.margin, top + style.margin);
    for (index, entry) in entries.iter().enumerate() {
        area.draw(&Text::new(
            entry.label,
            (text_left, line_top(style, text_top, index)),
            style.font.clone(),
        ))?;
    }
    for (index, (entry, &(_, h))) in entries.iter().zip(&sizes).enumerate() {
        let line_top = line_top(style, text_top, index);
        let y = (line_top + line_top + h as i32) / 2;
        let x = left + style.margin;
        let stroke = entry.color.stroke_width(style.line_width);
        let end = x + style.sample_length;
        match entry.dash {
            None => area.draw(&PathElement::new(vec![(x, y), (end, y)], stroke))?,
            Some((dash, gap)) => {
                let mut start = x;
                while start < end {
                    let stop = (start + dash.max(1)).min(end);
                    area.draw(&PathElement::new(vec![(start, y), (stop, y)], stroke))?;
                    start = stop + gap.max(1);
                }
            }
        }
    }
    Ok(())
}

/// Width and height of `text` in `style`'s font: the sum of its characters' widths (each
/// measured by plotters once, then cached) and the tallest of their heights.
fn text_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &TextStyle,
    text: &str,
) -> Result<(u32, u32), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = &style.font;
    let key = format!("{}|{}|{}", font.get_family().as_str(), font.get_style().as_str(), font.get_size());
    let (mut width, mut height) = (0.0, 0);
    for c in text.chars() {
        let (w, h) = glyph_size(area, style, &key, c)?;
        width += w;
        height = height.max(h);
    }
    Ok((width.round() as u32, height))
}

/// Width (fractional) and height of one character, from the cache or measured.
fn glyph_size<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    style: &TextStyle,
    key: &str,
    c: char,
) -> Result<(f64, u32), DrawingAreaErrorKind<DB::ErrorType>> {
    let cached = GLYPHS.with(|cache| {
        cache.borrow().iter().find(|g| g.1 == c && g.0 == key).map(|&(_, _, width, height)| (width, height))
    });
    if let Some(size) = cached {
        return Ok(size);
    }
    let (width, height) = area.estimate_text_size(&c.to_string().repeat(REPEAT), style)?;
    let size = (f64::from(width) / REPEAT as f64, height);
    GLYPHS.with(|cache| {
        let mut cache = cache.borrow_mut();
        if cache.len() >= CACHE_LIMIT {
            cache.clear();
        }
        cache.push((key.to_owned(), c, size.0, size.1));
    });
    Ok(size)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chart with three labelled series, its legend drawn by plotters or by [`draw_legend`].
    fn render(ours: bool) -> String {
        let labels = [("relu", RGBColor(1, 2, 3)), ("Leaky ReLU (0.2)", RGBColor(4, 5, 6)), ("gelu", RED)];
        let mut svg = String::new();
        {
            let root = SVGBackend::with_string(&mut svg, (640, 400)).into_drawing_area();
            let mut chart =
                ChartBuilder::on(&root).margin(10).build_cartesian_2d(0.0..1.0, 0.0..1.0).unwrap();
            let font = ("sans-serif", 24.0).into_font().color(&BLACK);
            for &(label, color) in &labels {
                let drawn =
                    chart.draw_series(std::iter::once(PathElement::new(vec![(0.0, 0.0), (1.0, 1.0)], color)));
                drawn
                    .unwrap()
                    .label(label)
                    .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 32, y)], color.stroke_width(4)));
            }
            let background = WHITE.mix(0.9);
            if ours {
                let entries: Vec<_> =
                    labels.iter().map(|&(label, color)| LegendEntry { label, color, dash: None }).collect();
                let style = LegendStyle {
                    font,
                    margin: 16,
                    sample_area: 44,
                    sample_length: 32,
                    line_width: 4,
                    background,
                    border: BLUE.into(),
                };
                let area = chart.plotting_area().strip_coord_spec();
                let size = legend_size(&area, &entries, &style).unwrap();
                draw_legend(&area, &entries, &style, (5, 5), size).unwrap();
            } else {
                chart
                    .configure_series_labels()
                    .position(SeriesLabelPosition::UpperLeft)
                    .margin(16)
                    .legend_area_size(44)
                    .background_style(background)
                    .border_style(BLUE)
                    .label_font(font)
                    .draw()
                    .unwrap();
            }
            root.present().unwrap();
        }
        svg
    }

    /// Each SVG line as its text with numbers blanked out, and those numbers.
    fn elements(svg: &str) -> Vec<(String, Vec<f64>)> {
        svg.lines()
            .map(|line| {
                let (mut skeleton, mut numbers, mut number) = (String::new(), vec![], String::new());
                for c in line.chars().chain(['\n']) {
                    if c.is_ascii_digit() || (c == '.' && !number.is_empty()) {
                        number.push(c);
                        continue;
                    }
                    if !number.is_empty() {
                        numbers.push(number.parse().unwrap());
                        number.clear();
                        skeleton.push('#');
                    }
                    skeleton.push(c);
                }
                (skeleton, numbers)
            })
            .collect()
    }

    #[test]
    fn draws_what_plotters_series_labels_draw_within_a_pixel() {
        let (ours, theirs) = (elements(&render(true)), elements(&render(false)));
        assert_eq!(ours.len(), theirs.len());
        for ((skeleton, numbers), (their_skeleton, their_numbers)) in ours.iter().zip(&theirs) {
            assert_eq!(skeleton, their_skeleton, "same elements in the same order");
            for (a, b) in numbers.iter().zip(their_numbers) {
                assert!((a - b).abs() <= 1.0, "{skeleton}: {numbers:?} against {their_numbers:?}");
            }
        }
        assert!(ours.iter().any(|(skeleton, _)| skeleton.contains("Leaky ReLU (#)")));
        // Drawn again from the cache: the same.
        assert_eq!(elements(&render(true)), ours);
    }
}
