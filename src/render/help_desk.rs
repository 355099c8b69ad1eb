//! The help desk's slots for one page: organisation, contact, footer
//! links, feedback and "edit this page", in the page's language, with site
//! paths made relative to the page (so sub-path hosting and `file://` work).

use serde::Serialize;

use crate::load::config::{HelpDesk, for_language};

#[derive(Serialize, Default)]
pub(super) struct HelpDeskContext {
    pub(super) organisation: Option<Organisation>,
    pub(super) contact: Option<Contact>,
    pub(super) footer_links: Vec<Link>,
    /// Where "Was this page helpful?" sends the reader.
    pub(super) feedback: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Organisation {
    pub(super) name: String,
    pub(super) href: Option<String>,
    pub(super) logo: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Contact {
    pub(super) phone: Option<String>,
    /// `tel:` address of the phone number, digits and `+` only.
    pub(super) phone_href: Option<String>,
    pub(super) hours: Option<String>,
    pub(super) page: Option<String>,
}

#[derive(Serialize)]
pub(super) struct Link {
    pub(super) text: String,
    pub(super) href: String,
}

pub(super) fn context(desk: &HelpDesk, lang: &str, root: &str) -> HelpDeskContext {
    let text = |values| for_language(values, lang).map(str::to_string);
    let address = |values| for_language(values, lang).map(|a| href(a, root));
    let organisation = text(&desk.organisation).map(|name| Organisation {
        name,
        href: address(&desk.organisation_url),
        logo: address(&desk.logo),
    });
    let phone = text(&desk.phone);
    let contact = Contact {
        phone_href: phone.as_deref().map(tel),
        phone,
        hours: text(&desk.hours),
        page: address(&desk.contact_page),
    };
    let has_contact = contact.phone.is_some() || contact.hours.is_some() || contact.page.is_some();
    HelpDeskContext {
        organisation,
        contact: has_contact.then_some(contact),
        footer_links: desk
            .footer_links
            .iter()
            .filter_map(|link| Some(Link { text: text(&link.text)?, href: address(&link.url)? }))
            .collect(),
        feedback: address(&desk.feedback),
    }
}

/// The "edit this page" address of a source file (from the site folder).
pub(super) fn edit_url(desk: &HelpDesk, source_from_site: &str) -> Option<String> {
    let pattern = desk.edit_link.as_deref()?;
    let path: String = source_from_site.split(['/', '\\']).map(percent_encoded).collect::<Vec<_>>().join("/");
    Some(if pattern.contains("{path}") { pattern.replace("{path}", &path) } else { format!("{pattern}{path}") })
}

/// A path segment for an address: unreserved characters kept, every other
/// byte of its UTF-8 written `%XX`.
fn percent_encoded(segment: &str) -> String {
    let mut out = String::with_capacity(segment.len());
    for byte in segment.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Addresses with a scheme stay as written; site paths get the page's root.
fn href(address: &str, root: &str) -> String {
    let has_scheme = address.find(':').is_some_and(|colon| !address[..colon].contains(['/', '?', '#']));
    if has_scheme { address.to_string() } else { format!("{root}{}", address.trim_start_matches('/')) }
}

fn tel(phone: &str) -> String {
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    format!("tel:{digits}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_paths_follow_the_page_and_addresses_stay() {
        assert_eq!(href("en/contact/", "../../"), "../../en/contact/");
        assert_eq!(href("/fr/contact/", "../"), "../fr/contact/");
        assert_eq!(href("https://x.org/a", "../"), "https://x.org/a");
        assert_eq!(href("mailto:aide@x.org", "../"), "mailto:aide@x.org");
        assert_eq!(tel("1 800 555-0100"), "tel:18005550100");
    }

    #[test]
    fn the_edit_link_names_the_source_file_encoded() {
        let desk =
            HelpDesk { edit_link: Some("https://git.example/help/edit/main/{path}".into()), ..HelpDesk::default() };
        assert_eq!(
            edit_url(&desk, "content/fr/dépannage/perte de téléphone.md").as_deref(),
            Some("https://git.example/help/edit/main/content/fr/d%C3%A9pannage/perte%20de%20t%C3%A9l%C3%A9phone.md")
        );
    }
}
