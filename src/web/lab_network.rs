//! `Lab` on data of any shape (the article's network on 16×16 images, a CSV file): epochs, class
//! names, predictions, the confusion matrix and the first layer's weights. Glue only.

use js_sys::{Array, Float32Array, Object, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::error::js_error;
use super::lab::Lab;
use super::pytorch::side_of;
use super::{js, read};
use crate::mlp::dataset::MAX_DATA_ROWS;

#[wasm_bindgen]
impl Lab {
    /// Completed epochs: passes over the training set (`stepsPerEpoch` steps each; each epoch
    /// reshuffles the order from the seed).
    #[wasm_bindgen(getter)]
    pub fn epoch(&self) -> f64 {
        self.twin().epoch() as f64
    }

    /// Steps (mini-batches) per epoch: the training set cut into full batches.
    #[wasm_bindgen(getter, js_name = stepsPerEpoch)]
    pub fn steps_per_epoch(&self) -> f64 {
        self.twin().steps_per_epoch() as f64
    }

    /// Numbers per input row: 2 for the toy datasets, 256 for 16×16 images.
    #[wasm_bindgen(getter)]
    pub fn features(&self) -> f64 {
        self.twin().data().train.features() as f64
    }

    /// A name per class: the data's own (`"T-shirt/top"`, ...), else `"class 0"`, `"class 1"`, ...
    #[wasm_bindgen(getter, js_name = classNames, unchecked_return_type = "string[]")]
    pub fn class_names(&self) -> Array {
        let data = self.twin().data();
        (0..data.train.classes()).map(|class| JsValue::from(data.class_name(class))).collect()
    }

    /// The test set's confusion matrix for one network: `classes × classes` counts, row = true
    /// class, column = predicted class (row-major; each row sums to that class's test rows).
    pub fn confusion(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] side: JsValue,
    ) -> Result<Uint32Array, JsError> {
        let side = side_of(&side)?;
        let test = self.shared_data();
        let matrix = self.twin_mut().trainer_mut(side).confusion(&test.test).map_err(js_error)?;
        Ok(Uint32Array::from(&matrix[..]))
    }

    /// One network's predicted class and its probability for test rows `start..start + count`:
    /// `{ predicted: Uint8Array, confidence: Float32Array }`.
    #[wasm_bindgen(unchecked_return_type = "{ predicted: Uint8Array, confidence: Float32Array }")]
    pub fn predictions(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] side: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] start: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] count: JsValue,
    ) -> Result<Object, JsError> {
        let side = side_of(&side)?;
        let start = read::whole(&start, MAX_DATA_ROWS as f64, "start").map_err(js_error)? as usize;
        let count = read::whole(&count, MAX_DATA_ROWS as f64, "count").map_err(js_error)? as usize;
        let data = self.shared_data();
        let (mut predicted, mut confidence) = (vec![0u8; count], vec![0f32; count]);
        let trainer = self.twin_mut().trainer_mut(side);
        trainer.predict(&data.test, start, &mut predicted, &mut confidence).map_err(js_error)?;
        let obj = Object::new();
        js::set(&obj, "predicted", Uint8Array::from(&predicted[..]));
        js::set(&obj, "confidence", Float32Array::from(&confidence[..]));
        Ok(obj)
    }

    /// One network's first-layer weights as `width × features` numbers, row `r` the weights into
    /// neuron `r` (the layout of PyTorch's `fc1.weight`): for images, each row is a picture.
    #[wasm_bindgen(js_name = firstLayerWeights)]
    pub fn first_layer_weights(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"relu\" | \"other\"")] side: JsValue,
    ) -> Result<Float32Array, JsError> {
        let network = self.network(side_of(&side)?);
        let (features, width) = (network.inputs(), network.hidden_widths()[0]);
        let weights: Vec<f32> = (0..width)
            .flat_map(|to| (0..features).map(move |from| (from, to)))
            .map(|(from, to)| network.weight(0, from, to).unwrap_or(f32::NAN))
            .collect();
        Ok(Float32Array::from(&weights[..]))
    }
}
