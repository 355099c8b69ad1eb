#!/usr/bin/env python3
"""Report dialect syntax left as text in a built site.

Usage: scripts/leftovers.py OUTPUT_DIR [--lang-pages-only]

Reads every .html file under OUTPUT_DIR, extracts the text a reader sees
(outside <code>, <pre>, <script>, <style>) and the raw markup of the page
body, and reports any of: {%  %}  {{  :::  \\{#  {/*  import … from
mdx-code-block  {:  with the file and a snippet. Exit code 1 when any is
found. Standard library only.
"""
import html.parser
import pathlib
import re
import sys

PATTERNS = [
    ("{%", re.compile(r"\{%")),
    ("%}", re.compile(r"%\}")),
    ("{{", re.compile(r"\{\{")),
    (":::", re.compile(r":::")),
    ("\\{#", re.compile(r"\\\{#")),
    ("{/*", re.compile(r"\{/\*")),
    ("import", re.compile(r"^\s*import\s+\S.*\bfrom\b", re.M)),
    ("mdx-code-block", re.compile(r"mdx-code-block")),
    ("{:", re.compile(r"\{:")),
]
SKIP = {"code", "pre", "script", "style"}


class TextOf(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in SKIP and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def main():
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = pathlib.Path(sys.argv[1])
    found = 0
    pages = 0
    for page in sorted(root.rglob("*.html")):
        pages += 1
        parser = TextOf()
        parser.feed(page.read_text(encoding="utf-8"))
        text = "".join(parser.parts)
        for name, pattern in PATTERNS:
            for match in pattern.finditer(text):
                found += 1
                start = max(0, match.start() - 40)
                snippet = text[start : match.end() + 40].replace("\n", " ")
                print(f"{page.relative_to(root)}: leftover `{name}`: …{snippet}…")
    print(f"{pages} pages checked, {found} leftover(s)", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
