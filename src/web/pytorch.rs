//! Taking a lab's networks to PyTorch: the article's `class Net`, the weights as `.safetensors`,
//! and a script that loads them and reproduces the test accuracy. Glue only (`mlp::export`,
//! `mlp::pytorch` write the bytes and the code).

use js_sys::Uint8Array;
use wasm_bindgen::prelude::*;

use super::api::activation_from_js;
use super::error::js_error;
use super::lab::Lab;
use super::read;
use crate::mlp::config::{MAX_HIDDEN_LAYERS, MAX_HIDDEN_WIDTH};
use crate::mlp::dataset::{MAX_CLASSES, MAX_FEATURES};
use crate::mlp::export::to_safetensors;
use crate::mlp::pytorch::{loader_source, net_source, test_set_csv, NetShape, TestData};
use crate::mlp::Side;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/** The shape of the article's network, for `pytorchNet`. */
export interface NetSpec {
  /** Inputs per row (default 2). */
  features?: number;
  hiddenWidths: number[];
  /** Classes (default 2: one logit). */
  classes?: number;
  /** Hidden activation (default leaky_relu) and its parameters. */
  activation?: string; params?: ActivationParams;
}
/** Where a loader script finds the test set: the Fashion-MNIST test images, or a CSV file. */
export type LoaderData = { source: "fashion-mnist"; width: number; height: number } | { source: "csv"; file: string };
"#;

/// The article's `class Net(nn.Module)` (with its imports) for a network shape:
/// `{ features, hiddenWidths, classes, activation, params }`, e.g. 256, [128, 64], 10,
/// `"leaky_relu"`, `{ negative_slope: 0.01 }`.
#[wasm_bindgen(js_name = pytorchNet)]
pub fn pytorch_net(
    #[wasm_bindgen(unchecked_param_type = "NetSpec")] spec: JsValue,
) -> Result<String, JsError> {
    Ok(net_source(&shape_from_js(&spec).map_err(js_error)?))
}

fn shape_from_js(spec: &JsValue) -> Result<NetShape, String> {
    let what = "network";
    read::only_keys(
        spec,
        &["features", "hiddenWidths", "classes", "activation", "params"],
        what,
        "{ features: 256, hiddenWidths: [128, 64], classes: 10 }",
    )?;
    let count = |key: &str, default: f64, max: usize| -> Result<usize, String> {
        let value = read::optional_whole(spec, key, max as f64, what)?.unwrap_or(default);
        Ok(value as usize)
    };
    let (features, classes) = (count("features", 2.0, MAX_FEATURES)?, count("classes", 2.0, MAX_CLASSES)?);
    let widths = read::get(spec, "hiddenWidths", what)?;
    let widths = read::array(&widths, MAX_HIDDEN_LAYERS, "network: hiddenWidths")?
        .iter()
        .enumerate()
        .map(|(i, w)| {
            read::whole(w, MAX_HIDDEN_WIDTH as f64, &format!("network: hiddenWidths[{i}]"))
                .map(|w| w as usize)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let id = read::optional_string(spec, "activation", what)?.unwrap_or_else(|| "leaky_relu".into());
    let activation = activation_from_js(&id, &read::get(spec, "params", what)?)?;
    NetShape::new(features, &widths, classes, activation).map_err(|e| e.to_string())
}

#[wasm_bindgen]
impl Lab {
    /// One network (`"relu"` or `"other"`) as a `.safetensors` file: the state dict of the
    /// article's `Net` (`fc1.weight` [out, in], `fc1.bias`, …, `act1.weight`… for PReLU), F32,
    /// with the activation, the sizes, the side, step and epoch as metadata.
    #[wasm_bindgen(js_name = exportSafetensors)]
    pub fn export_safetensors(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] side: JsValue,
    ) -> Result<Uint8Array, JsError> {
        let side = side_of(&side)?;
        let twin = self.twin();
        let metadata = [
            ("side".to_string(), side.id().to_string()),
            ("step".to_string(), twin.steps().to_string()),
            ("epoch".to_string(), twin.epoch().to_string()),
        ];
        let bytes = to_safetensors(self.network(side), &metadata).map_err(js_error)?;
        Ok(Uint8Array::from(&bytes[..]))
    }

    /// The article's `class Net` for this lab's networks (as `pytorchNet` of their shape; the
    /// other side's activation, since ReLU's is `nn.ReLU()`: pass `"relu"` for that one).
    #[wasm_bindgen(js_name = pytorchNet)]
    pub fn pytorch_net_of(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] side: JsValue,
    ) -> Result<String, JsError> {
        Ok(net_source(&NetShape::of(self.network(side_of(&side)?))))
    }

    /// A Python script that builds `Net`, loads `weightsFile` (this lab's `exportSafetensors(side)`)
    /// and prints its test accuracy, reading the test set from `data`:
    /// `{ source: "fashion-mnist", width, height }` (torchvision's test images, resized as the
    /// asset was) or `{ source: "csv", file }` (what `testSetCsv()` returns, saved under `file`).
    #[wasm_bindgen(js_name = pytorchLoader)]
    pub fn pytorch_loader(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] side: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] weights_file: JsValue,
        #[wasm_bindgen(unchecked_param_type = "LoaderData")] data: JsValue,
    ) -> Result<String, JsError> {
        let shape = NetShape::of(self.network(side_of(&side)?));
        let file = read::string_arg(&weights_file, "weightsFile").map_err(js_error)?;
        let what = "loader data";
        let source = read::optional_string(&data, "source", what).map_err(js_error)?;
        let test = match source.as_deref() {
            Some("fashion-mnist") => {
                let side = |key| {
                    read::optional_whole(&data, key, MAX_FEATURES as f64, what)
                        .map(|v| v.unwrap_or(0.0) as usize)
                };
                let (width, height) = (side("width").map_err(js_error)?, side("height").map_err(js_error)?);
                TestData::FashionMnist { width, height, count: self.twin().data().test.len() }
            }
            Some("csv") => {
                let filename = read::optional_string(&data, "file", what).map_err(js_error)?;
                TestData::Csv { filename: filename.unwrap_or_else(|| "test.csv".into()) }
            }
            other => {
                let message =
                    format!("loader data: source must be \"fashion-mnist\" or \"csv\", got {other:?}");
                return Err(js_error(message));
            }
        };
        loader_source(&shape, &test, &file).map_err(js_error)
    }

    /// The test set as CSV (each row its features, then its class index; no header), for the
    /// loader script of data other than Fashion-MNIST.
    #[wasm_bindgen(js_name = testSetCsv)]
    pub fn test_set_csv(&self) -> String {
        test_set_csv(&self.twin().data().test)
    }
}

impl Lab {
    /// The network of one side.
    pub(super) fn network(&self, side: Side) -> &crate::mlp::Network {
        match side {
            Side::Relu => self.twin().relu().network(),
            Side::Other => self.twin().other().network(),
        }
    }
}

/// `"relu"` or `"other"`.
pub(super) fn side_of(side: &JsValue) -> Result<Side, JsError> {
    let id = read::string_arg(side, "which").map_err(js_error)?;
    Side::from_id(&id, "which").map_err(js_error)
}
