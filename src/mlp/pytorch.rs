//! The network as PyTorch code: [`net_source`] writes the article's `class Net(nn.Module)` for
//! a [`NetShape`], [`loader_source`] a script that loads an exported `.safetensors` file (see
//! [`super::export`]) into it and measures its test accuracy on the lab's test set, and
//! [`test_set_csv`] writes a test set as the CSV file such a script reads.
//!
//! Module names match the export's tensor names: `fc1`, `fc2`, …, `fc{N}` (`nn.Linear`), and
//! for PReLU one `nn.PReLU()` per hidden layer, `act1`, `act2`, … (each learns its own slope);
//! every other activation is one stateless module, `act`, shared by the hidden layers. A custom
//! formula is written as its own `class Custom(nn.Module)` (the formula in torch operations)
//! before `Net`, and `act = Custom()`.

use super::config::{MAX_HIDDEN_LAYERS, MAX_HIDDEN_WIDTH};
use super::dataset::{Dataset, MAX_CLASSES, MAX_FEATURES};
use super::network::Network;
use super::{check_count, LabError};
use crate::activation::Activation;
use std::fmt::Write;

/// What the PyTorch code needs to know of a network: its sizes and its hidden activation.
#[derive(Clone, Debug, PartialEq)]
pub struct NetShape {
    features: usize,
    hidden_widths: Vec<usize>,
    classes: usize,
    activation: Activation,
}

impl NetShape {
    /// A shape with the limits of [`Network::new`]: 1..=1024 features, 1..=16 hidden layers of
    /// 1..=[`MAX_HIDDEN_WIDTH`] neurons, 2..=100 classes.
    pub fn new(
        features: usize,
        hidden_widths: &[usize],
        classes: usize,
        activation: Activation,
    ) -> Result<NetShape, LabError> {
        check_count("features", features, 1, MAX_FEATURES)?;
        check_count("hidden layer count", hidden_widths.len(), 1, MAX_HIDDEN_LAYERS)?;
        for &width in hidden_widths {
            check_count("hidden width", width, 1, MAX_HIDDEN_WIDTH)?;
        }
        check_count("classes", classes, 2, MAX_CLASSES)?;
        Ok(NetShape { features, hidden_widths: hidden_widths.to_vec(), classes, activation })
    }

    /// The shape of an existing network.
    pub fn of(network: &Network) -> NetShape {
        NetShape {
            features: network.inputs(),
            hidden_widths: network.hidden_widths().to_vec(),
            classes: network.classes(),
            activation: network.activation().clone(),
        }
    }

    /// Output units: 1 logit for 2 classes, else one per class.
    pub fn outputs(&self) -> usize {
        if self.classes == 2 {
            1
        } else {
            self.classes
        }
    }

    /// The `(in, out)` sizes of `fc1`, `fc2`, …, the output layer last.
    fn layers(&self) -> Vec<(usize, usize)> {
        let ins = std::iter::once(self.features).chain(self.hidden_widths.iter().copied());
        let outs = self.hidden_widths.iter().copied().chain([self.outputs()]);
        ins.zip(outs).collect()
    }
}

/// Where the loader script finds the test set the lab measured its accuracy on.
#[derive(Clone, Debug, PartialEq)]
pub enum TestData {
    /// The first `count` Fashion-MNIST test images (torchvision's copy), each resized from 28×28
    /// to `width` × `height` with PIL's `Image.BOX` filter (as the lab's asset was built, byte for
    /// byte), divided by 255 and flattened row by row.
    FashionMnist {
        /// Image width in pixels.
        width: usize,
        /// Image height in pixels.
        height: usize,
        /// How many test images, from the first.
        count: usize,
    },
    /// A CSV file as [`test_set_csv`] writes it: one row per example, its features then its
    /// class index, no header.
    Csv {
        /// The file's name, as the script opens it.
        filename: String,
    },
}

