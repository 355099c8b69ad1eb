//! The claims of what authors write: pages from source files, copied
//! files, category pages, stand-ins and old addresses, each with the file
//! and line where its address was chosen.

use super::{Claim, Claims, Kind, Place, page_name};
use crate::diagnostics::Diagnostics;
use crate::site::records::{Article, Asset, Category, Resolved, Role, shown};
use crate::site::redirects::Redirect;
use crate::urls;

impl Claims<'_> {
    pub(crate) fn add_asset(&mut self, asset: &Asset, problems: &mut Diagnostics) {
        let place = Place {
            file: asset.source.clone(),
            line: 0,
            subject: "this file, copied as is,".into(),
            hint: "rename this file (Phare writes `index.html` and `404.html` pages itself)".into(),
        };
        let name = format!("the file {}", shown(&self.config.site_dir, &asset.source));
        self.add(asset.output.clone(), name, Some(place), problems);
    }

    /// After assembly: category pages no source file wrote, stand-ins for
    /// missing translations, and old addresses.
    pub(crate) fn claim_assembled(
        &mut self,
        articles: &[Article],
        categories: &[Category],
        redirects: &[Redirect],
        problems: &mut Diagnostics,
    ) {
        let site_dir = &self.config.site_dir;
        for (index, category) in categories.iter().enumerate().filter(|(_, c)| c.source.is_none()) {
            let named_by = articles.iter().find(|a| a.fallback_of.is_none() && a.category == Some(index));
            let place = named_by.map(|article| match article.front_matter.category {
                Some(_) => Place {
                    file: article.source.clone(),
                    line: key_line(article, &["category"]),
                    subject: format!("the page of the category `{}` named here", category.name),
                    hint: "choose another `category`, or move what is at that address".into(),
                },
                None => Place {
                    file: article.source.clone(),
                    line: 1,
                    subject: format!("the page of this file's folder `{}`", category.name),
                    hint: "rename the folder, or move what is at that address".into(),
                },
            });
            let name = match named_by {
                Some(article) => {
                    format!("the page of the category `{}` of {}", category.name, shown(site_dir, &article.source))
                }
                None => format!("the page of the category `{}`", category.name),
            };
            self.add_page(&category.path, name, place, problems);
        }
        for article in articles {
            let Some(original) = article.fallback_of else { continue };
            let place = Place {
                file: articles[original].source.clone(),
                line: 1,
                subject: format!("the untranslated `{}` copy of this page", article.lang),
                hint: format!(
                    "translate it into `{}`, or set `missing_translation: omit` in its front matter",
                    article.lang
                ),
            };
            let name =
                format!("the untranslated `{}` copy of {}", article.lang, shown(site_dir, &articles[original].source));
            self.add_page(&article.path, name, Some(place), problems);
        }
        for redirect in redirects {
            let place = Place {
                file: redirect.source.clone(),
                line: redirect.line,
                subject: format!("the old address /{} listed here", redirect.from),
                hint: "remove this old address, or move what is at that address".into(),
            };
            let name = format!("the old address /{} of {}", redirect.from, shown(site_dir, &redirect.source));
            let claim = Claim {
                file: urls::output_file(&redirect.from),
                address: redirect.from.clone(),
                name,
                place: Some(place),
                home_of: None,
                kind: Kind::Redirect,
            };
            self.insert(claim, problems);
        }
    }
}

/// Homes, category pages and articles written from source files, before
/// anything is rendered.
pub(crate) fn claim_sources(claims: &mut Claims, resolved: &[Resolved], problems: &mut Diagnostics) {
    let site_dir = claims.config.site_dir.clone();
    for r in resolved {
        let fm = &r.parsed.front_matter;
        let file = r.discovered.path.clone();
        if r.role == Role::Home {
            let place = Place {
                file,
                line: 1,
                subject: "this home page".into(),
                hint: "a language has one home page: keep one of `_index.md`, `index.md` and `README.md`".into(),
            };
            claims.add_home(&r.lang, place, problems);
            continue;
        }
        let subject = match r.role {
            Role::CategoryIndex { .. } => "this category page",
            _ => "this page",
        };
        let (line, hint) = if fm.permalink.is_some() {
            (fm.key_lines.get("permalink").copied().unwrap_or(1), "choose another `permalink`")
        } else if fm.slug.is_some() {
            (fm.key_lines.get("slug").copied().unwrap_or(1), "choose another `slug`")
        } else {
            (1, "give this page a `slug`, or rename the file")
        };
        let place = Place { file, line, subject: subject.into(), hint: hint.into() };
        claims.add_page(&r.path, page_name(&site_dir, &r.discovered.path), Some(place), problems);
    }
}

/// The file line of the first of `keys` the article's front matter has.
fn key_line(article: &Article, keys: &[&str]) -> usize {
    keys.iter().find_map(|key| article.front_matter.key_lines.get(*key)).copied().unwrap_or(1)
}
