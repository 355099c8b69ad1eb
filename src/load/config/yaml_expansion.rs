//! YAML aliases (`*name`) replay a whole value each time they are used, so
//! a few kilobytes can expand to gigabytes (the "billion laughs"). Every
//! YAML file a site holds (front matter, `site.yaml`, category and data
//! files) is untrusted, so each is measured as if expanded, keeping
//! nothing, before it is read for real.

use std::cell::Cell;
use std::fmt;
use std::path::Path;

use crate::diagnostics::Diagnostic;
use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, VariantAccess, Visitor};

/// What a YAML text may grow to once its aliases are expanded, counted as
/// characters of text plus one per value.
pub(crate) const MAX_EXPANDED_YAML: usize = 1 << 20;

/// Whether reading `yaml` into values would exceed
/// [`MAX_EXPANDED_YAML`]. The values are walked as the YAML reader
/// replays each alias, and nothing is kept, so the check itself stays
/// within the budget it counts. Syntax errors are left to the real read.
pub(crate) fn expands_too_much(yaml: &str) -> bool {
    let left = Cell::new(MAX_EXPANDED_YAML);
    let exceeded = Cell::new(false);
    let counted = Count { left: &left, exceeded: &exceeded }.deserialize(serde_yaml::Deserializer::from_str(yaml));
    counted.is_err() && exceeded.get()
}

/// 1-based line of the first alias (`*name`) in `yaml`, if one is seen.
pub(crate) fn first_alias_line(yaml: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.char_indices().any(|(i, c)| {
                c == '*'
                    && line[..i]
                        .chars()
                        .next_back()
                        .is_none_or(|before| matches!(before, ' ' | '[' | ',' | '{' | '-' | ':'))
                    && line[i + 1..].chars().next().is_some_and(|after| after.is_alphanumeric() || after == '_')
            })
        })
        .map(|index| index + 1)
}

#[derive(Clone, Copy)]
struct Count<'b> {
    left: &'b Cell<usize>,
    exceeded: &'b Cell<bool>,
}

impl Count<'_> {
    fn spend<E: de::Error>(self, amount: usize) -> Result<(), E> {
        match self.left.get().checked_sub(amount) {
            Some(left) => {
                self.left.set(left);
                Ok(())
            }
            None => {
                self.exceeded.set(true);
                Err(E::custom("the YAML expands too much"))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for Count<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Count<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<(), E> {
        self.spend(1 + text.len())
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<(), E> {
        self.spend(1 + bytes.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(1)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(1)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    /// A tagged value (`!tag value`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self)?;
        variant.newtype_variant_seed(self)
    }
}

/// Deeper than this, `[`/`{` nesting is refused before the YAML reader
/// sees it: libyaml's time grows with the square of the depth.
pub const MAX_FLOW_NESTING: usize = 64;

/// The line where `[`/`{` nesting first goes past [`MAX_FLOW_NESTING`].
/// Quotes are not followed, on purpose: a bracket inside a string counts
/// too, so no quoting trick can hide depth from this check, and real
/// settings never come near the limit.
pub fn too_deep_at(yaml: &str) -> Option<usize> {
    let mut depth = 0usize;
    let mut line = 1;
    for byte in yaml.bytes() {
        match byte {
            b'\n' => line += 1,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_FLOW_NESTING {
                    return Some(line);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// The error for YAML whose `[`/`{` nesting is too deep, at `line`.
pub fn too_deep(path: &Path, line: usize) -> Diagnostic {
    Diagnostic::error(
        path,
        line,
        1,
        format!("lists and groups (`[`, `{{`) are nested here more than {MAX_FLOW_NESTING} levels deep"),
    )
    .with_hint("close each `[` with `]` and each `{` with `}`; settings never need this many levels")
}

/// Refuses YAML too deep or expanding too much, before it is read.
pub fn check(path: &Path, yaml: &str) -> Result<(), Diagnostic> {
    if let Some(line) = too_deep_at(yaml) {
        return Err(too_deep(path, line));
    }
    if expands_too_much(yaml) {
        return Err(too_much(path, yaml));
    }
    Ok(())
}

/// The error for a settings or data file whose aliases expand too much,
/// placed on its first alias.
pub(crate) fn too_much(path: &Path, yaml: &str) -> Diagnostic {
    Diagnostic::error(
        path,
        first_alias_line(yaml).unwrap_or(1),
        1,
        format!(
            "this file repeats its values through aliases (`*name`) until they would take more than {} MB",
            MAX_EXPANDED_YAML >> 20
        ),
    )
    .with_hint("write the values out once instead of repeating them with `&anchor` and `*alias`")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One large list repeated a thousand times: under serde_yaml's own
    /// repetition limit, 20 million values once expanded.
    fn laughs() -> String {
        let list = "  - a\n".repeat(20_000);
        let aliases: String = (0..1_000).map(|i| format!("copy{i}: *big\n")).collect();
        format!("title: Aide\nbig: &big\n{list}{aliases}")
    }

    #[test]
    fn nested_aliases_are_refused_before_they_expand() {
        assert!(expands_too_much(&laughs()));
        assert_eq!(too_much(Path::new("site.yaml"), &laughs()).line, 3 + 20_000);
    }

    #[test]
    fn deep_brackets_are_refused_on_the_line_that_goes_too_deep() {
        let yaml = format!("title: Aide\n{}", "aliases: [\n".repeat(100));
        assert_eq!(too_deep_at(&yaml), Some(2 + MAX_FLOW_NESTING));
        assert!(check(Path::new("a.md"), &yaml).is_err());
        let balanced = "a: [[1, 2], {b: [3]}]\n".repeat(1000);
        assert_eq!(too_deep_at(&balanced), None);
    }

    #[test]
    fn ordinary_yaml_with_a_few_aliases_is_accepted() {
        assert!(!expands_too_much("base: &base {title: Aide}\nfr: *base\nen: *base\n"));
        assert!(!expands_too_much("title: [unclosed\n"));
    }
}
