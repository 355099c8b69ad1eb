use super::*;

#[test]
fn permalinks_become_site_paths() {
    assert_eq!(permalink_to_path("/fr/aide/perte/").unwrap(), "fr/aide/perte/");
    assert_eq!(permalink_to_path("en/help").unwrap(), "en/help/");
    assert_eq!(permalink_to_path("/old/page.html").unwrap(), "old/page.html");
}

#[test]
fn permalinks_leaving_the_site_are_refused() {
    for bad in [
        "../../etc",
        "/en/../../etc/",
        "%2e%2e/%2e%2e/etc",
        "/a/%2E%2E/b",
        "C:/Windows",
        "\\\\server\\x",
        "//evil.example/x",
        "https://x.org/a",
        "/a/\0/b",
    ] {
        assert!(permalink_to_path(bad).is_err(), "{bad} was accepted");
    }
}

#[test]
fn padded_and_look_alike_climbs_and_blank_folders_are_refused() {
    for bad in [
        "/en/ ../ ../ ../x/",
        "/ /tmp/phare-abs/",
        "/\u{a0}/tmp/x/",
        " %2e%2e %2f",
        "/en/\u{a0}..\u{a0}/x/",
        "/en/\u{3000}..\u{2003}/x/",
        "/en/..\u{200b}/x/",
        "/en/\u{ff0e}\u{ff0e}/x/",
        "/en/\u{2025}/x/",
        "/en/.../x/",
        "/en/. ./x/",
        "/en/%2e%2E/x/",
        "/en/%5c../x/",
        "/en/\t/x/",
        "/en/c:x/",
        "/ /",
    ] {
        assert!(permalink_to_path(bad).is_err(), "{bad:?} was accepted");
    }
    assert_eq!(permalink_to_path(" /en/ a b /c ").unwrap(), "en/a-b/c/");
    assert_eq!(permalink_to_path("/en//a/").unwrap(), "en/a/");
    assert_eq!(permalink_to_path("/").unwrap(), "");
}

#[test]
fn names_are_single_plain_segments() {
    assert_eq!(name_to_segment(" Signing in ").unwrap(), "Signing-in");
    assert_eq!(name_to_segment("100%").unwrap(), "100%25");
    for bad in ["..", " .. ", "\u{a0}..", "", "  ", "a/b", "a\\b", "\u{ff0e}", "x\0", "C:", "\t"] {
        assert!(name_to_segment(bad).is_err(), "{bad:?} was accepted");
    }
}

#[test]
fn contained_paths_are_relative_and_plain() {
    for good in ["", "en/", "en/a/index.html", "robots.txt", "en/a b/"] {
        assert!(is_contained_relative(good), "{good:?} was refused");
    }
    for bad in ["/", "/etc/x", "..", "en/../x", "en/./x", "en//x", "en/ ../x", "C:/x", "a\\..\\b", "en/\0/"] {
        assert!(!is_contained_relative(bad), "{bad:?} was accepted");
    }
}

/// A fixed-seed generator (SplitMix64): the same thousands of cases on
/// every run, so a failure is reproducible.
struct Cases(u64);

impl Cases {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Up to 12 pieces of path-like text.
    fn text(&mut self) -> String {
        const PIECES: &[&str] = &[
            ".",
            "..",
            "/",
            "/",
            "%2e",
            "%2E",
            "%2f",
            "%2F",
            "%5c",
            "%5C",
            "%00",
            "%",
            "%%",
            " ",
            "  ",
            "\t",
            "\\",
            ":",
            "C",
            "c:",
            "a",
            "b",
            "é",
            "e\u{301}",
            "\u{a0}",
            "\u{3000}",
            "\u{2003}",
            "\u{200b}",
            "\u{feff}",
            "\u{ff0e}",
            "\u{2024}",
            "\u{2025}",
            "\0",
            "\n",
            "//",
            ".html",
            "index.html",
            "~",
            "#",
            "?",
            "en",
            "-",
            "%20",
            "%c2%a0",
            "%e3%80%80",
            "%ef%bc%8e",
        ];
        let length = self.next() % 13;
        (0..length).map(|_| PIECES[(self.next() % PIECES.len() as u64) as usize]).collect()
    }
}

/// `rel` joined to a base, with `..` applied as a file system would,
/// still inside the base.
fn stays_under(rel: &str) -> bool {
    let base = Path::new("/srv/site/public");
    let mut joined = std::path::PathBuf::new();
    for component in base.join(rel).components() {
        match component {
            Component::ParentDir => {
                joined.pop();
            }
            Component::CurDir => {}
            other => joined.push(other),
        }
    }
    joined.starts_with(base)
}

fn assert_contained(input: &str, output: &str) {
    assert!(is_contained_relative(output), "{input:?} gave {output:?}, which is not contained");
    assert!(Path::new(output).is_relative(), "{input:?} gave the rooted {output:?}");
    assert!(
        Path::new(output).components().all(|c| matches!(c, Component::Normal(_))),
        "{input:?} gave {output:?}, which has a component other than a name"
    );
    assert!(stays_under(output), "{input:?} gave {output:?}, which leaves the folder");
}

#[test]
fn every_accepted_path_stays_inside_the_folder() {
    let mut cases = Cases(0x5EED);
    let (mut accepted, mut refused) = (0, 0);
    for _ in 0..60_000 {
        let input = cases.text();
        match permalink_to_path(&input) {
            Ok(path) => {
                accepted += 1;
                assert_contained(&input, &path);
            }
            Err(_) => refused += 1,
        }
        if let Ok((_, segments)) = slug_segments(&input) {
            assert!(!segments.is_empty(), "{input:?} gave no segments");
            for segment in segments {
                assert!(!segment.contains('/'), "{input:?} gave the segment {segment:?}");
                assert_contained(&input, &segment);
            }
        }
        if let Ok(segment) = name_to_segment(&input) {
            assert!(!segment.contains('/'), "{input:?} gave the name {segment:?}");
            assert_contained(&input, &segment);
        }
        assert_eq!(is_contained_relative(&input), is_contained_relative(&input) && stays_under(&input));
    }
    // Both sides must be well exercised for the check to mean anything.
    assert!(accepted > 5_000 && refused > 5_000, "accepted {accepted}, refused {refused}");
}

#[test]
fn slugs_are_relative_to_the_folder_unless_they_start_with_a_slash() {
    assert_eq!(slug_segments("perte de téléphone").unwrap(), (false, vec!["perte-de-téléphone".to_string()]));
    assert_eq!(slug_segments("/get-started").unwrap(), (true, vec!["get-started".to_string()]));
    assert_eq!(slug_segments("guides/start").unwrap(), (false, vec!["guides".to_string(), "start".to_string()]));
    for bad in ["../x", "..", "%2e%2e", "a\\b", "", "/"] {
        assert!(slug_segments(bad).is_err(), "{bad} was accepted");
    }
}

#[test]
fn root_prefix_climbs_one_level_per_folder() {
    assert_eq!(root_prefix(""), "");
    assert_eq!(root_prefix("en/"), "../");
    assert_eq!(root_prefix("en/a/b/"), "../../../");
    assert_eq!(root_prefix("old/page.html"), "../");
    assert_eq!(root_prefix("404.html"), "");
}

#[test]
fn external_links_are_recognised() {
    assert!(is_external("https://x.org"));
    assert!(is_external("mailto:a@b.c"));
    assert!(is_external("//cdn.example"));
    assert!(!is_external("../a.md"));
    assert!(!is_external("a/b:c.md"));
    assert!(!is_external("#top"));
}