/// The article's `class Net(nn.Module)` for `shape`, with its imports: `nn.Linear` layers
/// `fc1`… and the activation's `torch.nn` module; `forward` ends in `F.log_softmax(x, dim=1)`
/// for more than 2 classes, or returns the single logit for 2 (`torch.sigmoid` of it is
/// p(class 1)).
pub fn net_source(shape: &NetShape) -> String {
    let custom = custom_class(shape);
    let mut source = String::from(if custom.is_some() { "import math\n\nimport torch\n" } else { "" });
    source.push_str("import torch.nn as nn\n");
    if shape.outputs() > 1 || custom.is_some() {
        source.push_str("import torch.nn.functional as F\n");
    }
    source + "\n\n" + &custom.map_or(String::new(), |class| class + "\n\n") + &net_class(shape)
}

/// For a custom formula, its `class Custom(nn.Module)` definition (without imports; it needs
/// `math`, `torch`, `nn` and `F`).
fn custom_class(shape: &NetShape) -> Option<String> {
    let module = shape.activation.formula()?.torch_module("Custom");
    let start = module.find("class ").unwrap_or(0);
    Some(module[start..].to_owned())
}

/// A Python script that builds `Net`, loads `filename` (the export of a network of `shape`) with
/// `net.load_state_dict(load_file(filename))`, and prints its accuracy on `data`: the test
/// accuracy the lab shows for that network. Errors when `data` cannot feed `shape` (images whose
/// pixel count is not the features count, no images).
pub fn loader_source(shape: &NetShape, data: &TestData, filename: &str) -> Result<String, LabError> {
    let mut imports = vec!["import numpy as np", "import torch", "import torch.nn as nn"];
    let custom = custom_class(shape);
    if custom.is_some() {
        imports.insert(0, "import math");
    }
    if shape.outputs() > 1 || custom.is_some() {
        imports.push("import torch.nn.functional as F");
    }
    let load_data = match data {
        TestData::FashionMnist { width, height, count } => {
            if width * height != shape.features {
                let message = format!(
                    "{width} × {height} images have {} pixels, the network takes {} features",
                    width * height,
                    shape.features
                );
                return Err(LabError::new("test data", message));
            }
            check_count("test images", *count, 1, 10_000)?;
            imports.extend(["from PIL import Image", "from torchvision import datasets"]);
            fashion_mnist(*width, *height, *count)
        }
        TestData::Csv { filename } => csv_data(filename, shape.features),
    };
    imports.push("from safetensors.torch import load_file");
    let packages = if imports.contains(&"from PIL import Image") {
        "numpy torch torchvision pillow safetensors"
    } else {
        "numpy torch safetensors"
    };
    let predict = if shape.outputs() == 1 {
        "predicted = (logits[:, 0] > 0).long()  # sigmoid(logit) > 1/2: class 1\n"
    } else {
        "predicted = logits.argmax(dim=1)\n"
    };
    let mut script = format!("# Needs: pip install {packages}\n") + &imports.join("\n") + "\n\n\n";
    if let Some(class) = custom {
        script += &(class + "\n\n");
    }
    script += &(net_class(shape) + "\n\n");
    script +=
        &format!("net = Net()\nnet.load_state_dict(load_file({}))\nnet.eval()\n\n", py_string(filename));
    script += &load_data;
    script += "\nwith torch.no_grad():\n    logits = net(x)\n";
    script += predict;
    script += "accuracy = (predicted == y).float().mean().item()\n";
    script += "print(f'test accuracy: {accuracy:.1%} on {len(y)} examples')\n";
    Ok(script)
}

/// `data` as the CSV file [`TestData::Csv`] reads: one line per row, its features (shortest
/// decimals that read back as the same f32) then its class index.
pub fn test_set_csv(data: &Dataset) -> String {
    let mut csv = String::new();
    for (index, &label) in data.labels().iter().enumerate() {
        for &value in data.row(index) {
            write!(csv, "{value},").expect("writing to a String cannot fail");
        }
        writeln!(csv, "{label}").expect("writing to a String cannot fail");
    }
    csv
}

