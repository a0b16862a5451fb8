"""Runs the generated PyTorch code on an exported .safetensors file, with numpy only.

Usage: python3 check.py CASE_DIR. CASE_DIR holds w.safetensors, net.py (net_source),
loader_csv.py and loader_fashion.py (loader_source), test.csv (test_set_csv) and expected.json
({"rows": inputs, "log_p": the lab network's log-probabilities per class, "accuracy": its test
accuracy}). A numpy stand-in for the parts of torch, torch.nn, torch.nn.functional and
safetensors.torch that the scripts use lets them run unchanged; the file is parsed with numpy
from the format's definition. Checks: net.py's Net loaded with the file gives the lab's
log-probabilities; loader_csv.py, run whole, prints the lab's test accuracy; loader_fashion.py
(which needs torchvision's download) is valid Python. Exits non-zero with a message on any
mismatch; prints "ok: ..." otherwise.
"""

import ast
import contextlib
import io
import json
import os
import sys
import types
from pathlib import Path

import numpy as np


class Tensor(np.ndarray):
    """The few torch.Tensor methods the loader calls, on a numpy array."""

    def long(self):
        return self.astype(np.int64)

    def float(self):
        return self.astype(np.float32)

    def argmax(self, dim=None):
        return np.asarray(self).argmax(axis=dim).view(Tensor)


def tensor(array):
    return np.asarray(array).view(Tensor)


class Module:
    """torch.nn.Module, for what Net uses: submodules, load_state_dict, eval, calls."""

    def __init__(self):
        pass

    def __call__(self, x):
        return self.forward(x)

    def state_dict(self):
        return {
            f"{name}.{key}": value
            for name, module in vars(self).items()
            if isinstance(module, Module)
            for key, value in vars(module).items()
            if isinstance(value, np.ndarray)
        }

    def load_state_dict(self, state):
        own = self.state_dict()
        if sorted(own) != sorted(state):
            sys.exit(f"state dict keys differ: Net has {sorted(own)}, the file {sorted(state)}")
        for key, value in state.items():
            if own[key].shape != value.shape:
                sys.exit(f"{key}: Net expects shape {own[key].shape}, the file has {value.shape}")
            module, name = key.split(".")
            setattr(getattr(self, module), name, tensor(value))

    def eval(self):
        return self


class Linear(Module):
    def __init__(self, in_features, out_features):
        self.weight = np.zeros((out_features, in_features))
        self.bias = np.zeros(out_features)

    def forward(self, x):
        return x @ self.weight.T + self.bias


class ReLU(Module):
    def forward(self, x):
        return np.maximum(x, 0)


class LeakyReLU(Module):
    def __init__(self, negative_slope=0.01):
        self.negative_slope = negative_slope

    def forward(self, x):
        return np.where(x > 0, x, self.negative_slope * x)


class PReLU(Module):
    def __init__(self, init=0.25):
        self.weight = np.full(1, init)

    def forward(self, x):
        return np.where(x > 0, x, self.weight[0] * x)


class ELU(Module):
    def __init__(self, alpha=1.0):
        self.alpha = alpha

    def forward(self, x):
        return np.where(x > 0, x, self.alpha * np.expm1(np.minimum(x, 0)))


def log_softmax(x, dim):
    shifted = x - x.max(axis=dim, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=dim, keepdims=True))


def read_safetensors(path):
    data = path.read_bytes()
    length = int.from_bytes(data[:8], "little")
    header = json.loads(data[8 : 8 + length])
    header.pop("__metadata__", None)
    body = data[8 + length :]
    tensors = {}
    for name, info in header.items():
        assert info["dtype"] == "F32", name
        begin, end = info["data_offsets"]
        tensors[name] = np.frombuffer(body[begin:end], dtype="<f4").reshape(info["shape"])
    return tensors


def install_stand_ins():
    nn = types.ModuleType("torch.nn")
    for cls in (Module, Linear, ReLU, LeakyReLU, PReLU, ELU):
        setattr(nn, cls.__name__, cls)
    functional = types.ModuleType("torch.nn.functional")
    functional.log_softmax = log_softmax
    nn.functional = functional
    torch = types.ModuleType("torch")
    torch.nn = nn
    torch.from_numpy = tensor
    torch.no_grad = contextlib.nullcontext
    safetensors = types.ModuleType("safetensors")
    safetensors_torch = types.ModuleType("safetensors.torch")
    safetensors_torch.load_file = lambda path: {k: tensor(v) for k, v in read_safetensors(Path(path)).items()}
    safetensors.torch = safetensors_torch
    sys.modules.update(
        {
            "torch": torch,
            "torch.nn": nn,
            "torch.nn.functional": functional,
            "safetensors": safetensors,
            "safetensors.torch": safetensors_torch,
        }
    )


def run(path):
    """Runs a script as `python3 path` would, in its folder; returns what it printed."""
    printed = io.StringIO()
    os.chdir(path.parent)
    with contextlib.redirect_stdout(printed):
        exec(compile(path.read_text(), path.name, "exec"), {"__name__": "__main__"})
    return printed.getvalue()


def main(case):
    install_stand_ins()
    scope = {}
    exec(compile((case / "net.py").read_text(), "net.py", "exec"), scope)
    net = scope["Net"]()
    net.load_state_dict(read_safetensors(case / "w.safetensors"))
    net.eval()

    expected = json.loads((case / "expected.json").read_text())
    rows = np.array(expected["rows"], dtype=np.float32)
    out = np.asarray(net(tensor(rows)), dtype=np.float64)
    if out.shape[1] == 1:  # one logit: log p(class 0), log p(class 1)
        s = out[:, 0]
        softplus = lambda t: np.maximum(t, 0) + np.log1p(np.exp(-np.abs(t)))
        out = np.stack([-softplus(s), -softplus(-s)], axis=1)
    lab = np.array(expected["log_p"])
    error = np.max(np.abs(out - lab) / (1 + np.abs(lab)))
    if not error <= 1e-4:
        sys.exit(f"log-probabilities differ by {error}: numpy {out.tolist()}, lab {lab.tolist()}")
    ast.parse((case / "loader_fashion.py").read_text(), "loader_fashion.py")
    printed = run(case / "loader_csv.py")
    lab_accuracy = f"test accuracy: {expected['accuracy']:.1%} on "
    if not printed.startswith(lab_accuracy):
        sys.exit(f"loader_csv.py printed {printed!r}; the lab measured {lab_accuracy!r}")
    print(f"ok: {len(rows)} rows, {out.shape[1]} classes, max relative error {error:.2e}; loader: {printed.strip()}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
