//! The JS surface, built for wasm32 only: `#[wasm_bindgen]` exports that parse and validate JS
//! input, call the core, and turn every error into a JS `Error` with a readable message.
//!
//! Two wasm modules are built from it (the Makefile's `wasm` target). Without the `lab` feature it
//! is the explorer's module, `pkg/actviz.js`: the activation API (`activations`, `evaluate`,
//! `derivative`, `describe`), the depth and kink helpers, the activation charts (`plotActivation`,
//! `renderSvg`, `PlotView`, `theme`) and `version`, which the explorer, the authors' and embed
//! pages and `<activation-plot>` use. With `lab` (a default feature, so `cargo test`, clippy and
//! `wasm-pack test` see everything) it is the full module, `pkg/actviz_lab.js`: all of the above
//! plus the lab, its experiments and sweep, the claims and their charts. A module that only the
//! lab, claims or network pages need goes in the `lab` set below.

mod api;
// A few helpers (a canvas's size, Uint32Array copies, counts) only serve the lab's glue.
#[cfg_attr(not(feature = "lab"), allow(dead_code))]
mod canvas;
mod chart;
mod gradient;
mod js;
#[cfg_attr(not(feature = "lab"), allow(dead_code))]
mod read;

#[cfg(feature = "lab")]
mod csv;
#[cfg(feature = "lab")]
mod error;
#[cfg(feature = "lab")]
mod experiment_draw;
#[cfg(feature = "lab")]
mod experiments;
#[cfg(feature = "lab")]
mod experiments_js;
#[cfg(feature = "lab")]
mod lab;
#[cfg(feature = "lab")]
mod lab_config;
#[cfg(feature = "lab")]
mod lab_data;
#[cfg(feature = "lab")]
mod lab_draw;
#[cfg(feature = "lab")]
mod lab_network;
#[cfg(feature = "lab")]
mod lab_schema;
#[cfg(feature = "lab")]
mod lab_stats;
#[cfg(feature = "lab")]
mod network_draw;
#[cfg(feature = "lab")]
mod pytorch;
#[cfg(feature = "lab")]
mod sweep;

pub use api::{activations, derivative, describe, evaluate};
pub use chart::{plot_activation, render_svg, theme, PlotView};
#[cfg(feature = "lab")]
pub use csv::{csv_limits, parse_csv};
#[cfg(feature = "lab")]
pub use experiment_draw::{draw_distribution_js, draw_gradient_norms_js, draw_intervals_js, repeat_limits};
#[cfg(feature = "lab")]
pub use experiments::{claim_protocol, gradient_flow, paired_interval, repeat_lab, ClaimRun, RepeatRun};
#[cfg(feature = "lab")]
pub use lab::Lab;
#[cfg(feature = "lab")]
pub use lab_data::load_image_set;
#[cfg(feature = "lab")]
pub use lab_draw::draw_lab_chart;
#[cfg(feature = "lab")]
pub use lab_schema::lab_schema;
#[cfg(feature = "lab")]
pub use network_draw::{draw_confusion_js, draw_image_grid, draw_weight_images, image_grid_height};
#[cfg(feature = "lab")]
pub use pytorch::pytorch_net;
#[cfg(feature = "lab")]
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
