//! A trained [`Network`] as a `.safetensors` file that loads into the PyTorch `Net` of
//! [`super::pytorch::net_source`] with `net.load_state_dict(load_file(path))`.
//!
//! Tensors (all F32, little-endian, as `nn.Linear` and `nn.PReLU` name them):
//! - `fc{k}.weight`, shape `[out, in]`, and `fc{k}.bias`, shape `[out]`, for layer `k` = 1, 2, …
//!   (hidden layers first; the output layer is `fc{N}` with N = hidden layers + 1). PyTorch
//!   stores a Linear weight as `[out, in]`, the transpose of our `weight[from][to]` layout, so
//!   row `r` of `fc1.weight` holds hidden neuron `r`'s incoming weights. With 2 classes the output
//!   layer has one logit: `fc{N}.weight` is `[1, in]` and `sigmoid(logit)` is p(class 1).
//! - PReLU only: `act{k}.weight`, shape `[1]`, the learned slope of hidden layer `k`: one
//!   `nn.PReLU()` module per hidden layer, named `act1`, `act2`, …, one shared weight each.
//!
//! The header's `__metadata__` (strings only, as the format requires) says what the tensors mean:
//! `format` = `pt` (what `safetensors.torch` expects), `activation` (its PyTorch id, e.g.
//! `leaky_relu`), `activation_module` (its `torch.nn` constructor, e.g.
//! `nn.LeakyReLU(negative_slope=0.01)`), `activation.<parameter>` for each of its parameters,
//! `features`, `hidden_widths` (comma-separated), `classes`, `outputs` and `head` (`sigmoid` for
//! one logit, `log_softmax` otherwise), plus whatever pairs the caller adds. For PReLU,
//! `activation.weight` and `activation_module` give the initial slope; the learned slopes are the
//! `act{k}.weight` tensors. Metadata keys are written in sorted order, so the same network and
//! metadata always give the same bytes.

use super::network::Network;
use super::LabError;
use crate::activation::{format_number, ParamValue};
use safetensors::{Dtype, View};
use std::borrow::Cow;

/// One F32 tensor, its values already in little-endian bytes.
struct F32Tensor {
    shape: Vec<usize>,
    bytes: Vec<u8>,
}

impl F32Tensor {
    fn new(shape: Vec<usize>, values: impl IntoIterator<Item = f32>) -> F32Tensor {
        let bytes = values.into_iter().flat_map(f32::to_le_bytes).collect();
        F32Tensor { shape, bytes }
    }
}

impl View for &F32Tensor {
    fn dtype(&self) -> Dtype {
        Dtype::F32
    }

    fn shape(&self) -> &[usize] {
        &self.shape
    }

    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(&self.bytes)
    }

    fn data_len(&self) -> usize {
        self.bytes.len()
    }
}

/// `network` in the safetensors format, with the tensors and metadata described in the module
/// docs, plus `metadata` (e.g. `("side", "relu")`, `("steps", "1200")`). Errors when a caller's
/// key is one the export writes itself (those of the module docs, and any `activation.*`) or
/// appears twice.
pub fn to_safetensors(network: &Network, metadata: &[(String, String)]) -> Result<Vec<u8>, LabError> {
    let mut entries = Vec::new();
    for (key, value) in network_metadata(network) {
        insert_sorted(&mut entries, key, value);
    }
    let own = entries.len();
    for (index, (key, value)) in metadata.iter().enumerate() {
        let reserved = entries[..own].iter().any(|(own, _)| own == key) || key.starts_with("activation.");
        if reserved || metadata[..index].iter().any(|(earlier, _)| earlier == key) {
            let why = if reserved { "is written by the export itself" } else { "appears twice" };
            let message = format!("metadata key {key:?} {why}; choose another name");
            return Err(LabError::new("metadata", message));
        }
        insert_sorted(&mut entries, key.clone(), value.clone());
    }
    let tensors = tensors(network);
    let views = tensors.iter().map(|(name, tensor)| (name.as_str(), tensor));
    let mut bytes = safetensors::serialize(views, Some(entries.iter().cloned().collect()))
        .map_err(|error| LabError::new("safetensors", format!("safetensors export failed: {error}")))?;
    sort_metadata(&mut bytes, &entries);
    Ok(bytes)
}

/// Inserts `(key, value)` into `entries`, kept sorted by key (a handful of entries: a binary
/// search and an insert cost less code than a sort).
fn insert_sorted(entries: &mut Vec<(String, String)>, key: String, value: String) {
    let at = entries.partition_point(|(earlier, _)| *earlier < key);
    entries.insert(at, (key, value));
}

