#!/usr/bin/env python3
"""Generate tests/reference_values.rs: reference values and derivatives of actviz's activations.

Usage (from the crate root):

    python3 tests/reference/gen_reference.py > tests/reference_values.rs
    rustfmt --edition 2021 tests/reference_values.rs

Needs only `mpmath` (pip install mpmath). PyTorch is not used: every value is computed from the
closed-form definitions below, following PyTorch's conventions (parameter names and defaults,
softplus's `threshold` rule, rrelu in eval mode, gelu's "tanh" approximation, and at kinks
the one-sided derivative that PyTorch's autograd picks).

How the numbers are made
* Values: the mpmath definitions in `value()` at 50 significant digits, evaluated at the exact
  binary64 value of each x and of each parameter (mpf(float) is exact).
* Derivatives (away from kinks): mpmath.diff applied to those same definitions (numerical
  differentiation with 1200 extra working digits, step relative to |x|). Every one of them is
  cross-checked against the hand-derived analytic formula in `deriv()`; the script aborts if the
  two disagree beyond 1e-35 relative, and it also re-evaluates everything at 70 digits and aborts
  if the 50-digit results move beyond 1e-40 relative.
* Derivatives at kinks (the KINKS table only): the analytic formula in `deriv()`, whose
  branches follow PyTorch's backward kernels exactly (e.g. relu'(0)=0, leaky_relu'(0)=slope,
  elu'(0)=alpha, hardswish'(-3)=-1/2, hardsigmoid'(+-3)=0, shrink'(+-lambd)=0).
* Output: rounded to 17 significant digits. Results that underflow binary64 are written as 0.0.

The non-generated parts of the test (NaN/infinity limit tables, central-difference check) are
the TEMPLATE strings at the bottom of this file; edit them here, not in the .rs file.
"""
import sys

import mpmath
from mpmath import mp, mpf

DPS = 50

# f64 versions of PyTorch's SELU constants (at::native uses these literals as double).
SELU_ALPHA = 1.6732632423543772848170429916717
SELU_SCALE = 1.0507009873554804934193349852946

IDS = [
    "relu", "leaky_relu", "prelu", "rrelu", "elu", "celu", "selu", "gelu", "silu", "mish",
    "softplus", "sigmoid", "tanh", "relu6", "hardtanh", "hardsigmoid", "hardswish", "softsign",
    "logsigmoid", "tanhshrink", "hardshrink", "softshrink",
]

# PyTorch defaults (as binary64 numbers / strings).
DEFAULTS = {
    "leaky_relu": {"negative_slope": 0.01},
    "prelu": {"weight": 0.25},
    "rrelu": {"lower": 1.0 / 8.0, "upper": 1.0 / 3.0},
    "elu": {"alpha": 1.0},
    "celu": {"alpha": 1.0},
    "gelu": {"approximate": "none"},
    "softplus": {"beta": 1.0, "threshold": 20.0},
    "hardtanh": {"min_val": -1.0, "max_val": 1.0},
    "hardshrink": {"lambd": 0.5},
    "softshrink": {"lambd": 0.5},
}

