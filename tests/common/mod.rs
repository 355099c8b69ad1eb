//! Fixture sites for integration tests: a temp folder, files written into
//! it, a minimal test theme, a build through the library, and parsed HTML.
#![allow(dead_code)] // reason: each test file uses a different part of these helpers

use std::path::{Path, PathBuf};
use std::process::Output;

use phare::{BuildOptions, BuildReport, Diagnostic};
use scraper::{Html, Selector};

/// A deliberately plain theme: every value the pipeline hands templates is
/// printed in a predictable element, so tests can select it.
const TEST_THEME: &[(&str, &str)] = &[
    (
        "templates/article.html",
        r##"<!DOCTYPE html><html lang="{{ lang }}"><head><title>{{ page.title }}</title>{% for a in alternates %}<link rel="alternate" hreflang="{{ a.hreflang }}" href="{{ site.base_url }}{{ a.path }}">{% endfor %}{% if page.canonical %}<link rel="canonical" href="{{ page.canonical }}">{% endif %}</head><body>
<nav id="switch">{% for s in switch %}<a lang="{{ s.lang }}" href="{{ root }}{{ s.path }}">{{ s.name }}{% if s.note %} {{ s.note }}{% endif %}</a>{% endfor %}</nav>
{% if page.fallback %}<div id="fallback" data-lang="{{ page.fallback.lang }}"><p>{{ t(key="fallback-notice", language=page.fallback.language) }}</p><a href="{{ root }}{{ page.fallback.path }}">original</a></div><meta name="robots" content="noindex">{% endif %}
<nav id="crumbs">{% for b in breadcrumbs %}<a href="{{ root }}{{ b.path }}">{{ b.title }}</a>{% endfor %}</nav>
{{ sidebar | safe }}
<h1>{{ page.title }}</h1><p id="description">{{ page.description }}</p>
<p id="updated">{% if page.updated %}{{ page.updated.display }}{% endif %}</p>
<p id="layout">{% if page.extra.layout %}{{ page.extra.layout }}{% endif %}</p>
<ol id="toc">{% for e in page.toc %}<li data-level="{{ e.level }}"><a href="#{{ e.id }}">{{ e.title }}</a></li>{% endfor %}</ol>
<main{% if page.fallback %} lang="{{ page.fallback.lang }}"{% endif %}>{{ page.content | safe }}</main>
{% if prev %}<a id="prev" href="{{ root }}{{ prev.path }}">{{ prev.title }}</a>{% endif %}{% if next %}<a id="next" href="{{ root }}{{ next.path }}">{{ next.title }}</a>{% endif %}
</body></html>"##,
    ),
    (
        "templates/category.html",
        r##"<!DOCTYPE html><html lang="{{ lang }}"><head><title>{{ page.title }}</title></head><body>
<nav id="switch">{% for s in switch %}<a lang="{{ s.lang }}" href="{{ root }}{{ s.path }}">{{ s.name }}</a>{% endfor %}</nav>
{{ sidebar | safe }}<h1>{{ category.title }}</h1><p id="count">{{ t(key="category-article-count", count=category.count) }}</p>
<ul id="articles">{% for a in category.articles %}<li{% if a.lang %} lang="{{ a.lang }}"{% endif %}><a href="{{ root }}{{ a.path }}">{{ a.title }}</a><p>{{ a.description }}</p></li>{% endfor %}</ul>
</body></html>"##,
    ),
    (
        "templates/home.html",
        r##"<!DOCTYPE html><html lang="{{ lang }}"><head><title>{{ site.title }}</title></head><body><h1>{{ page.title }}</h1>
<ul id="categories">{% for c in categories %}<li><a href="{{ root }}{{ c.path }}">{{ c.title }}</a></li>{% endfor %}</ul>
<ul id="loose">{% for a in articles %}<li><a href="{{ root }}{{ a.path }}">{{ a.title }}</a></li>{% endfor %}</ul>
</body></html>"##,
    ),
    (
        "templates/landing.html",
        r##"<!DOCTYPE html><html lang="{{ lang }}"><head><title>{{ page.title }}</title></head><body>
{% for l in languages %}<section lang="{{ l.code }}"><h2>{{ l.title }}</h2><a href="{{ root }}{{ l.home_path }}">{{ l.enter }}</a></section>{% endfor %}
</body></html>"##,
    ),
    (
        "templates/404.html",
        r##"<!DOCTYPE html><html lang="{{ lang }}"><head><title>404</title></head><body><h1>{{ t(key="not-found-title") }}</h1><a id="home" href="{{ root }}{{ home_path }}">home</a></body></html>"##,
    ),
    (
        "templates/sidebar.html",
        r##"<nav id="sidebar">{% for a in category.articles %}<a href="{{ root }}{{ a.path }}">{{ a.title }}</a>{% endfor %}</nav>"##,
    ),
    ("static/test.css", "body { color: black }"),
];