/// The `class Net(nn.Module)` definition alone.
fn net_class(shape: &NetShape) -> String {
    let layers = shape.layers();
    let hidden = shape.hidden_widths.len();
    let prelu = matches!(shape.activation, Activation::Prelu { .. });
    let module = match shape.activation {
        Activation::Custom { .. } => "Custom()".to_owned(),
        _ => shape.activation.torch_snippet(),
    };
    let mut init = String::new();
    for (index, (fan_in, fan_out)) in layers.iter().enumerate() {
        writeln!(init, "        self.fc{} = nn.Linear({fan_in}, {fan_out})", index + 1).expect("String");
    }
    if matches!(shape.activation, Activation::Rrelu { .. }) {
        init += "        # Eval mode, as in the lab: the slope below zero is (lower + upper) / 2.\n";
    }
    if prelu {
        for layer in 1..=hidden {
            writeln!(init, "        self.act{layer} = {module}").expect("String");
        }
    } else {
        writeln!(init, "        self.act = {module}").expect("String");
    }
    let mut forward = String::new();
    for layer in 1..=hidden {
        let act = if prelu { format!("act{layer}") } else { "act".to_owned() };
        writeln!(forward, "        x = self.{act}(self.fc{layer}(x))").expect("String");
    }
    let last = hidden + 1;
    if shape.outputs() == 1 {
        forward += "        # One logit per row: torch.sigmoid(logit) is p(class 1); the loss is\n";
        forward += "        # F.binary_cross_entropy_with_logits.\n";
        writeln!(forward, "        return self.fc{last}(x)").expect("String");
    } else {
        writeln!(forward, "        x = self.fc{last}(x)").expect("String");
        forward += "        # Log-probabilities of the classes; the loss is F.nll_loss.\n";
        forward += "        return F.log_softmax(x, dim=1)\n";
    }
    format!(
        "class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n{init}\n    \
         def forward(self, x):\n{forward}"
    )
}

/// Python that sets `x` (float32, rows × features) and `y` (int64 labels) from Fashion-MNIST.
fn fashion_mnist(width: usize, height: usize, count: usize) -> String {
    format!(
        "# The lab's test set: the first {count} Fashion-MNIST test images, each resized 28×28 →\n\
         # {width}×{height} by PIL's box filter as the lab's asset was, scaled to [0, 1], flattened row by row.\n\
         test = datasets.FashionMNIST('data', train=False, download=True)\n\
         images = [Image.fromarray(image.numpy()).resize(({width}, {height}), Image.BOX) for image in test.data[:{count}]]\n\
         pixels = np.stack([np.asarray(image, dtype=np.float32).reshape(-1) for image in images])\n\
         x = torch.from_numpy(pixels / 255)\n\
         y = test.targets[:{count}]\n"
    )
}

/// Python that sets `x` and `y` from a CSV file of [`test_set_csv`].
fn csv_data(filename: &str, features: usize) -> String {
    format!(
        "# The lab's test set: one row per example, its {features} features then its class.\n\
         rows = np.loadtxt({}, delimiter=',', dtype=np.float32, ndmin=2)\n\
         assert rows.shape[1] == {}, 'expected {features} features and a class per row'\n\
         x = torch.from_numpy(rows[:, :-1].copy())\n\
         y = torch.from_numpy(rows[:, -1].astype(np.int64))\n",
        py_string(filename),
        features + 1
    )
}

/// `text` as a single-quoted Python string literal.
fn py_string(text: &str) -> String {
    let mut literal = String::from("'");
    for c in text.chars() {
        match c {
            '\\' | '\'' => {
                literal.push('\\');
                literal.push(c);
            }
            c if c.is_control() => write!(literal, "\\U{:08x}", u32::from(c)).expect("String"),
            c => literal.push(c),
        }
    }
    literal + "'"
}

#[cfg(test)]
#[path = "pytorch_tests.rs"]
mod tests;