# (Rust const name, id, explicitly passed params). Missing params take DEFAULTS.
CASES = [
    ("DEFAULT", "relu", {}),
    ("DEFAULT", "leaky_relu", {}),
    ("LEAKY_SLOPE_0_2", "leaky_relu", {"negative_slope": 0.2}),
    ("DEFAULT", "prelu", {}),
    ("PRELU_WEIGHT_0_1", "prelu", {"weight": 0.1}),
    ("DEFAULT", "rrelu", {}),
    ("RRELU_0_1_0_3", "rrelu", {"lower": 0.1, "upper": 0.3}),
    ("DEFAULT", "elu", {}),
    ("ALPHA_0_5", "elu", {"alpha": 0.5}),
    ("DEFAULT", "celu", {}),
    ("ALPHA_2", "celu", {"alpha": 2.0}),
    ("DEFAULT", "selu", {}),
    ("DEFAULT", "gelu", {}),
    ("GELU_NONE", "gelu", {"approximate": "none"}),
    ("GELU_TANH", "gelu", {"approximate": "tanh"}),
    ("DEFAULT", "silu", {}),
    ("DEFAULT", "mish", {}),
    ("DEFAULT", "softplus", {}),
    ("SOFTPLUS_BETA_2", "softplus", {"beta": 2.0, "threshold": 20.0}),
    ("SOFTPLUS_BETA_0_5", "softplus", {"beta": 0.5}),
    ("SOFTPLUS_BETA_2_THRESHOLD_5", "softplus", {"beta": 2.0, "threshold": 5.0}),
    ("DEFAULT", "sigmoid", {}),
    ("DEFAULT", "tanh", {}),
    ("DEFAULT", "relu6", {}),
    ("DEFAULT", "hardtanh", {}),
    ("HARDTANH_M2_3", "hardtanh", {"min_val": -2.0, "max_val": 3.0}),
    ("DEFAULT", "hardsigmoid", {}),
    ("DEFAULT", "hardswish", {}),
    ("DEFAULT", "softsign", {}),
    ("DEFAULT", "logsigmoid", {}),
    ("DEFAULT", "tanhshrink", {}),
    ("DEFAULT", "hardshrink", {}),
    ("LAMBD_1_5", "hardshrink", {"lambd": 1.5}),
    ("DEFAULT", "softshrink", {}),
    ("LAMBD_1_5", "softshrink", {"lambd": 1.5}),
]

GRID = [-7.5, -3.0, -1.7, -0.3, -1e-3, 0.0, 1e-3, 0.4, 1.3, 2.9, 7.2, -1000.0, 1000.0]
EXTRA = {
    "gelu": [-40.0, 40.0],
    "softsign": [-1e300, 1e300],
    "tanh": [-20.0, 20.0],
    "sigmoid": [-40.0, 40.0],
}


def full_params(act, given):
    p = dict(DEFAULTS.get(act, {}))
    p.update(given)
    return p


def sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def softplus1(z):
    """log(1 + e^z), accurate for all z."""
    return mpmath.log1p(mpmath.exp(z))


def gelu_tanh_inner(x):
    k = mpmath.sqrt(2 / mpmath.pi)
    return k * (x + mpf("0.044715") * x**3)


def value(act, p, x):
    """Closed-form definitions (mp numbers in, mp number out)."""
    n = lambda k: mpf(p[k])  # exact binary64 parameter
    if act == "relu":
        return x if x > 0 else mpf(0)
    if act in ("leaky_relu", "prelu", "rrelu"):
        if act == "leaky_relu":
            s = n("negative_slope")
        elif act == "prelu":
            s = n("weight")
        else:  # eval mode: fixed slope (lower + upper) / 2
            s = (n("lower") + n("upper")) / 2
        return x if x > 0 else s * x
    if act == "elu":
        return x if x > 0 else n("alpha") * mpmath.expm1(x)
    if act == "celu":
        a = n("alpha")
        return x if x > 0 else a * mpmath.expm1(x / a)
    if act == "selu":
        a, s = mpf(SELU_ALPHA), mpf(SELU_SCALE)
        return s * (x if x > 0 else a * mpmath.expm1(x))
    if act == "gelu":
        if p["approximate"] == "none":
            # x * Phi(x), Phi written with erfc so the left tail keeps its digits.
            return x * mpmath.erfc(-x / mpmath.sqrt(2)) / 2
        # 0.5 x (1 + tanh(u)) = x * sigmoid(2u)  (same identity, no cancellation)
        return x * sigmoid(2 * gelu_tanh_inner(x))
    if act == "silu":
        return x * sigmoid(x)
    if act == "mish":
        return x * mpmath.tanh(softplus1(x))
    if act == "softplus":
        b, t = n("beta"), n("threshold")
        return x if b * x > t else softplus1(b * x) / b
    if act == "sigmoid":
        return sigmoid(x)
    if act == "tanh":
        return mpmath.tanh(x)
    if act == "relu6":
        return min(max(mpf(0), x), mpf(6))
    if act == "hardtanh":
        return min(max(n("min_val"), x), n("max_val"))
    if act == "hardsigmoid":
        return min(max(mpf(0), x + 3), mpf(6)) / 6
    if act == "hardswish":
        return x * min(max(mpf(0), x + 3), mpf(6)) / 6
    if act == "softsign":
        return x / (1 + abs(x))
    if act == "logsigmoid":
        return -softplus1(-x)
    if act == "tanhshrink":
        return x - mpmath.tanh(x)
    if act == "hardshrink":
        l = n("lambd")
        return x if (x > l or x < -l) else mpf(0)
    if act == "softshrink":
        l = n("lambd")
        return x - l if x > l else (x + l if x < -l else mpf(0))
    raise ValueError(act)


