//! What a help desk shows on every page, from `site.yaml`: the
//! organisation (name, address, logo), how to reach a person (phone, hours,
//! contact page), footer links (privacy, accessibility, terms), where "Was
//! this page helpful?" sends the reader, and the "edit this page" link.
//! Texts and addresses may differ per language, like `title:`.
//!
//! Addresses come from a site's files, which arrive in pull requests, so
//! only `https:`, `http:`, `mailto:` and `tel:` addresses and paths within
//! the site are accepted: never `javascript:` or `data:`.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use super::Reader;

/// A text or address per language code; `""` holds the one for every
/// language.
pub type PerLanguage = BTreeMap<String, String>;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HelpDesk {
    pub organisation: PerLanguage,
    pub organisation_url: PerLanguage,
    /// An image's address, from the site root (`en/logo.svg`) or absolute.
    pub logo: PerLanguage,
    pub phone: PerLanguage,
    pub hours: PerLanguage,
    pub contact_page: PerLanguage,
    pub footer_links: Vec<FooterLink>,
    /// Where "Was this page helpful?" goes: a form, or `mailto:`.
    pub feedback: PerLanguage,
    /// `https://github.com/org/help/edit/main/{path}`: `{path}` is the
    /// article's source file from the site folder.
    pub edit_link: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct FooterLink {
    pub text: PerLanguage,
    pub url: PerLanguage,
}

const ORGANISATION_KEYS: &[&str] = &["name", "url", "logo"];
const CONTACT_KEYS: &[&str] = &["phone", "hours", "page"];
const FOOTER_LINK_KEYS: &[&str] = &["text", "url"];

/// The value for `lang`, else the one for every language.
pub fn for_language<'a>(values: &'a PerLanguage, lang: &str) -> Option<&'a str> {
    values.get(lang).or_else(|| values.get("")).map(String::as_str).filter(|v| !v.trim().is_empty())
}

/// An address safe to put in `href`/`src`: a web, mail or phone address,
/// or a path within the site.
pub fn is_safe_address(address: &str) -> bool {
    let lower = address.trim().to_ascii_lowercase();
    if let Some(colon) = lower.find(':') {
        let scheme = &lower[..colon];
        let is_scheme = !scheme.is_empty() && !scheme.contains(['/', '?', '#']);
        if is_scheme {
            return matches!(scheme, "https" | "http" | "mailto" | "tel");
        }
    }
    !lower.starts_with("//") && !lower.contains('\\') && !lower.chars().any(char::is_control)
}

impl Reader {
    pub(super) fn help_desk(&mut self, map: &Mapping) -> HelpDesk {
        let mut desk = HelpDesk::default();
        if let Some(group) = self.group(map, "organisation", ORGANISATION_KEYS) {
            desk.organisation = self.per_language_text(&group, "name");
            desk.organisation_url = self.address(&group, "url");
            desk.logo = self.address(&group, "logo");
        }
        if let Some(group) = self.group(map, "contact", CONTACT_KEYS) {
            desk.phone = self.per_language_text(&group, "phone");
            desk.hours = self.per_language_text(&group, "hours");
            desk.contact_page = self.address(&group, "page");
        }
        match map.get("footer_links") {
            None | Some(Value::Null) => {}
            Some(Value::Sequence(items)) => {
                for item in items {
                    match item {
                        Value::Mapping(link) => {
                            self.unknown_keys_in(link, FOOTER_LINK_KEYS);
                            let text = self.per_language_text(link, "text");
                            let url = self.address(link, "url");
                            if text.is_empty() || url.is_empty() {
                                self.wrong_type("footer_links", "a list of links, each with `text:` and `url:`");
                            } else {
                                desk.footer_links.push(FooterLink { text, url });
                            }
                        }
                        _ => self.wrong_type("footer_links", "a list of links, each with `text:` and `url:`"),
                    }
                }
            }
            Some(_) => self.wrong_type("footer_links", "a list of links, each with `text:` and `url:`"),
        }
        desk.feedback = self.address(map, "feedback");
        desk.edit_link = self.address(map, "edit_link").remove("");
        desk
    }

    fn group(&mut self, map: &Mapping, key: &str, known: &[&str]) -> Option<Mapping> {
        match map.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::Mapping(group)) => {
                self.unknown_keys_in(group, known);
                Some(group.clone())
            }
            Some(_) => {
                self.wrong_type(key, &format!("a group of settings ({})", known.join(", ")));
                None
            }
        }
    }

    fn unknown_keys_in(&mut self, group: &Mapping, known: &[&str]) {
        for (key, _) in group {
            let key = key.as_str().unwrap_or_default();
            if !known.contains(&key) {
                self.unknown_key(key, known, 0);
            }
        }
    }

    /// An address per language; an unsafe one is an error at its line.
    fn address(&mut self, map: &Mapping, key: &str) -> PerLanguage {
        let mut values = self.per_language_text(map, key);
        let unsafe_ones: Vec<String> =
            values.iter().filter(|(_, v)| !is_safe_address(v)).map(|(l, _)| l.clone()).collect();
        for lang in unsafe_ones {
            let value = values.remove(&lang).unwrap_or_default();
            let (line, column) = self.position(key, 0);
            self.problems.push(
                crate::diagnostics::Diagnostic::error(
                    &self.file,
                    line,
                    column,
                    format!("`{key}` is `{value}`, which is not an address Phare puts in a page"),
                )
                .with_hint(
                    "use an https:, http:, mailto: or tel: address, or a path within the site such as en/contact/",
                ),
            );
        }
        values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_phone_and_site_addresses_are_safe() {
        for safe in [
            "https://x.org/a",
            "mailto:help@x.org?subject=Feedback",
            "tel:+18005550100",
            "en/contact/",
            "/fr/contact/",
            "logo.svg",
        ] {
            assert!(is_safe_address(safe), "{safe}");
        }
        for unsafe_address in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example/",
            "a\\b",
            "x\u{0}y",
        ] {
            assert!(!is_safe_address(unsafe_address), "{unsafe_address}");
        }
    }

    #[test]
    fn a_value_for_one_language_wins_over_the_one_for_all() {
        let values: PerLanguage = [("".to_string(), "All".to_string()), ("fr".to_string(), "Tous".to_string())].into();
        assert_eq!(for_language(&values, "fr"), Some("Tous"));
        assert_eq!(for_language(&values, "en"), Some("All"));
        assert_eq!(for_language(&PerLanguage::new(), "en"), None);
    }
}
