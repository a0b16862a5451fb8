//! The generated PyTorch code, line by line, for the article's network and a few other shapes.

use super::*;

fn shape(features: usize, widths: &[usize], classes: usize, activation: Activation) -> NetShape {
    NetShape::new(features, widths, classes, activation).unwrap()
}

fn article() -> NetShape {
    shape(256, &[128, 64], 10, Activation::LeakyRelu { negative_slope: 0.01 })
}

#[test]
fn the_article_network_is_written_exactly() {
    let expected = "\
import torch.nn as nn
import torch.nn.functional as F


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(256, 128)
        self.fc2 = nn.Linear(128, 64)
        self.fc3 = nn.Linear(64, 10)
        self.act = nn.LeakyReLU(negative_slope=0.01)

    def forward(self, x):
        x = self.act(self.fc1(x))
        x = self.act(self.fc2(x))
        x = self.fc3(x)
        # Log-probabilities of the classes; the loss is F.nll_loss.
        return F.log_softmax(x, dim=1)
";
    assert_eq!(net_source(&article()), expected);
}

#[test]
fn two_classes_return_one_logit_without_log_softmax() {
    let source = net_source(&shape(2, &[16, 16, 16], 2, Activation::Relu));
    let lines: Vec<&str> = source.lines().collect();
    for line in [
        "        self.fc1 = nn.Linear(2, 16)",
        "        self.fc3 = nn.Linear(16, 16)",
        "        self.fc4 = nn.Linear(16, 1)",
        "        self.act = nn.ReLU()",
        "        x = self.act(self.fc3(x))",
        "        return self.fc4(x)",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{source}");
    }
    assert!(source.contains("torch.sigmoid(logit) is p(class 1)"));
    assert!(!source.contains("log_softmax") && !source.contains("import torch.nn.functional"));
}

#[test]
fn prelu_gets_one_module_per_hidden_layer_named_like_its_tensor() {
    let source = net_source(&shape(5, &[8, 4], 3, Activation::Prelu { weight: 0.1 }));
    let lines: Vec<&str> = source.lines().collect();
    for line in [
        "        self.fc1 = nn.Linear(5, 8)",
        "        self.fc3 = nn.Linear(4, 3)",
        "        self.act1 = nn.PReLU(init=0.1)",
        "        self.act2 = nn.PReLU(init=0.1)",
        "        x = self.act1(self.fc1(x))",
        "        x = self.act2(self.fc2(x))",
        "        return F.log_softmax(x, dim=1)",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{source}");
    }
    assert!(!source.contains("self.act ="), "no shared module for prelu");
}

#[test]
fn every_catalogue_activation_uses_its_torch_constructor() {
    for info in crate::activation::catalogue().iter().filter(|info| info.id != "custom") {
        let activation = Activation::default_for(info.id).unwrap();
        let source = net_source(&shape(3, &[4], 2, activation.clone()));
        let module = activation.torch_snippet();
        let line = if info.id == "prelu" { "act1" } else { "act" };
        assert!(source.contains(&format!("        self.{line} = {module}\n")), "{}: {source}", info.id);
    }
    let rrelu = net_source(&shape(3, &[4], 2, Activation::default_for("rrelu").unwrap()));
    assert!(rrelu.contains("# Eval mode, as in the lab"));
}

#[test]
fn a_custom_formula_is_written_as_its_own_module_before_net() {
    let formula = "where(x > 0, x, 0.01 * x)";
    let activation = Activation::custom(crate::formula::Formula::parse(formula).unwrap());
    for source in [
        net_source(&shape(3, &[4, 4], 3, activation.clone())),
        loader_source(
            &shape(3, &[4, 4], 3, activation.clone()),
            &TestData::Csv { filename: "t.csv".into() },
            "n.st",
        )
        .unwrap(),
    ] {
        let custom = source.find("class Custom(nn.Module):").expect("the formula's module");
        let net = source.find("class Net(nn.Module):").unwrap();
        assert!(custom < net, "{source}");
        assert!(source.contains("        return torch.where(x > 0.0, x, 0.01 * x)\n"), "{source}");
        assert!(source.contains("        self.act = Custom()\n"), "{source}");
        for import in [
            "import math\n",
            "import torch\n",
            "import torch.nn as nn\n",
            "import torch.nn.functional as F\n",
        ] {
            assert!(source.contains(import), "{import}: {source}");
        }
    }
}