def deriv(act, p, x):
    """Hand-derived derivatives; branch conditions copy PyTorch's backward kernels."""
    n = lambda k: mpf(p[k])
    one, zero = mpf(1), mpf(0)
    if act == "relu":  # threshold_backward: x <= 0 -> 0
        return one if x > 0 else zero
    if act in ("leaky_relu", "prelu", "rrelu"):  # x > 0 ? 1 : slope
        if act == "leaky_relu":
            s = n("negative_slope")
        elif act == "prelu":
            s = n("weight")
        else:
            s = (n("lower") + n("upper")) / 2
        return one if x > 0 else s
    if act == "elu":  # elu_backward: x <= 0 -> alpha * exp(x)
        return one if x > 0 else n("alpha") * mpmath.exp(x)
    if act == "celu":  # elu_backward with input_scale 1/alpha: exp(x / alpha)
        return one if x > 0 else mpmath.exp(x / n("alpha"))
    if act == "selu":
        a, s = mpf(SELU_ALPHA), mpf(SELU_SCALE)
        return s if x > 0 else s * a * mpmath.exp(x)
    if act == "gelu":
        if p["approximate"] == "none":
            cdf = mpmath.erfc(-x / mpmath.sqrt(2)) / 2
            pdf = mpmath.exp(-x * x / 2) / mpmath.sqrt(2 * mpmath.pi)
            return cdf + x * pdf
        k = mpmath.sqrt(2 / mpmath.pi)
        u = gelu_tanh_inner(x)
        s = sigmoid(2 * u)  # = (1 + tanh u) / 2
        sech2 = 4 * s * sigmoid(-2 * u)  # = 1 - tanh^2 u, without cancellation
        return s + x / 2 * sech2 * k * (1 + 3 * mpf("0.044715") * x * x)
    if act == "silu":
        s = sigmoid(x)
        return s * (1 + x * sigmoid(-x))  # 1 - s written as sigmoid(-x) (no cancellation)
    if act == "mish":
        sp = softplus1(x)
        return mpmath.tanh(sp) + x * sigmoid(x) / mpmath.cosh(sp) ** 2
    if act == "softplus":  # x*beta > threshold ? 1 : sigmoid(beta x)
        b, t = n("beta"), n("threshold")
        return one if b * x > t else sigmoid(b * x)
    if act == "sigmoid":
        return sigmoid(x) * sigmoid(-x)
    if act == "tanh":
        return 1 / mpmath.cosh(x) ** 2
    if act == "relu6":  # hardtanh_backward(0, 6): x <= 0 || x >= 6 -> 0
        return one if 0 < x < 6 else zero
    if act == "hardtanh":
        return one if n("min_val") < x < n("max_val") else zero
    if act == "hardsigmoid":  # -3 < x < 3 ? 1/6 : 0
        return one / 6 if -3 < x < 3 else zero
    if act == "hardswish":  # x < -3 -> 0; x <= 3 -> x/3 + 1/2; else 1
        if x < -3:
            return zero
        if x <= 3:
            return x / 3 + mpf(1) / 2
        return one
    if act == "softsign":
        return 1 / (1 + abs(x)) ** 2
    if act == "logsigmoid":
        return sigmoid(-x)
    if act == "tanhshrink":
        return mpmath.tanh(x) ** 2
    if act in ("hardshrink", "softshrink"):  # -l <= x <= l -> 0
        l = n("lambd")
        return one if (x > l or x < -l) else zero
    raise ValueError(act)


def kinks(act, p):
    """Points where PyTorch picks a one-sided derivative (or the value jumps)."""
    g = lambda k: p[k]
    return {
        "relu": [0.0], "leaky_relu": [0.0], "prelu": [0.0], "rrelu": [0.0],
        "elu": [0.0], "celu": [0.0], "selu": [0.0],
        "softplus": [g("threshold") / g("beta")] if act == "softplus" else [],
        "relu6": [0.0, 6.0],
        "hardtanh": [g("min_val"), g("max_val")] if act == "hardtanh" else [],
        "hardsigmoid": [-3.0, 3.0], "hardswish": [-3.0, 3.0],
        "hardshrink": [-g("lambd"), g("lambd")] if act == "hardshrink" else [],
        "softshrink": [-g("lambd"), g("lambd")] if act == "softshrink" else [],
    }.get(act, [])


