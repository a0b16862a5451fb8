//! Where a formula switches branch in an interval: the zeros of every switching quantity — the
//! two sides of a comparison or of `min`/`max`, the argument of `abs`, an activation's input
//! minus each of its breakpoints — found by sampling and bisection. Charts split their lines
//! there (as at [`Activation::breakpoints`](crate::activation::Activation::breakpoints)) and
//! the explorer reads the kinks out.
//!
//! A switch inside a branch that is not taken there is listed too: the list is where f or f′
//! *may* be discontinuous, never missing one that the sampling resolves.

use super::dual::values;
use super::tree::{depends_on_x, Func, Node};

/// Sample intervals per search.
const SAMPLES: usize = 512;
/// The most points returned.
pub(crate) const MAX_KINKS: usize = 64;

/// The switching quantities of the arena: `(a, b, offset)` meaning `values[a] - values[b] - offset`
/// (`b = None` for 0).
fn switches(nodes: &[Node]) -> Vec<(usize, Option<usize>, f64)> {
    let depends = depends_on_x(nodes);
    let mut out = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        if !depends[i] {
            continue;
        }
        match *node {
            Node::Cmp(_, a, b) | Node::Pair(_, a, b) => out.push((a, Some(b), 0.0)),
            Node::Func(Func::Abs | Func::Sign, a) => out.push((a, None, 0.0)),
            Node::Act(ref act, a) => out.extend(act.breakpoints().into_iter().map(|p| (a, None, p))),
            _ => {}
        }
    }
    out
}

/// The switching points in `[lo, hi]`, increasing, at most [`MAX_KINKS`]; empty for an empty or
/// non-finite interval.
pub(crate) fn kinks(nodes: &[Node], lo: f64, hi: f64) -> Vec<f64> {
    if !(lo.is_finite() && hi.is_finite() && lo < hi) {
        return Vec::new();
    }
    let switches = switches(nodes);
    if switches.is_empty() {
        return Vec::new();
    }
    let at = |x: f64| -> Vec<f64> {
        let v = values(nodes, x);
        switches.iter().map(|&(a, b, offset)| v[a] - b.map_or(0.0, |b| v[b]) - offset).collect()
    };
    // Interpolated from both ends, so the grid stays finite even for [-f64::MAX, f64::MAX].
    let grid: Vec<f64> = (0..=SAMPLES)
        .map(|k| {
            let t = k as f64 / SAMPLES as f64;
            lo * (1.0 - t) + hi * t
        })
        .collect();
    let rows: Vec<Vec<f64>> = grid.iter().map(|&x| at(x)).collect();
    // One column of samples per switching quantity.
    let columns: Vec<Vec<f64>> = (0..switches.len()).map(|s| rows.iter().map(|r| r[s]).collect()).collect();
    let mut found = Vec::new();
    'search: for (s, column) in columns.iter().enumerate() {
        for k in 0..SAMPLES {
            let (left, right) = (column[k], column[k + 1]);
            // A quantity that is 0 over a whole stretch (`where(x < x, ...)`) switches nothing.
            let flat = right == 0.0 && (k == 0 || column[k - 1] == 0.0);
            let point = if left == 0.0 && !flat {
                Some(grid[k])
            } else if right == 0.0 && k + 1 == SAMPLES && left != 0.0 {
                Some(grid[k + 1])
            } else if left.signum() != right.signum() && left.is_finite() && right.is_finite() && right != 0.0
            {
                Some(bisect(|x| at(x)[s], grid[k], grid[k + 1], left))
            } else {
                None
            };
            found.extend(point);
            if found.len() >= 4 * MAX_KINKS {
                break 'search;
            }
        }
    }
    found.sort_by(f64::total_cmp);
    found.dedup_by(|a, b| (*a - *b).abs() <= 1e-12 * a.abs().max(1.0));
    found.truncate(MAX_KINKS);
    found
}

/// The point in `[a, b]` where `g` changes sign (`g(a)` has the sign of `left`), to the adjacent
/// float: the bisection halves the interval in the order of f64 bit patterns, so it ends within
/// 64 steps whatever the exponents.
fn bisect(g: impl Fn(f64) -> f64, a: f64, b: f64, left: f64) -> f64 {
    let (mut lo, mut hi) = (i128::from(key(a)), i128::from(key(b)));
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let x = from_key(mid as i64);
        let v = g(x);
        if v == 0.0 {
            return x;
        }
        if v.signum() == left.signum() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    // The side where the new branch starts.
    from_key(hi as i64)
}

/// An integer in the order of the f64 values (-0 just below +0).
fn key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ ((bits >> 63) & i64::MAX)
}

/// The inverse of [`key`].
fn from_key(k: i64) -> f64 {
    f64::from_bits((k ^ ((k >> 63) & i64::MAX)) as u64)
}
