//! What templates receive: the context of each page and of the side
//! navigation. Plain data, serialized for Tera.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::markdown::TocEntry;

#[derive(Serialize)]
pub(super) struct PageContext<'a> {
    pub(super) lang: &'a str,
    pub(super) root: String,
    /// The language's home, from the site root.
    pub(super) home_path: String,
    pub(super) site: SiteContext<'a>,
    pub(super) page: PageInfo<'a>,
    pub(super) alternates: Vec<Alternate>,
    pub(super) switch: Vec<Switch>,
    pub(super) languages: &'a [LandingLanguage],
    pub(super) breadcrumbs: Vec<Crumb>,
    /// Lets templates test for a sidebar without Tera escaping the whole
    /// fragment to evaluate `{% if sidebar %}`.
    pub(super) has_sidebar: bool,
    pub(super) sidebar: String,
    pub(super) category: Option<CategoryInfo<'a>>,
    pub(super) categories: Vec<CategoryCard<'a>>,
    pub(super) articles: Vec<Listed<'a>>,
    /// Home page: the articles the site puts forward (`popular:`).
    pub(super) popular: Vec<Listed<'a>>,
    pub(super) prev: Option<Link<'a>>,
    pub(super) next: Option<Link<'a>>,
    /// Organisation, contact, footer links and feedback (`site.yaml`).
    pub(super) help_desk: super::help_desk::HelpDeskContext,
    /// Where the search field sends queries and finds indexes; `None`
    /// with `search: false`.
    pub(super) search: Option<SearchLinks>,
}

/// Paths from the site root (join them with `root`).
#[derive(Serialize)]
pub(super) struct SearchLinks {
    pub(super) results_path: String,
    pub(super) meta_path: String,
    /// The other languages' indexes, for "no results here, some there".
    pub(super) other: Vec<SearchLanguage>,
}

#[derive(Serialize)]
pub(super) struct SearchLanguage {
    pub(super) lang: String,
    pub(super) name: String,
    pub(super) meta_path: String,
    pub(super) results_path: String,
}

#[derive(Serialize)]
pub(super) struct SiteContext<'a> {
    pub(super) title: String,
    pub(super) base_url: &'a str,
}

#[derive(Serialize)]
pub(super) struct PageInfo<'a> {
    pub(super) kind: &'static str,
    pub(super) title: String,
    pub(super) description: String,
    /// The description as the writer wrote it: empty when `description`
    /// was drawn from the body's first paragraph, which the page already
    /// shows (the theme's lead would repeat it).
    pub(super) lead: String,
    pub(super) path: String,
    pub(super) canonical: String,
    pub(super) updated: Option<Updated>,
    pub(super) tags: &'a [String],
    pub(super) toc: &'a [TocEntry],
    pub(super) content: &'a str,
    pub(super) extra: Option<&'a BTreeMap<String, serde_json::Value>>,
    pub(super) fallback: Option<Fallback>,
    /// "Edit this page" in the source repository (`edit_link:`).
    pub(super) edit_url: Option<String>,
    /// Set on a translation whose source changed after it (and
    /// `outdated_translation: notice`).
    pub(super) outdated: Option<Outdated>,
}

#[derive(Serialize)]
pub(super) struct Outdated {
    /// The notice's words, from the UI strings.
    pub(super) notice: String,
    pub(super) link: String,
    pub(super) source_lang: String,
    pub(super) source_path: String,
    /// When the source last changed: `{iso, display}`.
    pub(super) updated: Updated,
}

#[derive(Serialize)]
pub(super) struct Updated {
    pub(super) iso: String,
    pub(super) display: String,
}

#[derive(Serialize)]
pub(super) struct Alternate {
    pub(super) lang: String,
    pub(super) hreflang: String,
    pub(super) name: String,
    pub(super) path: String,
}

#[derive(Serialize)]
pub(super) struct Switch {
    pub(super) lang: String,
    pub(super) name: String,
    pub(super) path: String,
    /// Said in the target language when it is not this page's translation.
    pub(super) note: String,
}

/// One language's version of a page.
pub(super) struct Version {
    pub(super) path: String,
    pub(super) stand_in: bool,
}

/// On a stand-in page: the original's language and address.
#[derive(Serialize)]
pub(super) struct Fallback {
    pub(super) lang: String,
    /// The original's language, named in the page's language.
    pub(super) language: String,
    pub(super) path: String,
}

#[derive(Serialize)]
pub(super) struct LandingLanguage {
    pub(super) code: String,
    pub(super) name: String,
    pub(super) title: String,
    pub(super) home_path: String,
    pub(super) welcome: String,
    pub(super) enter: String,
}

#[derive(Serialize)]
pub(super) struct Crumb {
    pub(super) title: String,
    pub(super) path: String,
}

#[derive(Serialize)]
pub(super) struct Link<'a> {
    pub(super) title: &'a str,
    pub(super) path: &'a str,
    /// The text's language when it differs from the page's (stand-ins).
    pub(super) lang: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct Listed<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) path: &'a str,
    pub(super) lang: Option<&'a str>,
    /// 0 for a top-level article, 1 for its children…
    pub(super) depth: usize,
}

#[derive(Serialize)]
pub(super) struct CategoryInfo<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) path: &'a str,
    pub(super) count: usize,
    pub(super) articles: Vec<Listed<'a>>,
}

#[derive(Serialize)]
pub(super) struct CategoryCard<'a> {
    pub(super) title: &'a str,
    pub(super) description: &'a str,
    pub(super) path: &'a str,
    pub(super) count: usize,
    pub(super) articles: Vec<Link<'a>>,
}

#[derive(Serialize)]
pub(super) struct SidebarContext<'a> {
    pub(super) lang: &'a str,
    pub(super) root: &'a str,
    pub(super) home_path: String,
    pub(super) category: SidebarCategory<'a>,
    pub(super) categories: Vec<SidebarEntry<'a>>,
}

#[derive(Serialize)]
pub(super) struct SidebarCategory<'a> {
    pub(super) title: &'a str,
    pub(super) path: &'a str,
    pub(super) articles: Vec<NavItem<'a>>,
    /// In a long category, which of its articles these are.
    pub(super) window: Option<SidebarWindow>,
}

/// Articles `from`–`to` (1-based, top-level) of `total`.
#[derive(Serialize)]
pub(super) struct SidebarWindow {
    pub(super) from: usize,
    pub(super) to: usize,
    pub(super) total: usize,
    pub(super) before: bool,
    pub(super) after: bool,
}

/// An article in the side navigation, with its children nested.
#[derive(Serialize)]
pub(super) struct NavItem<'a> {
    pub(super) title: &'a str,
    pub(super) path: &'a str,
    pub(super) lang: Option<&'a str>,
    pub(super) children: Vec<NavItem<'a>>,
}

#[derive(Serialize)]
pub(super) struct SidebarEntry<'a> {
    pub(super) title: &'a str,
    pub(super) path: &'a str,
    pub(super) current: bool,
}
