//! Colours and sizes of the charts, for light and dark pages, scaled for the device pixel ratio,
//! and the grid and axes every chart shares.

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::{Color, DrawingBackend, IntoFont, ShapeStyle, TRANSPARENT};
use plotters::style::RGBColor;

/// Colours of a chart. The page's CSS uses the same background so the canvas blends into its card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    pub background: RGBColor,
    pub text: RGBColor,
    pub grid: RGBColor,
    pub axis: RGBColor,
    pub zero_line: RGBColor,
}

impl Theme {
    pub const LIGHT: Theme = Theme {
        background: RGBColor(0xff, 0xff, 0xff),
        text: RGBColor(0x37, 0x41, 0x51),
        grid: RGBColor(0xe8, 0xeb, 0xf0),
        axis: RGBColor(0x9c, 0xa3, 0xaf),
        zero_line: RGBColor(0x6b, 0x72, 0x80),
    };
    pub const DARK: Theme = Theme {
        background: RGBColor(0x16, 0x1b, 0x22),
        text: RGBColor(0xc9, 0xd1, 0xd9),
        grid: RGBColor(0x26, 0x2c, 0x36),
        axis: RGBColor(0x4b, 0x55, 0x63),
        zero_line: RGBColor(0x8b, 0x94, 0x9e),
    };

    /// `"light"` or `"dark"`.
    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::LIGHT),
            "dark" => Some(Theme::DARK),
            _ => None,
        }
    }
}

/// Curve colours used when a caller gives none: distinguishable in both themes and for the
/// common colour-vision deficiencies (Okabe–Ito inspired).
pub const PALETTE: [RGBColor; 5] = [
    RGBColor(0x25, 0x63, 0xeb),
    RGBColor(0xe0, 0x6c, 0x00),
    RGBColor(0x05, 0x96, 0x69),
    RGBColor(0xc0, 0x26, 0xd3),
    RGBColor(0xdc, 0x26, 0x26),
];

/// Styles a chart's mesh the way every chart draws it: major grid lines in the theme's grid
/// colour, no minor ones (they double the draw cost and add little at these sizes), axes in the
/// axis colour, tick labels at `label_size` and axis descriptions one point larger, all
/// multiplied by `scale` (device pixels per CSS pixel). The caller adds label counts,
/// descriptions and formatters, then draws.
pub fn style_mesh<'m, 'a, 'b, X: Ranged, Y: Ranged, DB: DrawingBackend>(
    mesh: &'m mut MeshStyle<'a, 'b, X, Y, DB>,
    theme: &Theme,
    scale: f64,
    label_size: f64,
) -> &'m mut MeshStyle<'a, 'b, X, Y, DB> {
    let line = |color: RGBColor| ShapeStyle {
        color: color.to_rgba(),
        filled: false,
        stroke_width: scale.round().max(1.0) as u32,
    };
    let font = |size: f64| ("sans-serif", size * scale).into_font().color(&theme.text);
    mesh.bold_line_style(line(theme.grid))
        .light_line_style(TRANSPARENT)
        .axis_style(line(theme.axis))
        .label_style(font(label_size))
        .axis_desc_style(font(label_size + 1.0))
}

/// Parses `#rrggbb` (the only form the page sends).
pub fn parse_hex_color(s: &str) -> Option<RGBColor> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(RGBColor(channel(0)?, channel(2)?, channel(4)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_six_digit_hex() {
        assert_eq!(parse_hex_color("#2563eb"), Some(RGBColor(0x25, 0x63, 0xeb)));
        assert_eq!(parse_hex_color("#2563EB"), Some(RGBColor(0x25, 0x63, 0xeb)));
        for bad in ["2563eb", "#fff", "#2563eg", "#2563eb00", "", "#ééé"] {
            assert_eq!(parse_hex_color(bad), None, "{bad}");
        }
    }
}
