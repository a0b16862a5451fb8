//! The one theme of actviz: every colour the charts and the pages share (curve palette, the lab's
//! two networks, chart background, grid, axes, text) and the pages' own (text, borders, notices,
//! focus ring), for light and dark pages. Every text colour reads at WCAG AA (4.5:1) on every
//! surface it sits on, which a test below checks. The wasm export
//! `theme()` hands it to JS and [`theme_css`] renders it as the custom properties of
//! `www/css/theme.css`, so CSS, JS and Rust read the same values. Also the mesh style every chart
//! shares, scaled for the device pixel ratio.

use std::fmt::Write as _;

use plotters::chart::MeshStyle;
use plotters::coord::ranged1d::Ranged;
use plotters::prelude::{Color, DrawingBackend, IntoFont, ShapeStyle, TRANSPARENT};
use plotters::style::RGBColor;

pub use super::page_colors::PageColors;

/// How many curve colours the palette has (the explorer's main curve and four comparisons).
pub const PALETTE_LEN: usize = 5;

/// Colours of one colour scheme. The chart background is also the page's `--surface`, so a canvas
/// blends into its card.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Theme {
    /// Curve colours by slot (0 = main curve): distinguishable from one another on the background
    /// and for the common colour-vision deficiencies.
    pub palette: [RGBColor; PALETTE_LEN],
    /// The lab's ReLU network.
    pub relu: RGBColor,
    /// The lab's other network (the activation the user picked).
    pub other: RGBColor,
    /// Chart background, equal to the page's card surface.
    pub background: RGBColor,
    /// Tick labels, axis descriptions and legend text.
    pub text: RGBColor,
    /// Major grid lines.
    pub grid: RGBColor,
    /// The axes.
    pub axis: RGBColor,
    /// Secondary ink drawn over the data: the zero lines.
    pub muted: RGBColor,
    /// The pages' own colours.
    pub page: PageColors,
}

impl Theme {
    /// For `prefers-color-scheme: light`.
    pub const LIGHT: Theme = Theme {
        palette: [
            RGBColor(0x25, 0x63, 0xeb),
            RGBColor(0xe8, 0x59, 0x0c),
            RGBColor(0x0c, 0x9a, 0x6e),
            RGBColor(0xc2, 0x25, 0x5c),
            RGBColor(0x70, 0x48, 0xe8),
        ],
        relu: RGBColor(0xe0, 0x6c, 0x00),
        other: RGBColor(0x25, 0x63, 0xeb),
        background: RGBColor(0xff, 0xff, 0xff),
        text: RGBColor(0x37, 0x41, 0x51),
        grid: RGBColor(0xe8, 0xeb, 0xf0),
        axis: RGBColor(0x9c, 0xa3, 0xaf),
        muted: RGBColor(0x6b, 0x72, 0x80),
        page: PageColors {
            bg: RGBColor(0xf4, 0xf6, 0xf9),
            surface_2: RGBColor(0xf7, 0xf8, 0xfa),
            border: RGBColor(0xdf, 0xe3, 0xea),
            border_strong: RGBColor(0xc5, 0xcc, 0xd8),
            text: RGBColor(0x16, 0x19, 0x1f),
            muted: RGBColor(0x5a, 0x63, 0x72),
            faint: RGBColor(0x66, 0x70, 0x80),
            accent_strong: RGBColor(0x1d, 0x4e, 0xd8),
            accent_soft: RGBColor(0xe8, 0xef, 0xff),
            on_accent: RGBColor(0xff, 0xff, 0xff),
            danger: RGBColor(0xc0, 0x2b, 0x2b),
            danger_soft: RGBColor(0xfd, 0xec, 0xec),
            warn_bg: RGBColor(0xff, 0xf7, 0xe0),
            warn_border: RGBColor(0xf0, 0xcf, 0x74),
            warn_text: RGBColor(0x5c, 0x43, 0x00),
            focus: RGBColor(0x25, 0x63, 0xeb),
            crosshair: RGBColor(0x6b, 0x72, 0x80),
        },
    };
    /// For `prefers-color-scheme: dark`: the same hues, lighter, on the dark card surface.
    pub const DARK: Theme = Theme {
        palette: [
            RGBColor(0x6e, 0xa8, 0xfe),
            RGBColor(0xff, 0xa9, 0x4d),
            RGBColor(0x3f, 0xd6, 0xa4),
            RGBColor(0xf7, 0x83, 0xac),
            RGBColor(0xb1, 0x97, 0xfc),
        ],
        relu: RGBColor(0xff, 0x9a, 0x3c),
        other: RGBColor(0x6e, 0xa8, 0xfe),
        background: RGBColor(0x15, 0x1a, 0x22),
        text: RGBColor(0xc9, 0xd1, 0xd9),
        grid: RGBColor(0x26, 0x2c, 0x36),
        axis: RGBColor(0x4b, 0x55, 0x63),
        muted: RGBColor(0x8b, 0x94, 0x9e),
        page: PageColors {
            bg: RGBColor(0x0d, 0x10, 0x16),
            surface_2: RGBColor(0x1b, 0x21, 0x2b),
            border: RGBColor(0x29, 0x31, 0x3d),
            border_strong: RGBColor(0x3a, 0x44, 0x52),
            text: RGBColor(0xe7, 0xea, 0xf0),
            muted: RGBColor(0xa2, 0xab, 0xba),
            faint: RGBColor(0x88, 0x92, 0xa4),
            accent_strong: RGBColor(0x8f, 0xbc, 0xff),
            accent_soft: RGBColor(0x1b, 0x2a, 0x44),
            on_accent: RGBColor(0x0d, 0x10, 0x16),
            danger: RGBColor(0xff, 0x8a, 0x8a),
            danger_soft: RGBColor(0x3a, 0x1d, 0x22),
            warn_bg: RGBColor(0x2e, 0x27, 0x14),
            warn_border: RGBColor(0x6b, 0x5a, 0x23),
            warn_text: RGBColor(0xf3, 0xdf, 0xa2),
            focus: RGBColor(0x8f, 0xbc, 0xff),
            crosshair: RGBColor(0xa2, 0xab, 0xba),
        },
    };

