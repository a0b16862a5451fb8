//! The JS surface, built for wasm32 only: `#[wasm_bindgen]` exports that parse and validate JS
//! input, call the core, and turn every error into a JS `Error` with a readable message.

mod api;
mod canvas;
mod chart;
mod csv;
mod error;
mod experiment_draw;
mod experiments;
mod experiments_js;
mod gradient;
mod js;
mod lab;
mod lab_config;
mod lab_data;
mod lab_draw;
mod lab_network;
mod lab_schema;
mod lab_stats;
mod pytorch;
mod read;
mod sweep;

pub use api::{activations, derivative, describe, evaluate};
pub use chart::{plot_activation, render_svg, theme, PlotView};
pub use csv::{csv_limits, parse_csv};
pub use experiment_draw::{draw_distribution_js, draw_gradient_norms_js, draw_intervals_js, repeat_limits};
pub use experiments::{claim_protocol, gradient_flow, paired_interval, repeat_lab, ClaimRun, RepeatRun};
pub use lab::Lab;
pub use lab_data::load_image_set;
pub use lab_draw::draw_lab_chart;
pub use lab_schema::lab_schema;
pub use pytorch::pytorch_net;
pub use sweep::{born_dead_sweep, draw_sweep};

use wasm_bindgen::prelude::*;

/// Runs once when the module is instantiated: routes Rust panics (which validation should make
/// impossible) to the console with their message instead of a bare `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The crate version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}
