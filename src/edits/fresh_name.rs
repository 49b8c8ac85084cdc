//! Picking a name for something a fix introduces that no existing name can collide with.
use std::collections::HashSet;

/// `base` if `taken` does not hold it, else the first of `base_1`, `base_2`, ... that it does not
/// hold. Callers put in `taken` every name the new one could clash with (the scope's bindings,
/// the names it reads, an enclosing scope's names when needed).
pub(crate) fn fresh_name(base: &str, taken: &HashSet<&str>) -> String {
    if !taken.contains(base) {
        return base.to_string();
    }
    (1..)
        .map(|n| format!("{base}_{n}"))
        .find(|candidate| !taken.contains(candidate.as_str()))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_when_free() {
        assert_eq!(fresh_name("default", &HashSet::from(["x", "default_1"])), "default");
    }

    #[test]
    fn first_free_suffix() {
        assert_eq!(fresh_name("value", &HashSet::from(["value"])), "value_1");
        assert_eq!(fresh_name("value", &HashSet::from(["value", "value_1", "value_3"])), "value_2");
    }

    #[test]
    fn suffix_appends_even_to_numbered_base() {
        assert_eq!(fresh_name("x_1", &HashSet::from(["x_1"])), "x_1_1");
    }
}
