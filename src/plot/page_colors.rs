//! The pages' own colours (text, borders, notices, focus ring) beside the charts' in the one
//! theme ([`super::Theme`], whose light and dark values live in `theme.rs`), and the WCAG contrast
//! ratio that keeps every text colour readable on every surface it sits on.

use plotters::style::RGBColor;

/// The pages' colours beyond the charts', named as their custom properties in `www/css/theme.css`
/// (`--bg`, `--surface-2`, ...) and in `theme()[scheme].page` (`"surface-2"`, ...).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageColors {
    /// Page background, behind the cards.
    pub bg: RGBColor,
    /// Inset areas inside a card (code, segmented controls).
    pub surface_2: RGBColor,
    /// Card and control borders.
    pub border: RGBColor,
    /// Borders that must be seen (inputs, hovered controls).
    pub border_strong: RGBColor,
    /// Body text.
    pub text: RGBColor,
    /// Secondary text (labels, descriptions).
    pub muted: RGBColor,
    /// Tertiary text (units, status lines, footers): still 4.5:1 on every surface.
    pub faint: RGBColor,
    /// Accent text on the soft accent background (the current page in the navigation).
    pub accent_strong: RGBColor,
    /// Soft accent background.
    pub accent_soft: RGBColor,
    /// Text on the accent colour (palette slot 0).
    pub on_accent: RGBColor,
    /// Errors.
    pub danger: RGBColor,
    /// Background of an error.
    pub danger_soft: RGBColor,
    /// Background of a warning notice.
    pub warn_bg: RGBColor,
    /// Border of a warning notice.
    pub warn_border: RGBColor,
    /// Text of a warning notice.
    pub warn_text: RGBColor,
    /// The keyboard focus ring.
    pub focus: RGBColor,
    /// The hover crosshair on the charts.
    pub crosshair: RGBColor,
}

impl PageColors {
    /// Every colour by its custom-property name (without `--`).
    pub fn named(&self) -> [(&'static str, RGBColor); 17] {
        [
            ("bg", self.bg),
            ("surface-2", self.surface_2),
            ("border", self.border),
            ("border-strong", self.border_strong),
            ("text", self.text),
            ("muted", self.muted),
            ("faint", self.faint),
            ("accent-strong", self.accent_strong),
            ("accent-soft", self.accent_soft),
            ("on-accent", self.on_accent),
            ("danger", self.danger),
            ("danger-soft", self.danger_soft),
            ("warn-bg", self.warn_bg),
            ("warn-border", self.warn_border),
            ("warn-text", self.warn_text),
            ("focus", self.focus),
            ("crosshair", self.crosshair),
        ]
    }
}

/// WCAG 2 relative luminance of an sRGB colour, 0 (black) to 1 (white).
pub fn relative_luminance(color: RGBColor) -> f64 {
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(color.0) + 0.7152 * linear(color.1) + 0.0722 * linear(color.2)
}

/// WCAG 2 contrast ratio of two colours, 1 to 21 (AA asks 4.5 for body text).
pub fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (relative_luminance(a), relative_luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::Theme;

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast_ratio(RGBColor(0, 0, 0), RGBColor(255, 255, 255)) - 21.0).abs() < 1e-9);
        assert!((contrast_ratio(RGBColor(255, 255, 255), RGBColor(255, 255, 255)) - 1.0).abs() < 1e-12);
        // #777 on white is the well-known just-failing grey, 4.48:1.
        assert!((contrast_ratio(RGBColor(0x77, 0x77, 0x77), RGBColor(255, 255, 255)) - 4.48).abs() < 0.01);
    }

    /// Every text colour reads at WCAG AA (4.5:1) on every surface it is used on.
    #[test]
    fn text_colours_reach_wcag_aa_on_their_surfaces() {
        for (scheme, theme) in [("light", Theme::LIGHT), ("dark", Theme::DARK)] {
            let page = theme.page;
            let surfaces = [("bg", page.bg), ("surface", theme.background), ("surface-2", page.surface_2)];
            let inks = [
                ("text", page.text),
                ("muted", page.muted),
                ("faint", page.faint),
                ("accent", theme.palette[0]),
                ("chart-text", theme.text),
            ];
            let mut pairs: Vec<(&str, RGBColor, &str, RGBColor)> =
                inks.iter().flat_map(|&(i, ink)| surfaces.map(|(s, surface)| (i, ink, s, surface))).collect();
            pairs.extend([
                ("accent-strong", page.accent_strong, "accent-soft", page.accent_soft),
                ("danger", page.danger, "surface", theme.background),
                ("text", page.text, "danger-soft", page.danger_soft),
                ("warn-text", page.warn_text, "warn-bg", page.warn_bg),
                ("on-accent", page.on_accent, "accent", theme.palette[0]),
            ]);
            for (ink_name, ink, surface_name, surface) in pairs {
                let ratio = contrast_ratio(ink, surface);
                assert!(ratio >= 4.5, "{scheme}: {ink_name} on {surface_name} is {ratio:.2}:1, below 4.5:1");
            }
        }
    }
}