    /// `"light"` or `"dark"`.
    pub fn by_name(name: &str) -> Option<Theme> {
        match name {
            "light" => Some(Theme::LIGHT),
            "dark" => Some(Theme::DARK),
            _ => None,
        }
    }

    /// The colours other than the palette, by the name JS knows them by (`theme()`).
    pub fn named(&self) -> [(&'static str, RGBColor); 7] {
        [
            ("relu", self.relu),
            ("other", self.other),
            ("background", self.background),
            ("grid", self.grid),
            ("axis", self.axis),
            ("text", self.text),
            ("muted", self.muted),
        ]
    }

    /// The custom properties of this theme, one `  --name: #rrggbb;` line each (`indent` spaces).
    fn css_properties(&self, indent: usize) -> String {
        let mut css = String::new();
        let pad = " ".repeat(indent);
        let mut line = |name: &str, color: RGBColor| {
            let _ = writeln!(css, "{pad}--{name}: {};", hex(color));
        };
        for (i, &color) in self.palette.iter().enumerate() {
            line(&format!("palette-{i}"), color);
        }
        line("relu", self.relu);
        line("other", self.other);
        line("chart-bg", self.background);
        line("chart-grid", self.grid);
        line("chart-axis", self.axis);
        line("chart-text", self.text);
        line("chart-muted", self.muted);
        // The card surface is the chart background (charts blend into their card).
        line("surface", self.background);
        for (name, color) in self.page.named() {
            line(name, color);
        }
        css
    }
}

/// `#rrggbb` of a colour.
pub fn hex(color: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", color.0, color.1, color.2)
}

/// The text of `www/css/theme.css`: [`Theme::LIGHT`] as `:root` custom properties, and
/// [`Theme::DARK`] under `prefers-color-scheme: dark`.
pub fn theme_css() -> String {
    format!(
        "/* Generated from src/plot/theme.rs: do not edit. After changing the theme there, run\n   \
         `UPDATE_THEME=1 cargo test theme` to regenerate this file. */\n\n\
         :root {{\n{}}}\n\n@media (prefers-color-scheme: dark) {{\n  :root {{\n{}  }}\n}}\n",
        Theme::LIGHT.css_properties(2),
        Theme::DARK.css_properties(4),
    )
}

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

    #[test]
    fn hex_round_trips() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            let all = theme
                .named()
                .into_iter()
                .chain(theme.page.named())
                .chain(theme.palette.map(|c| ("palette", c)));
            for (name, color) in all {
                assert_eq!(parse_hex_color(&hex(color)), Some(color), "{name}");
            }
        }
    }

    #[test]
    fn palette_colours_differ_from_each_other_and_the_background() {
        for theme in [Theme::LIGHT, Theme::DARK] {
            for (i, a) in theme.palette.iter().enumerate() {
                assert_ne!(*a, theme.background);
                assert!(theme.palette[i + 1..].iter().all(|b| b != a), "slot {i} repeated");
            }
            assert_ne!(theme.relu, theme.other);
        }
    }

    /// The committed stylesheet is what the theme renders to; set UPDATE_THEME=1 to rewrite it.
    #[test]
    fn theme_css_is_up_to_date() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/css/theme.css");
        let expected = theme_css();
        if std::env::var_os("UPDATE_THEME").is_some() {
            std::fs::write(path, &expected).expect("www/css/theme.css is writable");
        }
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == expected,
            "www/css/theme.css differs from the theme in src/plot/theme.rs: \
             run `UPDATE_THEME=1 cargo test theme` to regenerate"
        );
    }
}
