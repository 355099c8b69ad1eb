#!/usr/bin/env python3
"""Check that a built site lost nothing its sources had.

Usage: scripts/loss.py NAME OUTPUT_DIR BUILD_LOG [SOURCE_DIR ...]

Reads every .html page under OUTPUT_DIR and checks:
- every <a href>, <img src>, <link href>, <source src> that stays inside the
  site resolves to a built file, or was reported by the build as a warning
  with its source line (the destination appears in a `warning:` … `--> file:line:col`
  line of BUILD_LOG);
- every image file under the SOURCE_DIRs (dot folders such as
  `.gitbook/assets` included) exists in the output, by name and size;
- no page has two <h1>, a skipped heading level (an <h4> right under an
  <h2>) or an id given twice.

Prints one table row (pages, links checked, broken links reported, images
copied, warnings by kind) to stdout and each problem to stderr. Exit code 1
on any unreported broken link, lost image, second <h1>, skipped level or
repeated id. Standard library only; one pass over each page.
"""
import collections
import html.parser
import os
import pathlib
import re
import sys
import urllib.parse

IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico", ".bmp"}
LINKING = {("a", "href"), ("img", "src"), ("link", "href"), ("source", "src"), ("video", "src")}
# Phare prints each problem rustc-style: `warning: message`, then
# ` --> file:line:col` on the next line.
WARNING = re.compile(r"^warning: (?P<message>.*)$")
LOCATION = re.compile(r"^\s*--> (?P<file>.+?):(?P<line>\d+):(?P<column>\d+)$")


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = []
        self.headings = []
        # Live-reload or theme scripts are not content; SVG sprites may use
        # their own ids, but those count too: an id is page-wide.

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if (tag, name) in LINKING and value is not None:
                self.links.append((tag, value))
            if name == "id" and value is not None:
                self.ids.append(value)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.headings.append(int(tag[1]))
        _ = values

    handle_startendtag = handle_starttag


def is_external(url):
    lowered = url.strip().lower()
    return (
        not lowered
        or lowered.startswith("#")
        or lowered.startswith("//")
        or re.match(r"^[a-z][a-z0-9+.-]*:", lowered) is not None
    )


def target_file(root, page, url):
    """The output file a relative or root-absolute URL leads to, or None
    when it leaves the output folder."""
    path = urllib.parse.unquote(url.split("#", 1)[0].split("?", 1)[0])
    if path.startswith("/"):
        joined = root / path.lstrip("/")
    else:
        joined = page.parent / path
    resolved = pathlib.Path(os.path.normpath(joined))
    try:
        resolved.relative_to(root)
    except ValueError:
        return None
    return resolved


def exists(target):
    if target is None:
        return False
    if target.is_file():
        return True
    return target.is_dir() and (target / "index.html").is_file()


def tail(url):
    """The part of a destination that survives rewriting: `../../a/b/` and
    `/a/b` and `a/b` all end in `a/b`."""
    path = urllib.parse.unquote(url.split("#", 1)[0].split("?", 1)[0]).strip()
    while path.startswith("../") or path.startswith("./"):
        path = path[3:] if path.startswith("../") else path[2:]
    return path.strip("/")


def warnings_of(log):
    """Warning lines of the build, and the destinations they name."""
    kinds = collections.Counter()
    named = set()
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    for line, following in zip(lines, lines[1:] + [""]):
        match = WARNING.match(line)
        if not match or not LOCATION.match(following):
            continue
        message = match.group("message")
        kind = re.sub(r"`[^`]*`", "…", message)
        kind = re.sub(r"(?<= )/\S*/(?=[ ,:;]|$)", "…", kind)
        kinds[kind] += 1
        for quoted in re.findall(r"`([^`]*)`", message):
            named.add(tail(quoted))
    return kinds, named


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    name, root, log = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), pathlib.Path(sys.argv[3])
    sources = [pathlib.Path(s) for s in sys.argv[4:]]
    kinds, named = warnings_of(log)
    problems = []
    pages = links_checked = broken_reported = 0
    built_files = collections.defaultdict(set)
    for dirpath, _, files in os.walk(root):
        for file in files:
            path = pathlib.Path(dirpath) / file
            built_files[file].add(path.stat().st_size)
    for page in sorted(root.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in text:
            continue  # an old address sending readers on
        pages += 1
        parser = Page()
        parser.feed(text)
        shown = page.relative_to(root)
        for tag, url in parser.links:
            if is_external(url):
                continue
            links_checked += 1
            if exists(target_file(root, page, url)):
                continue
            if tail(url) in named:
                broken_reported += 1
            else:
                problems.append(f"{shown}: <{tag}> `{url}` leads to no built file and no warning names it")
        h1 = parser.headings.count(1)
        if h1 > 1:
            problems.append(f"{shown}: {h1} <h1> headings")
        previous = 0
        for level in parser.headings:
            if previous and level > previous + 1:
                problems.append(f"{shown}: <h{level}> right under <h{previous}> (a level skipped)")
                break
            previous = level
        repeated = [i for i, n in collections.Counter(parser.ids).items() if n > 1]
        if repeated:
            problems.append(f"{shown}: id given more than once: {', '.join(sorted(repeated)[:5])}")
    images = copied = 0
    for source in sources:
        for dirpath, _, files in os.walk(source):
            for file in files:
                path = pathlib.Path(dirpath) / file
                if path.suffix.lower() not in IMAGE_EXTENSIONS:
                    continue
                images += 1
                if path.stat().st_size in built_files.get(file, ()):
                    copied += 1
                else:
                    problems.append(f"{path}: image not in the output")
    for problem in problems:
        print(f"{name}: {problem}", file=sys.stderr)
    print(
        f"| {name} | {pages} | {links_checked} | {broken_reported} | {copied}/{images} "
        f"| {sum(kinds.values())} | {len(problems)} |"
    )
    for kind, count in kinds.most_common():
        print(f"|   | {count} × {kind} | | | | | |")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