/// Rewrites the header's `__metadata__` object with `sorted`, its entries in key order. The crate
/// writes it first (`{"__metadata__":{…},"fc1.bias":…`) in the order of a randomly seeded hash
/// map, so two exports of one network would differ; the same entries with the same escaping
/// (serde_json's, as the crate's) have the same length in any order, so no offset moves. Leaves
/// `bytes` as they are (valid, unsorted) if the header does not hold exactly those bytes there.
fn sort_metadata(bytes: &mut [u8], sorted: &[(String, String)]) {
    const PREFIX: &[u8] = b"{\"__metadata__\":";
    let mut object = vec![b'{'];
    for (index, (key, value)) in sorted.iter().enumerate() {
        if index > 0 {
            object.push(b',');
        }
        let (Ok(key), Ok(value)) = (serde_json::to_vec(key), serde_json::to_vec(value)) else { return };
        object.extend(key);
        object.push(b':');
        object.extend(value);
    }
    object.push(b'}');
    let Some(length) = bytes.get(..8).and_then(|n| n.try_into().ok()).map(u64::from_le_bytes) else { return };
    let Some(header) = bytes.get_mut(8..).and_then(|rest| rest.get_mut(..length as usize)) else { return };
    let end = PREFIX.len() + object.len();
    // The old object spans the same bytes: it opens after the prefix, closes just before the
    // comma of the first tensor (or the header's own closing brace), and holds the same bytes.
    let same_bytes = |old: &[u8]| {
        let mut counts = [0i32; 256];
        old.iter().for_each(|&byte| counts[usize::from(byte)] += 1);
        object.iter().for_each(|&byte| counts[usize::from(byte)] -= 1);
        counts.iter().all(|&count| count == 0)
    };
    let fits = end < header.len()
        && header.starts_with(PREFIX)
        && matches!(header[end], b',' | b'}')
        && same_bytes(&header[PREFIX.len()..end]);
    if fits {
        header[PREFIX.len()..end].copy_from_slice(&object);
    }
}

/// The state dict of the article's `Net`: `fc{k}.weight` `[out, in]`, `fc{k}.bias`, and for PReLU
/// `act{k}.weight` `[1]`.
fn tensors(network: &Network) -> Vec<(String, F32Tensor)> {
    let parameters = network.parameters();
    let mut tensors = Vec::new();
    for layer in 0..=network.hidden_layers() {
        let shape = network.shape(layer);
        let (fan_in, fan_out) = (shape.fan_in, shape.fan_out);
        let weights = &parameters[shape.weight_offset..][..fan_in * fan_out];
        // Row `to` of the transposed matrix: column `to` of our `weight[from][to]` layout.
        let transposed =
            (0..fan_out).flat_map(|to| (0..fan_in).map(move |from| weights[from * fan_out + to]));
        let name = layer + 1;
        tensors.push((format!("fc{name}.weight"), F32Tensor::new(vec![fan_out, fan_in], transposed)));
        let bias = parameters[shape.bias_offset..][..fan_out].iter().copied();
        tensors.push((format!("fc{name}.bias"), F32Tensor::new(vec![fan_out], bias)));
    }
    for layer in 0..network.hidden_layers() {
        if let Some(slope) = network.prelu_slope(layer) {
            tensors.push((format!("act{}.weight", layer + 1), F32Tensor::new(vec![1], [slope])));
        }
    }
    tensors
}

/// The metadata entries describing `network`, as the module docs list them.
fn network_metadata(network: &Network) -> Vec<(String, String)> {
    let activation = network.activation();
    let widths: Vec<String> = network.hidden_widths().iter().map(usize::to_string).collect();
    let head = if network.outputs() == 1 { "sigmoid" } else { "log_softmax" };
    let mut entries: Vec<(String, String)> = [
        ("format", "pt".to_owned()),
        ("activation", activation.id().to_owned()),
        ("activation_module", activation.torch_snippet()),
        ("features", network.inputs().to_string()),
        ("hidden_widths", widths.join(",")),
        ("classes", network.classes().to_string()),
        ("outputs", network.outputs().to_string()),
        ("head", head.to_owned()),
    ]
    .into_iter()
    .map(|(key, value)| (key.to_owned(), value))
    .collect();
    for (name, value) in activation.params() {
        let value = match value {
            ParamValue::Number(x) => format_number(x),
            ParamValue::Choice(choice) => choice,
        };
        entries.push((format!("activation.{name}"), value));
    }
    entries
}
