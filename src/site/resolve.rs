//! Stage 5: where one parsed source belongs — its language, its role
//! (article, category index, home), its address and its translation key —
//! checked by the path guard of [`crate::urls`].

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::config::Config;
use crate::load::discover::Discovered;
use crate::load::frontmatter::Parsed;
use crate::urls;

use super::paths;
use super::records::{Resolved, Role};

/// Language, role, URL and translation key of one parsed source; `None`
/// for drafts (unless asked for) and for files with errors.
pub(super) fn resolve(
    config: &Config,
    drafts: bool,
    discovered: Discovered,
    parsed: Parsed,
    problems: &mut Diagnostics,
) -> Option<Resolved> {
    let fm = &parsed.front_matter;
    let key_line = |key: &str| fm.key_lines.get(key).copied().unwrap_or(1);
    let lang = match &fm.lang {
        Some(lang) if config.language(lang).is_some() => lang.clone(),
        Some(lang) => {
            problems.push(
                Diagnostic::error(
                    &discovered.path,
                    key_line("lang"),
                    1,
                    format!("`lang: {lang}` is not one of the site's languages"),
                )
                .with_hint(format!(
                    "use one of: {}, or add `{lang}` to `languages` in site.yaml",
                    config.languages.iter().map(|l| l.code.as_str()).collect::<Vec<_>>().join(", ")
                )),
            );
            return None;
        }
        None => discovered.suffix_language.clone().unwrap_or_else(|| discovered.root_language.clone()),
    };
    if fm.draft && !drafts {
        return None;
    }
    let folders: Vec<String> = discovered
        .rel
        .parent()
        .map(|p| p.iter().map(|s| s.to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    let (folder_segments, own_segment) = paths::page_segments(&discovered, problems)?;
    let category = match &fm.category {
        Some(value) => match paths::category(value) {
            Ok(name) => Some(name),
            Err(reason) => {
                problems.push(
                    Diagnostic::error(
                        &discovered.path,
                        key_line("category"),
                        1,
                        format!("the category `{}` cannot be used: {reason}", paths::visible(value)),
                    )
                    .with_hint(
                        "write one folder name such as `signing-in`: letters, digits and dashes, no `/` or `..`",
                    ),
                );
                return None;
            }
        },
        None => folders.first().cloned(),
    };
    let is_folder_page = matches!(discovered.stem.as_str(), "_index" | "index" | "README");
    let role = match (is_folder_page, folders.len()) {
        (true, 0) => Role::Home,
        // A category folder's `_index.md`, `index.md` or `README.md` is the
        // category's own page (GitBook and Docusaurus write them so).
        (true, 1) => Role::CategoryIndex { name: folders[0].clone() },
        _ => Role::Article { category },
    };
    let slug = match &fm.slug {
        Some(slug) => match urls::slug_segments(slug) {
            Ok(slug) => Some(slug),
            Err(reason) => {
                problems.push(
                    Diagnostic::error(
                        &discovered.path,
                        key_line("slug"),
                        1,
                        format!("the slug `{}` cannot be used: {reason}", paths::visible(slug)),
                    )
                    .with_hint("write a slug such as `lost-phone`: letters, digits and dashes"),
                );
                return None;
            }
        },
        None => None,
    };
    let path = match (&fm.permalink, &role) {
        (_, Role::Home) => format!("{lang}/"),
        (Some(permalink), _) => match urls::permalink_to_path(permalink) {
            Ok(path) => path,
            Err(reason) => {
                problems.push(
                    Diagnostic::error(
                        &discovered.path,
                        key_line("permalink"),
                        1,
                        format!("the permalink `{}` cannot be used: {reason}", paths::visible(permalink)),
                    )
                    .with_hint("write a path inside the site, such as `/en/help/lost-phone/`"),
                );
                return None;
            }
        },
        (None, _) => {
            // A folder page (`_index.md`, `index.md`) names its folder; its
            // slug replaces the folder's last part.
            let mut segments = folder_segments;
            let own_name = if is_folder_page { segments.pop() } else { Some(own_segment) };
            match slug {
                Some((true, from_root)) => segments = from_root,
                Some((false, relative)) => segments.extend(relative),
                None => segments.extend(own_name),
            }
            let mut path = lang.clone();
            for segment in segments {
                path.push('/');
                path.push_str(&segment);
            }
            path.push('/');
            path
        }
    };
    let field_key = config
        .translation_key_field
        .as_ref()
        .and_then(|field| fm.extra.get(field))
        .and_then(|value| value.as_str().map(str::to_string).or_else(|| value.as_i64().map(|n| n.to_string())));
    let key = match (fm.translation_key.as_ref().or(field_key.as_ref()), &role) {
        (Some(key), _) => key.clone(),
        (None, Role::CategoryIndex { name }) => name.clone(),
        (None, Role::Home) => "_home".to_string(),
        (None, Role::Article { .. }) => {
            let mut key: Vec<String> = folders.clone();
            key.push(discovered.stem.clone());
            key.join("/")
        }
    };
    Some(Resolved { discovered, parsed, lang, role, path, key })
}