def rel_close(a, b, tol):
    # The absolute floor 1e-400 is far below the smallest f64 subnormal (4.9e-324): both sides
    # print as the same f64. It absorbs mpmath.diff's ~1e-2500 noise where f' is exactly 0.
    return abs(a - b) <= max(tol * max(abs(a), abs(b)), mpf("1e-400"))


def numeric_deriv(act, p, x):
    # Tails such as elu'(-1000) ~ 1e-435 (value ~ -1) or tanh'(1000) ~ 1e-868 need the
    # difference quotient to resolve up to ~900 more digits than the value, so differentiate with
    # 1200 extra working digits (the result is then rounded back to the caller's precision).
    opts = {"relative": True} if x != 0 else {}
    with mpmath.extradps(1200):
        return mpmath.diff(lambda t: value(act, p, t), x, **opts)


def compute(act, p, xf, at_kink):
    """(value, derivative) at x = xf (a binary64 number), checked as described above."""
    out = []
    for dps in (DPS, 70):
        with mpmath.workdps(dps):
            x = mpf(xf)
            v = value(act, p, x)
            d_an = deriv(act, p, x)
            if at_kink:
                d = d_an
            else:
                d = numeric_deriv(act, p, x)
                if not rel_close(d, d_an, mpf("1e-35")):
                    raise SystemExit(f"diff/analytic mismatch {act} {p} x={xf}: {d} vs {d_an}")
            out.append((+v, +d))
    (v50, d50), (v70, d70) = out
    if not (rel_close(v50, v70, mpf("1e-40")) and rel_close(d50, d70, mpf("1e-40"))):
        raise SystemExit(f"precision mismatch {act} {p} x={xf}: {v50} {v70} {d50} {d70}")
    return v50, d50


def rust_f64(v):
    """17 significant digits as a Rust f64 literal; binary64 underflow -> 0.0."""
    if isinstance(v, float):
        f, s = v, repr(v)
        if f == 0:
            return "-0.0" if str(f).startswith("-") else "0.0"
    else:
        with mpmath.workdps(DPS):
            f = float(v)
            if f == 0:
                return "-0.0" if v < 0 else "0.0"
            s = mpmath.nstr(v, 17)
    if f != f or f in (float("inf"), float("-inf")):
        raise SystemExit(f"not a finite f64: {v}")
    if "." not in s and "e" not in s and "inf" not in s:
        s += ".0"
    return s


def rust_param(v):
    return f'P::C("{v}")' if isinstance(v, str) else f"P::N({rust_f64(v)})"


def main():
    mp.dps = DPS
    seen_consts = {}
    rows, kink_rows = [], []
    for const, act, given in CASES:
        p = full_params(act, given)
        body = ", ".join(f'("{k}", {rust_param(v)})' for k, v in given.items())
        if const in seen_consts and seen_consts[const] != body:
            raise SystemExit(f"const {const} reused with different params")
        seen_consts[const] = body
        ks = kinks(act, p)
        xs = GRID + EXTRA.get(act, [])
        if act == "softplus":
            edge = p["threshold"] / p["beta"]
            xs = xs + [edge - 0.1, edge + 0.1]
        for xf in xs:
            at_kink = xf in ks
            v, d = compute(act, p, xf, at_kink)
            row = f'("{act}", {const}, {rust_f64(xf)}, {rust_f64(v)}, {rust_f64(d)}),'
            (kink_rows if at_kink else rows).append(row)
        for xf in ks:
            if xf not in xs:
                v, d = compute(act, p, xf, True)
                kink_rows.append(f'("{act}", {const}, {rust_f64(xf)}, {rust_f64(v)}, {rust_f64(d)}),')

    consts = "\n".join(
        f"const {name}: Params = &[{body}];" for name, body in seen_consts.items() if name != "DEFAULT"
    )
    out = TEMPLATE_HEAD.format(version=mpmath.__version__, dps=DPS)
    out += consts + "\n\n"
    out += REF_DOC + "const REF: &[Row] = &[\n" + "\n".join(rows) + "\n];\n\n"
    out += KINK_DOC + "const KINKS: &[Row] = &[\n" + "\n".join(kink_rows) + "\n];\n"
    out += TEMPLATE_TAIL.replace("@IDS@", ", ".join(f'"{i}"' for i in IDS))
    sys.stdout.write(out)


