#!/usr/bin/env python3
"""Check how a built bilingual site pairs its articles.

Usage: scripts/pairs.py OUTPUT_DIR [--from fr] [--to en] [--expect-pairs N]

--expect-pairs counts paired articles (category pages are reported apart).

For every article and category page of the --from language, reads
its <link rel="alternate" hreflang="TO"> and its language-switch link to TO.
A page is paired when both point at the same existing article page, whose own
alternate for FROM points back. Stand-ins (untranslated pages shown with a
notice: <meta name="robots" content="noindex">) are counted apart. Prints the
counts; exit code 1 on any inconsistency, or when --expect-pairs differs.
Standard library only.
"""
import argparse
import html.parser
import pathlib
import sys
import urllib.parse


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.kind = None
        self.noindex = False
        self.alternates = {}
        self.switch = {}
        self.in_switch = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            for cls in (a.get("class") or "").split():
                if cls.startswith("kind-"):
                    self.kind = cls[5:]
        elif tag == "meta" and a.get("name") == "robots" and "noindex" in (a.get("content") or ""):
            self.noindex = True
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href")
        elif tag == "nav" and "lang-switch" in (a.get("class") or ""):
            self.in_switch += 1
        elif tag == "a" and self.in_switch and a.get("hreflang"):
            self.switch[a["hreflang"]] = a.get("href")

    def handle_endtag(self, tag):
        if tag == "nav" and self.in_switch:
            self.in_switch -= 1


def parse(path):
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def site_path(root, page_file, href, base):
    """The output file an href points at: absolute (base_url) or relative."""
    if href is None:
        return None
    if base and href.startswith(base):
        target = root / urllib.parse.unquote(href[len(base):])
    else:
        target = (page_file.parent / urllib.parse.unquote(href)).resolve()
    if target.is_dir() or str(href).endswith("/"):
        target = target / "index.html"
    return target


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("output")
    parser.add_argument("--from", dest="source", default="fr")
    parser.add_argument("--to", dest="target", default="en")
    parser.add_argument("--expect-pairs", type=int)
    args = parser.parse_args()
    root = pathlib.Path(args.output).resolve()
    landing = parse(root / "index.html") if (root / "index.html").exists() else None
    base = None
    pairs = {"article": 0, "category": 0}
    stand_ins = unpaired = 0
    problems = []
    for page_file in sorted((root / args.source).rglob("index.html")):
        page = parse(page_file)
        if page.kind not in ("article", "category"):
            continue
        if page.noindex:
            stand_ins += 1
            continue
        alternate = page.alternates.get(args.target)
        switch = page.switch.get(args.target)
        if alternate is None:
            unpaired += 1
            continue
        if base is None:
            own = page.alternates.get(args.source, "")
            rel = page_file.parent.relative_to(root).as_posix() + "/"
            base = own[: len(own) - len(urllib.parse.quote(rel))] if own.endswith(urllib.parse.quote(rel)) else ""
        by_alternate = site_path(root, page_file, alternate, base)
        by_switch = site_path(root, page_file, switch, base)
        name = page_file.relative_to(root)
        if by_alternate is None or not by_alternate.exists():
            problems.append(f"{name}: hreflang={args.target} points at a missing page ({alternate})")
        elif by_switch != by_alternate:
            problems.append(f"{name}: the language switch ({switch}) and hreflang ({alternate}) disagree")
        else:
            twin = parse(by_alternate)
            back = site_path(root, by_alternate, twin.alternates.get(args.source), base)
            if back != page_file:
                problems.append(f"{name}: its {args.target} twin does not point back")
            else:
                pairs[page.kind] += 1
    print(
        f"{args.source}→{args.target}: {pairs['article']} paired articles and {pairs['category']} paired category pages, "
        f"{stand_ins} stand-ins for untranslated articles, {unpaired} without a translation"
    )
    for problem in problems[:20]:
        print("  " + problem, file=sys.stderr)
    if args.expect_pairs is not None and pairs["article"] != args.expect_pairs:
        print(f"  expected {args.expect_pairs} paired articles", file=sys.stderr)
        return 1
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
