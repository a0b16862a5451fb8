//! The `activations!` macro: turns the one table of `table.rs` (a row per activation) into the
//! `Activation` enum, its `id()` and `params()`, the catalogue of metadata, and `build()`, which
//! reads the validated values by parameter name and checks the constraints between them.

/// `Some(x)` when the row gives the optional key, `None` otherwise.
macro_rules! optional {
    () => {
        None
    };
    ($value:expr) => {
        Some($value)
    };
}

/// A flag of a row, `false` when the row leaves it out.
macro_rules! flag {
    () => {
        false
    };
    ($value:expr) => {
        $value
    };
}

/// The variant with its fields bound by name (unit variants have none): a pattern or a value.
macro_rules! variant {
    ($variant:ident) => {
        Activation::$variant
    };
    ($variant:ident { $($field:ident),+ }) => {
        Activation::$variant { $($field),+ }
    };
}

/// A pattern matching the variant whatever its fields.
macro_rules! any_variant {
    ($variant:ident) => {
        Activation::$variant
    };
    ($variant:ident { $($field:ident),+ }) => {
        Activation::$variant { .. }
    };
}

/// One row per activation, in display order:
///
/// ```text
/// /// doc of the variant
/// Variant { field: type = spec, ... } => {
///     id: "torch_name", label: "Label", torch_class: "TorchClass", group: Group,
///     suggest: rank,            // optional: place in the compare panel's suggestions
///     flat_below_zero: true,    // optional: f and f' are exactly 0 for every x < 0
///     summary: "One line.",
///     check: { condition => field: "what is allowed"; ... },   // optional
/// }
/// ```
///
/// Field names are the PyTorch parameter names; `spec` is a [`ParamSpec`](super::ParamSpec)
/// without its name (from `number(...)` or `choice(...)`). A failed `check` condition reports
/// `field` with its value and the allowed text.
macro_rules! activations {
    ($(
        $(#[$meta:meta])*
        $variant:ident $({ $($field:ident: $ty:ty = $spec:expr),+ $(,)? })? => {
            id: $id:literal,
            label: $label:literal,
            torch_class: $torch:literal,
            group: $group:ident,
            $(suggest: $suggest:literal,)?
            $(flat_below_zero: $flat:literal,)?
            summary: $summary:literal,
            $(check: { $($condition:expr => $bad:ident: $allowed:expr;)+ },)?
        }
    )+) => {
        /// One activation function with its parameters, validated when built. `Clone`, not
        /// `Copy`: a custom formula is shared behind an `Arc`; every other variant clones as a copy.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Activation {
            $(
                $(#[$meta])*
                $variant $({ $($field: $ty),+ })?,
            )+
        }

        impl Activation {
            /// The PyTorch id (`torch.nn.functional` name), e.g. `"leaky_relu"`.
            pub fn id(&self) -> &'static str {
                match self {
                    $(any_variant!($variant $({ $($field),+ })?) => $id,)+
                }
            }

            /// The parameters as `(PyTorch name, value)` pairs, in catalogue order.
            pub fn params(&self) -> Vec<(&'static str, ParamValue)> {
                match self {
                    $(
                        variant!($variant $({ $($field),+ })?) => {
                            vec![$($((stringify!($field), ParamType::to_value(Clone::clone($field)))),+)?]
                        }
                    )+
                }
            }
        }

        /// Every activation's metadata, in display order.
        static CATALOGUE: &[ActivationInfo] = &[$(
            ActivationInfo {
                id: $id,
                label: $label,
                torch_class: $torch,
                summary: $summary,
                group: Group::$group,
                suggest: optional!($($suggest)?),
                flat_below_zero: flag!($($flat)?),
                params: &[$($(($spec).named(stringify!($field))),+)?],
            },
        )+];

        /// Turns values checked by name and type into an activation, checking the constraints
        /// between them.
        pub(super) fn build(info: &'static ActivationInfo, values: &Values) -> Result<Activation, ActivationError> {
            match info.id {
                $(
                    $id => {
                        $($(let $field: $ty = values.get(info, stringify!($field))?;)+)?
                        $($(
                            let holds: bool = $condition;
                            if !holds {
                                return Err(invalid(info, stringify!($bad), format_number($bad), &$allowed.to_string()));
                            }
                        )+)?
                        Ok(variant!($variant $({ $($field),+ })?))
                    }
                )+
                other => Err(ActivationError::UnknownId(other.to_owned())),
            }
        }
    };
}
