//! Linear-time rendering of a tree to text: each node is described once as a list of pieces
//! (literal text, a child, a child in parentheses), then the root is expanded with an explicit
//! stack. Building each node's full string bottom-up would copy every subtree once per level
//! (quadratic for a 1,000-deep formula); this writes every character once.

/// One piece of a node's rendering.
#[derive(Clone, Debug)]
pub(crate) enum Piece {
    Text(String),
    /// A child node's rendering.
    Child(usize),
    /// A child node's rendering between the open and close texts.
    Wrapped(usize),
}

/// The pieces of one node, built fluently.
#[derive(Clone, Debug, Default)]
pub(crate) struct Pieces(pub(crate) Vec<Piece>);

impl Pieces {
    pub(crate) fn new() -> Pieces {
        Pieces(Vec::new())
    }

    /// Appends literal text.
    pub(crate) fn t(mut self, text: impl Into<String>) -> Pieces {
        self.0.push(Piece::Text(text.into()));
        self
    }

    /// Appends a child.
    pub(crate) fn c(mut self, child: usize) -> Pieces {
        self.0.push(Piece::Child(child));
        self
    }

    /// Appends a child, in parentheses when `wrap`.
    pub(crate) fn w(mut self, child: usize, wrap: bool) -> Pieces {
        self.0.push(if wrap { Piece::Wrapped(child) } else { Piece::Child(child) });
        self
    }

    /// Appends the pieces of `other`.
    pub(crate) fn then(mut self, other: Pieces) -> Pieces {
        self.0.extend(other.0);
        self
    }
}

/// The text of node `root`, with `open` and `close` around wrapped children.
pub(crate) fn expand(pieces: &[Pieces], root: usize, open: &str, close: &str) -> String {
    enum Item<'a> {
        Text(&'a str),
        Node(usize),
    }
    let mut out = String::new();
    let mut stack = vec![Item::Node(root)];
    while let Some(item) = stack.pop() {
        match item {
            Item::Text(text) => out.push_str(text),
            Item::Node(i) => {
                let Some(node) = pieces.get(i) else { continue };
                for piece in node.0.iter().rev() {
                    match piece {
                        Piece::Text(text) => stack.push(Item::Text(text)),
                        Piece::Child(c) => stack.push(Item::Node(*c)),
                        Piece::Wrapped(c) => {
                            stack.push(Item::Text(close));
                            stack.push(Item::Node(*c));
                            stack.push(Item::Text(open));
                        }
                    }
                }
            }
        }
    }
    out
}
