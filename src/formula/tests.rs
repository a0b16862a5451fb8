//! Unit tests of the internals: the compiled program against the arena evaluator.

use super::*;

#[test]
fn placeholder_compiles() {
    assert!(Formula::parse("x").is_ok());
}
