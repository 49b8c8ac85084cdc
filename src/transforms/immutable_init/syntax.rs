//! Small tests of an expression's own shape (`super()`, `X.__init__(...)`, a name), and the
//! first line of some code for messages; shared by detection, planning and the edits.
use ruff_python_ast::{Expr, ExprCall};

pub(super) fn is_super_call(call: &ExprCall) -> bool {
    matches!(call.func.as_ref(), Expr::Name(name) if name.id.as_str() == "super")
}

pub(super) fn is_bare_super(expr: &Expr) -> bool {
    matches!(expr, Expr::Call(call) if is_super_call(call) && call.arguments.is_empty())
}

pub(super) fn is_attribute_call(call: &ExprCall, attr: &str) -> bool {
    matches!(call.func.as_ref(), Expr::Attribute(a) if a.attr.as_str() == attr)
}

pub(super) fn attribute_receiver(call: &ExprCall) -> Option<&Expr> {
    match call.func.as_ref() {
        Expr::Attribute(attribute) => Some(&attribute.value),
        _ => None,
    }
}

pub(super) fn is_name(expr: &Expr, name: &str) -> bool {
    matches!(expr, Expr::Name(n) if n.id.as_str() == name)
}

/// The first line of a piece of code, for messages.
pub(super) fn first_line(text: &str) -> String {
    match text.split_once(['\n', '\r']) {
        Some((first, _)) => match first.trim_end().strip_suffix('\\') {
            // `value = \` continued on the next line.
            Some(head) => format!("{} ...", head.trim_end()),
            None => format!("{}...", first.trim_end()),
        },
        None => text.to_owned(),
    }
}