#[test]
fn bad_shapes_are_rejected_with_the_field_named() {
    let relu = Activation::Relu;
    assert_eq!(NetShape::new(0, &[4], 2, relu.clone()).unwrap_err().field, "features");
    assert_eq!(NetShape::new(2, &[], 2, relu.clone()).unwrap_err().field, "hidden layer count");
    assert_eq!(NetShape::new(2, &[0], 2, relu.clone()).unwrap_err().field, "hidden width");
    assert_eq!(NetShape::new(2, &[4], 1, relu.clone()).unwrap_err().field, "classes");
    assert_eq!(NetShape::new(2, &[4], 101, relu.clone()).unwrap_err().field, "classes");
    assert_eq!(shape(2, &[4], 3, relu).outputs(), 3);
}

#[test]
fn the_fashion_loader_loads_the_file_and_rebuilds_the_test_images() {
    let data = TestData::FashionMnist { width: 16, height: 16, count: 2000 };
    let script = loader_source(&article(), &data, "actviz-relu.safetensors").unwrap();
    let lines: Vec<&str> = script.lines().collect();
    for line in [
        "# Needs: pip install numpy torch torchvision pillow safetensors",
        "from safetensors.torch import load_file",
        "from PIL import Image",
        "class Net(nn.Module):",
        "        self.fc1 = nn.Linear(256, 128)",
        "net = Net()",
        "net.load_state_dict(load_file('actviz-relu.safetensors'))",
        "net.eval()",
        "test = datasets.FashionMNIST('data', train=False, download=True)",
        "images = [Image.fromarray(image.numpy()).resize((16, 16), Image.BOX) for image in test.data[:2000]]",
        "x = torch.from_numpy(pixels / 255)",
        "y = test.targets[:2000]",
        "predicted = logits.argmax(dim=1)",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{script}");
    }
    let wrong = TestData::FashionMnist { width: 28, height: 28, count: 2000 };
    let error = loader_source(&article(), &wrong, "w.safetensors").unwrap_err();
    assert_eq!(error.message, "28 × 28 images have 784 pixels, the network takes 256 features");
    let none = TestData::FashionMnist { width: 16, height: 16, count: 0 };
    assert_eq!(loader_source(&article(), &none, "w.safetensors").unwrap_err().field, "test images");
}

#[test]
fn the_csv_loader_reads_features_then_class_and_thresholds_one_logit() {
    let data = TestData::Csv { filename: "moons-test.csv".into() };
    let script =
        loader_source(&shape(2, &[16], 2, Activation::Tanh), &data, "it's\\mine.safetensors").unwrap();
    let lines: Vec<&str> = script.lines().collect();
    for line in [
        "# Needs: pip install numpy torch safetensors",
        r"net.load_state_dict(load_file('it\'s\\mine.safetensors'))",
        "rows = np.loadtxt('moons-test.csv', delimiter=',', dtype=np.float32, ndmin=2)",
        "assert rows.shape[1] == 3, 'expected 2 features and a class per row'",
        "predicted = (logits[:, 0] > 0).long()  # sigmoid(logit) > 1/2: class 1",
    ] {
        assert!(lines.contains(&line), "missing {line:?} in\n{script}");
    }
    assert!(!script.contains("torchvision"));
    assert_eq!(py_string("a\nb"), r"'a\U0000000ab'");
}

#[test]
fn the_test_set_csv_reads_back_as_the_same_f32_values() {
    let inputs = vec![0.1f32, -3.25e-7, 1.0 / 3.0, 255.0, 0.0, -0.0];
    let data = Dataset::new(inputs.clone(), vec![2, 0], 3, 4).unwrap();
    let csv = test_set_csv(&data);
    let rows: Vec<Vec<f32>> =
        csv.lines().map(|line| line.split(',').map(|field| field.parse().unwrap()).collect()).collect();
    assert_eq!(rows.len(), 2);
    let bits = |values: &[f32]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&rows[0][..3]), bits(&inputs[..3]));
    assert_eq!(bits(&rows[1][..3]), bits(&inputs[3..]));
    assert_eq!((rows[0][3], rows[1][3]), (2.0, 0.0));
}