TEMPLATE_HEAD = '''\
//! Reference values and derivatives for every activation in `actviz::activation`.
//!
//! The `REF` and `KINKS` tables were generated by tests/reference/gen_reference.py with
//! mpmath {version}, {dps} digits, from closed-form definitions (derivatives by mpmath.diff,
//! cross-checked against analytic formulas; at kinks, PyTorch autograd's one-sided choice).
//! Do not edit by hand: change the script and run
//!     python3 tests/reference/gen_reference.py > tests/reference_values.rs
//!     rustfmt --edition 2021 tests/reference_values.rs
//! Everything below the tables (limit tables, NaN and central-difference checks) is the
//! script's template text.
// 17 significant digits identify an f64 exactly; clippy would rather see fewer.
#![allow(clippy::excessive_precision, clippy::approx_constant)]

use actviz::activation::{{Activation, ParamValue}};

/// A parameter as written in the tables (`ParamValue` owns a `String`, so it cannot be a const).
#[derive(Clone, Copy, Debug)]
enum P {{
    N(f64),
    C(&'static str),
}}

/// PyTorch parameter names and values; missing ones take PyTorch's defaults.
type Params = &'static [(&'static str, P)];

/// (id, params, x, value, derivative)
type Row = (&'static str, Params, f64, f64, f64);

const DEFAULT: Params = &[];
'''

REF_DOC = '''\
/// Smooth points (no kink within 1e-3), including tails. Values that underflow f64 are 0.0.
'''

KINK_DOC = '''\
/// Exactly at kinks. Derivatives follow PyTorch autograd: relu'(0)=0, leaky/prelu/rrelu'(0)=slope,
/// elu'(0)=alpha, celu'(0)=1, selu'(0)=scale*alpha, relu6'(0)=relu6'(6)=0, hardtanh'(min)=
/// hardtanh'(max)=0, hardsigmoid'(+-3)=0, hardswish'(-3)=-1/2 and hardswish'(3)=3/2,
/// hard/softshrink'(+-lambd)=0; softplus at beta*x == threshold still uses log1p(exp(beta*x))/beta.
'''

