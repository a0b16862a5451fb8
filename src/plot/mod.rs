//! Charts drawn with plotters, generic over the drawing backend: the web layer passes a
//! `CanvasBackend`, native tests and the SVG export pass an `SVGBackend`. Also the one theme
//! (colours) that the charts, the pages' CSS and their JS share.

pub mod boundary;
mod chart;
pub mod experiments;
pub mod lab;
pub mod lab_charts;
pub mod network;
mod page_colors;
pub mod range;
mod theme;

pub use chart::{
    dead_zones, depth_factor, depth_products, draw_activation_chart, draw_chart_with, draw_svg,
    draw_svg_with, kink_near, kinks, mean_square_derivative, ChartGeometry, ChartKind, ChartOptions,
    ChartSpec, Curve, DepthInput, Kink, SvgOptions, DEAD_GRADIENT, DEAD_ZONE_OPACITY, MAX_CURVES, MAX_DEPTH,
};
pub use page_colors::{contrast_ratio, relative_luminance};
pub use range::{axis_range, AXIS_LIMIT, MAX_ABS_X};
pub use theme::{hex, parse_hex_color, theme_css, PageColors, Theme, PALETTE_LEN};