pub struct Fixture {
    pub dir: tempfile::TempDir,
}

impl Fixture {
    /// An empty site using the test theme.
    pub fn new(site_yaml: &str) -> Fixture {
        let fixture = Fixture::bare();
        fixture.write("site.yaml", &format!("theme: test\n{site_yaml}"));
        for (path, text) in TEST_THEME {
            fixture.write(&format!("themes/test/{path}"), text);
        }
        fixture
    }

    /// A folder with nothing in it: the caller writes everything.
    pub fn bare() -> Fixture {
        Fixture { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Fixture {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Fixture {
        let path = self.dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn output(&self) -> PathBuf {
        self.dir.path().join("out")
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions { site_dir: self.path().to_path_buf(), output_dir: Some(self.output()), ..Default::default() }
    }

    pub fn build(&self) -> BuildReport {
        self.build_with(self.options())
    }

    pub fn build_with(&self, options: BuildOptions) -> BuildReport {
        match phare::build(&options, false) {
            Ok(report) => report,
            Err(failure) => panic!("build failed:\n{}", render(&failure.diagnostics)),
        }
    }

    pub fn build_fails(&self) -> Vec<Diagnostic> {
        match phare::build(&self.options(), false) {
            Ok(_) => panic!("the build was expected to fail"),
            Err(failure) => failure.diagnostics,
        }
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.output().join(rel).exists()
    }

    pub fn page(&self, rel: &str) -> Page {
        let path = self.output().join(rel);
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        Page { html: Html::parse_document(&text), text }
    }
}

pub fn render(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
}

pub struct Page {
    pub html: Html,
    pub text: String,
}

impl Page {
    pub fn all(&self, css: &str) -> Vec<scraper::ElementRef<'_>> {
        let selector = Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"));
        self.html.select(&selector).collect()
    }

    pub fn one(&self, css: &str) -> scraper::ElementRef<'_> {
        let found = self.all(css);
        assert_eq!(found.len(), 1, "expected one `{css}`, found {}:\n{}", found.len(), self.text);
        found[0]
    }

    pub fn text_of(&self, css: &str) -> String {
        self.one(css).text().collect::<String>().trim().to_string()
    }

    pub fn texts(&self, css: &str) -> Vec<String> {
        self.all(css).iter().map(|e| e.text().collect::<String>().trim().to_string()).collect()
    }

    pub fn attr(&self, css: &str, name: &str) -> String {
        self.one(css).value().attr(name).unwrap_or_else(|| panic!("`{css}` has no {name}")).to_string()
    }

    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.all(css).iter().filter_map(|e| e.value().attr(name).map(str::to_string)).collect()
    }

    pub fn lang(&self) -> String {
        self.attr("html", "lang")
    }
}

/// An article with front matter.
pub fn article(front_matter: &str, body: &str) -> String {
    format!("---\n{front_matter}\n---\n{body}")
}

/// Runs the `phare` binary as `command` describes (arguments, folder,
/// environment) with no input, its output captured through files in `logs`
/// (pipes could fill and block it), and kills it after `timeout` so a hang
/// fails the test instead of stalling the suite.
pub fn run_with_timeout(mut command: std::process::Command, logs: &Path, timeout: std::time::Duration) -> Output {
    use std::fs::File;
    use std::process::Stdio;
    let stdout = logs.join("stdout");
    let stderr = logs.join("stderr");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(File::create(&stdout).unwrap())
        .stderr(File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > timeout {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("{command:?} did not finish within {timeout:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output { status, stdout: std::fs::read(stdout).unwrap(), stderr: std::fs::read(stderr).unwrap() }
}

/// Each diagnostic of Phare's rustc-style output (`error: message` then
/// ` --> path:line:col`) as one line, `path:line:col: error: message`, for
/// tests that look for a problem at a place.
pub fn one_line_each(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .filter_map(|pair| {
            let location = pair[1].trim_start().strip_prefix("--> ")?;
            let (severity, message) = pair[0].split_once(": ")?;
            matches!(severity, "error" | "warning").then(|| format!("{location}: {severity}: {message}"))
        })
        .collect()
}