TEMPLATE_TAIL = r'''
/// All 22 activation ids (torch.nn.functional names).
const IDS: &[&str] = &[@IDS@];

const TOL: f64 = 1e-12;

fn to_params(params: Params) -> Vec<(&'static str, ParamValue)> {
    params
        .iter()
        .map(|&(name, p)| match p {
            P::N(v) => (name, ParamValue::Number(v)),
            P::C(s) => (name, ParamValue::Choice(s.into())),
        })
        .collect()
}

fn build(id: &str, params: Params) -> Activation {
    match Activation::from_params(id, &to_params(params)) {
        Ok(a) => a,
        Err(e) => panic!("Activation::from_params({id:?}, {params:?}) failed: {e:?}"),
    }
}

/// Infinite expectations must match exactly; finite ones to `tol` relative or `tol` absolute.
fn close(got: f64, want: f64, tol: f64) -> bool {
    if want.is_infinite() {
        return got == want;
    }
    let diff = (got - want).abs();
    diff <= tol || diff <= tol * want.abs()
}

/// Checks every row, collecting all mismatches into one panic message.
fn check_rows(what: &str, rows: &[Row], tol: f64) {
    let mut failures = Vec::new();
    for &(id, params, x, want_v, want_d) in rows {
        let a = build(id, params);
        let (got_v, got_d) = (a.value(x), a.derivative(x));
        if !close(got_v, want_v, tol) {
            failures.push(format!(
                "{id} {params:?} value({x:e}): want {want_v:e}, got {got_v:e}"
            ));
        }
        if !close(got_d, want_d, tol) {
            failures.push(format!(
                "{id} {params:?} derivative({x:e}): want {want_d:e}, got {got_d:e}"
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} {what} mismatch(es):\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn all_ids_build_with_defaults() {
    assert_eq!(IDS.len(), 22);
    for id in IDS {
        build(id, DEFAULT);
    }
    assert!(Activation::from_params("not_an_activation", &[]).is_err());
}

#[test]
fn tables_cover_every_id() {
    for id in IDS {
        assert!(REF.iter().any(|r| r.0 == *id), "{id} missing from REF");
    }
}

#[test]
fn reference_values() {
    check_rows("reference", REF, TOL);
}

#[test]
fn reference_values_at_kinks() {
    check_rows("kink", KINKS, TOL);
}

#[test]
fn nan_in_nan_out() {
    let mut failures = Vec::new();
    for id in IDS {
        let a = build(id, DEFAULT);
        let (v, d) = (a.value(f64::NAN), a.derivative(f64::NAN));
        if !v.is_nan() {
            failures.push(format!("{id}: value(NaN) = {v:e}"));
        }
        if !d.is_nan() {
            failures.push(format!("{id}: derivative(NaN) = {d:e}"));
        }
    }
    assert!(failures.is_empty(), "NaN not propagated:\n{}", failures.join("\n"));
}

const INF: f64 = f64::INFINITY;
const SELU_ALPHA: f64 = 1.6732632423543772848170429916717;
const SELU_SCALE: f64 = 1.0507009873554804934193349852946;
const LEAKY_SLOPE_0_2_: Params = &[("negative_slope", P::N(0.2))];
const ALPHA_0_5_: Params = &[("alpha", P::N(0.5))];
const HARDTANH_M2_3_: Params = &[("min_val", P::N(-2.0)), ("max_val", P::N(3.0))];
const GELU_TANH_: Params = &[("approximate", P::C("tanh"))];
const SOFTPLUS_BETA_2_: Params = &[("beta", P::N(2.0))];

/// Mathematical limits at -inf and +inf:
/// (id, params, value(-inf), value(+inf), derivative(-inf), derivative(+inf)).
const LIMITS: &[(&str, Params, f64, f64, f64, f64)] = &[
    ("relu", DEFAULT, 0.0, INF, 0.0, 1.0),
    ("leaky_relu", DEFAULT, -INF, INF, 0.01, 1.0),
    ("leaky_relu", LEAKY_SLOPE_0_2_, -INF, INF, 0.2, 1.0),
    ("prelu", DEFAULT, -INF, INF, 0.25, 1.0),
    ("rrelu", DEFAULT, -INF, INF, (1.0 / 8.0 + 1.0 / 3.0) / 2.0, 1.0),
    ("elu", DEFAULT, -1.0, INF, 0.0, 1.0),
    ("elu", ALPHA_0_5_, -0.5, INF, 0.0, 1.0),
    ("celu", DEFAULT, -1.0, INF, 0.0, 1.0),
    ("selu", DEFAULT, -SELU_SCALE * SELU_ALPHA, INF, 0.0, SELU_SCALE),
    ("gelu", DEFAULT, 0.0, INF, 0.0, 1.0),
    ("gelu", GELU_TANH_, 0.0, INF, 0.0, 1.0),
    ("silu", DEFAULT, 0.0, INF, 0.0, 1.0),
    ("mish", DEFAULT, 0.0, INF, 0.0, 1.0),
    ("softplus", DEFAULT, 0.0, INF, 0.0, 1.0),
    ("softplus", SOFTPLUS_BETA_2_, 0.0, INF, 0.0, 1.0),
    ("sigmoid", DEFAULT, 0.0, 1.0, 0.0, 0.0),
    ("tanh", DEFAULT, -1.0, 1.0, 0.0, 0.0),
    ("relu6", DEFAULT, 0.0, 6.0, 0.0, 0.0),
    ("hardtanh", DEFAULT, -1.0, 1.0, 0.0, 0.0),
    ("hardtanh", HARDTANH_M2_3_, -2.0, 3.0, 0.0, 0.0),
    ("hardsigmoid", DEFAULT, 0.0, 1.0, 0.0, 0.0),
    ("hardswish", DEFAULT, 0.0, INF, 0.0, 1.0),
    ("softsign", DEFAULT, -1.0, 1.0, 0.0, 0.0),
    ("logsigmoid", DEFAULT, -INF, 0.0, 1.0, 0.0),
    ("tanhshrink", DEFAULT, -INF, INF, 1.0, 1.0),
    ("hardshrink", DEFAULT, -INF, INF, 1.0, 1.0),
    ("softshrink", DEFAULT, -INF, INF, 1.0, 1.0),
];

#[test]
fn infinite_inputs_give_limits() {
    for id in IDS {
        assert!(LIMITS.iter().any(|r| r.0 == *id), "{id} missing from LIMITS");
    }
    let rows: Vec<Row> = LIMITS
        .iter()
        .flat_map(|&(id, params, v_lo, v_hi, d_lo, d_hi)| {
            [(id, params, -INF, v_lo, d_lo), (id, params, INF, v_hi, d_hi)]
        })
        .collect();
    check_rows("infinite-input limit", &rows, TOL);
}

/// Central-difference check: (id, params, points within 1e-3 of which are skipped).
const FD_CASES: &[(&str, Params, &[f64])] = &[
    ("relu", DEFAULT, &[0.0]),
    ("leaky_relu", DEFAULT, &[0.0]),
    ("leaky_relu", LEAKY_SLOPE_0_2, &[0.0]),
    ("prelu", DEFAULT, &[0.0]),
    ("prelu", PRELU_WEIGHT_0_1, &[0.0]),
    ("rrelu", DEFAULT, &[0.0]),
    ("rrelu", RRELU_0_1_0_3, &[0.0]),
    ("elu", DEFAULT, &[0.0]),
    ("elu", ALPHA_0_5, &[0.0]),
    ("celu", DEFAULT, &[0.0]),
    ("celu", ALPHA_2, &[0.0]),
    ("selu", DEFAULT, &[0.0]),
    ("gelu", DEFAULT, &[]),
    ("gelu", GELU_TANH, &[]),
    ("silu", DEFAULT, &[]),
    ("mish", DEFAULT, &[]),
    ("softplus", DEFAULT, &[20.0]),
    ("softplus", SOFTPLUS_BETA_0_5, &[40.0]),
    ("softplus", SOFTPLUS_BETA_2_THRESHOLD_5, &[2.5]),
    ("sigmoid", DEFAULT, &[]),
    ("tanh", DEFAULT, &[]),
    ("relu6", DEFAULT, &[0.0, 6.0]),
    ("hardtanh", DEFAULT, &[-1.0, 1.0]),
    ("hardtanh", HARDTANH_M2_3, &[-2.0, 3.0]),
    ("hardsigmoid", DEFAULT, &[-3.0, 3.0]),
    ("hardswish", DEFAULT, &[-3.0, 3.0]),
    ("softsign", DEFAULT, &[0.0]), // not C^2 at 0: the third derivative blows up there
    ("logsigmoid", DEFAULT, &[]),
    ("tanhshrink", DEFAULT, &[]),
    ("hardshrink", DEFAULT, &[-0.5, 0.5]),
    ("hardshrink", LAMBD_1_5, &[-1.5, 1.5]),
    ("softshrink", DEFAULT, &[-0.5, 0.5]),
    ("softshrink", LAMBD_1_5, &[-1.5, 1.5]),
];

#[test]
fn derivative_matches_central_difference() {
    for id in IDS {
        assert!(FD_CASES.iter().any(|r| r.0 == *id), "{id} missing from FD_CASES");
    }
    const H: f64 = 1e-6;
    const FD_TOL: f64 = 1e-6;
    let mut failures = Vec::new();
    let mut checked = 0;
    for &(id, params, kinks) in FD_CASES {
        let a = build(id, params);
        for k in 0..=32 {
            let x = -6.0 + 0.37 * k as f64;
            if kinks.iter().any(|&kink| (x - kink).abs() <= 1e-3) {
                continue;
            }
            let fd = (a.value(x + H) - a.value(x - H)) / (2.0 * H);
            let d = a.derivative(x);
            checked += 1;
            if !close(d, fd, FD_TOL) {
                failures.push(format!(
                    "{id} {params:?} x={x}: derivative {d:e}, central difference {fd:e}"
                ));
            }
        }
    }
    assert!(checked > 500);
    assert!(
        failures.is_empty(),
        "{} derivative/central-difference mismatch(es):\n{}",
        failures.len(),
        failures.join("\n")
    );
}
'''

if __name__ == "__main__":
    main()
