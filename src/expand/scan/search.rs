//! Searches for closers that stay linear however many openers are left
//! unclosed. A scanner asks "where is the next `%}`?" once per `{%`; with a
//! plain `find` each unclosed opener would rescan the rest of the text, so
//! 400 KB of `{% ` took quadratic time. Here every kind of closer is
//! located once per text (a sorted list of offsets, then a binary search
//! per question), and the ends of HTML/JSX tags are remembered position by
//! position, so no byte is examined again for the same question.

use std::cell::{Cell, OnceCell, RefCell};
use std::collections::HashMap;

/// Where something starts, and where it ends or what follows it.
type Span = (usize, usize);

/// The answers about one text; the text itself is passed to each call.
#[derive(Default)]
pub(super) struct Search {
    /// Offsets of each fixed needle (ASCII, case-sensitive or not).
    needles: RefCell<HashMap<(&'static str, bool), Vec<usize>>>,
    /// `</Name>` closing tags: name → offsets.
    closing_tags: OnceCell<HashMap<String, Vec<usize>>>,
    /// Backtick runs: length → start offsets.
    backtick_runs: OnceCell<HashMap<usize, Vec<usize>>>,
    tag_ends: RefCell<Option<TagEnds>>,
    /// First Liquid tag of a name reached from each `{%`: (name, `{%`) → (start, offset after).
    liquid_tags: RefCell<HashMap<(&'static str, usize), Option<Span>>>,
    /// Bytes examined, so tests can check the work grows linearly.
    work: Cell<usize>,
}

impl Search {
    /// Offset of the first `needle` starting at or after `from`.
    pub(super) fn next(&self, text: &str, needle: &'static str, from: usize) -> Option<usize> {
        self.next_in(text, needle, false, from)
    }

    /// Like [`Search::next`], ignoring ASCII case (`</Summary>`).
    pub(super) fn next_ignoring_case(&self, text: &str, needle: &'static str, from: usize) -> Option<usize> {
        self.next_in(text, needle, true, from)
    }

    fn next_in(&self, text: &str, needle: &'static str, ignore_case: bool, from: usize) -> Option<usize> {
        let mut needles = self.needles.borrow_mut();
        let offsets = needles.entry((needle, ignore_case)).or_insert_with(|| {
            self.count(text.len());
            occurrences(text.as_bytes(), needle.as_bytes(), ignore_case)
        });
        self.count(1);
        first_at_or_after(offsets, from)
    }

    /// Offset of the first `</name>` at or after `from`.
    pub(super) fn next_closing_tag(&self, text: &str, name: &str, from: usize) -> Option<usize> {
        let tags = self.closing_tags.get_or_init(|| {
            self.count(text.len());
            closing_tags(text)
        });
        self.count(1);
        first_at_or_after(tags.get(name)?, from)
    }

    /// Start of the first run of exactly `length` backticks that starts in
    /// `from..before` (CommonMark closes a code span with a run of the
    /// same length, never a longer one).
    pub(super) fn next_backtick_run(&self, text: &str, length: usize, from: usize, before: usize) -> Option<usize> {
        let runs = self.backtick_runs.get_or_init(|| {
            self.count(text.len());
            backtick_runs(text.as_bytes())
        });
        self.count(1);
        first_at_or_after(runs.get(&length)?, from).filter(|start| *start < before)
    }

    /// Offset just past the `>` ending the tag whose `<` is at `start`; see
    /// [`super::super::attrs::tag_end`] for the rules, which this follows
    /// exactly while remembering what every walk found.
    pub(super) fn tag_end(&self, text: &str, start: usize) -> Option<usize> {
        let mut tag_ends = self.tag_ends.borrow_mut();
        let tag_ends = tag_ends.get_or_insert_with(|| {
            self.count(text.len());
            TagEnds::new(text.as_bytes())
        });
        tag_ends.end(text.as_bytes(), start, &self.work)
    }

    /// The next Liquid tag at or after `from`: its `{%` and its `%}`. A
    /// `{%` followed by another `{%` before any `%}` is not a tag.
    pub(super) fn next_liquid_tag(&self, text: &str, from: usize) -> Option<(usize, usize)> {
        let start = self.next(text, "{%", from)?;
        self.liquid_tag_at(text, start)
    }

    /// The tag at the `{%` at `start`, or the next one if that is no tag.
    fn liquid_tag_at(&self, text: &str, mut start: usize) -> Option<(usize, usize)> {
        loop {
            let close = self.next(text, "%}", start + 2)?;
            match self.next(text, "{%", start + 2) {
                Some(next) if next < close => start = next,
                _ => return Some((start, close)),
            }
        }
    }

    /// The first `{% name %}` at or after `from`: its start and the offset
    /// after it. Walks from every `{%` are remembered per name, so asking
    /// from each of many unclosed `{% capture %}` costs no rescan.
    pub(super) fn liquid_tag_named(&self, text: &str, from: usize, name: &'static str) -> Option<(usize, usize)> {
        let mut walked = Vec::new();
        let mut next = self.next(text, "{%", from);
        let answer = loop {
            let Some(start) = next else { break None };
            if let Some(known) = self.liquid_tags.borrow().get(&(name, start)) {
                break *known;
            }
            walked.push(start);
            let Some((start, close)) = self.liquid_tag_at(text, start) else { break None };
            walked.push(start);
            self.count(close - start);
            if text[start + 2..close].trim().trim_matches('-').trim() == name {
                break Some((start, close + 2));
            }
            next = self.next(text, "{%", close + 2);
        };
        let mut known = self.liquid_tags.borrow_mut();
        for start in walked {
            known.insert((name, start), answer);
        }
        answer
    }

    fn count(&self, bytes: usize) {
        self.work.set(self.work.get() + bytes);
    }

    #[cfg(test)]
    pub(super) fn work(&self) -> usize {
        self.work.get()
    }
}

fn first_at_or_after(sorted: &[usize], from: usize) -> Option<usize> {
    sorted.get(sorted.partition_point(|offset| *offset < from)).copied()
}

/// Every offset where `needle` starts, overlapping ones included (`}}}`
/// holds `}}` at two offsets, as `str::find` from each would say).
fn occurrences(haystack: &[u8], needle: &[u8], ignore_case: bool) -> Vec<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return Vec::new();
    }
    let first = needle[0];
    (0..=haystack.len() - needle.len())
        .filter(|&i| {
            let byte = haystack[i];
            let starts = if ignore_case { byte.eq_ignore_ascii_case(&first) } else { byte == first };
            starts && {
                let window = &haystack[i..i + needle.len()];
                if ignore_case { window.eq_ignore_ascii_case(needle) } else { window == needle }
            }
        })
        .collect()
}

fn closing_tags(text: &str) -> HashMap<String, Vec<usize>> {
    let mut tags: HashMap<String, Vec<usize>> = HashMap::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find("</") {
        let start = from + found;
        let name_start = start + 2;
        let name_len =
            bytes[name_start..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'.' || **b == b'_').count();
        let name_end = name_start + name_len;
        if name_len > 0 && bytes.get(name_end) == Some(&b'>') {
            tags.entry(text[name_start..name_end].to_string()).or_default().push(start);
        }
        from = name_end.max(start + 2);
    }
    tags
}

fn backtick_runs(bytes: &[u8]) -> HashMap<usize, Vec<usize>> {
    let mut runs: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'`' {
            i += 1;
            continue;
        }
        let length = bytes[i..].iter().take_while(|b| **b == b'`').count();
        runs.entry(length).or_default().push(i);
        i += length;
    }
    runs
}

/// What a walk through a tag found from each position, for the two kinds
/// of walk: at the tag's top level (ends at `>`) and inside a `{…}`
/// expression (ends at the `}` closing it). Walks from different openers
/// that reach the same position in the same kind of walk continue alike,
/// so the answer is written down for every position a walk went through.
struct TagEnds {
    top: Vec<u32>,
    inner: Vec<u32>,
    double_quotes: Vec<usize>,
    single_quotes: Vec<usize>,
}

/// Encoding of the remembered answers: not known yet, no end, or an offset.
const UNKNOWN: u32 = 0;
const NO_END: u32 = 1;

fn encode(answer: Option<usize>) -> u32 {
    answer.map_or(NO_END, |offset| u32::try_from(offset + 2).expect("texts are far below 4 GB"))
}

fn decode(value: u32) -> Option<Option<usize>> {
    match value {
        UNKNOWN => None,
        NO_END => Some(None),
        offset => Some(Some(offset as usize - 2)),
    }
}

enum Step {
    Done(Option<usize>),
    Next(usize),
    /// A `{` whose expression starts here.
    Open(usize),
}

struct Walk {
    top: bool,
    at: usize,
    /// Positions this walk went through, to write its answer to.
    path: Vec<usize>,
}

impl TagEnds {
    fn new(bytes: &[u8]) -> TagEnds {
        let positions = |quote: u8| bytes.iter().enumerate().filter(|(_, b)| **b == quote).map(|(i, _)| i).collect();
        TagEnds {
            top: vec![UNKNOWN; bytes.len() + 1],
            inner: vec![UNKNOWN; bytes.len() + 1],
            double_quotes: positions(b'"'),
            single_quotes: positions(b'\''),
        }
    }

    fn step(&self, bytes: &[u8], top: bool, at: usize) -> Step {
        let Some(&byte) = bytes.get(at) else { return Step::Done(None) };
        match byte {
            b'>' if top => Step::Done(Some(at + 1)),
            b'<' if top => Step::Done(None),
            b'}' if !top => Step::Done(Some(at)),
            b'"' | b'\'' => {
                let quotes = if byte == b'"' { &self.double_quotes } else { &self.single_quotes };
                match first_at_or_after(quotes, at + 1) {
                    Some(close) => Step::Next(close + 1),
                    None => Step::Done(None),
                }
            }
            b'{' => Step::Open(at + 1),
            _ => Step::Next(at + 1),
        }
    }

    fn end(&mut self, bytes: &[u8], start: usize, work: &Cell<usize>) -> Option<usize> {
        let mut walks = vec![Walk { top: true, at: start + 1, path: Vec::new() }];
        // The answer of the innermost walk that just finished.
        let mut finished: Option<Option<usize>> = None;
        loop {
            let walk = walks.last_mut().expect("a walk is under way");
            let answer = match finished.take() {
                // The expression opened at the walk's last position failed,
                // so the walk fails; or it closed, and the walk goes on.
                Some(None) => Some(None),
                Some(Some(close)) => {
                    walk.at = close + 1;
                    None
                }
                None => None,
            };
            let answer = answer.or_else(|| {
                let table = if walk.top { &self.top } else { &self.inner };
                decode(table.get(walk.at).copied().unwrap_or(NO_END))
            });
            let answer = match answer {
                Some(answer) => answer,
                None => {
                    work.set(work.get() + 1);
                    walk.path.push(walk.at);
                    match self.step(bytes, walk.top, walk.at) {
                        Step::Done(answer) => answer,
                        Step::Next(at) => {
                            walk.at = at;
                            continue;
                        }
                        Step::Open(at) => {
                            walks.push(Walk { top: false, at, path: Vec::new() });
                            continue;
                        }
                    }
                }
            };
            let walk = walks.pop().expect("a walk is under way");
            let table = if walk.top { &mut self.top } else { &mut self.inner };
            for position in walk.path {
                table[position] = encode(answer);
            }
            if walks.is_empty() {
                return answer;
            }
            finished = Some(answer);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::expand::attrs::tag_end;

    #[test]
    fn remembered_tag_ends_agree_with_the_plain_walk() {
        // Every text of up to 6 bytes over the characters that matter.
        let alphabet = [b'<', b'>', b'{', b'}', b'"', b'\'', b'a'];
        let mut texts = vec![Vec::new()];
        for _ in 0..6 {
            let longer: Vec<Vec<u8>> = texts
                .iter()
                .filter(|t| t.len() == texts.last().map_or(0, Vec::len))
                .flat_map(|t| alphabet.iter().map(move |c| [t.as_slice(), &[*c]].concat()))
                .collect();
            texts.extend(longer);
        }
        for bytes in texts {
            let text = String::from_utf8(bytes).unwrap();
            let starts: Vec<usize> = (0..text.len()).filter(|i| text.as_bytes()[*i] == b'<').collect();
            // Asked left to right and right to left, so remembered walks are met both ways.
            for order in [starts.clone(), starts.iter().rev().copied().collect()] {
                let search = Search::default();
                for start in order {
                    assert_eq!(search.tag_end(&text, start), tag_end(&text, start), "{text:?} from {start}");
                }
            }
        }
    }

    #[test]
    fn fixed_needles_are_found_like_str_find() {
        let text = "a}}}b%}c</Summary>x";
        let search = Search::default();
        for from in 0..text.len() {
            assert_eq!(search.next(text, "}}", from), text[from..].find("}}").map(|i| i + from));
            assert_eq!(search.next(text, "%}", from), text[from..].find("%}").map(|i| i + from));
            let lower = text.to_ascii_lowercase();
            let expected = lower[from..].find("</summary>").map(|i| i + from);
            assert_eq!(search.next_ignoring_case(text, "</summary>", from), expected);
        }
    }

    #[test]
    fn closing_tags_and_backtick_runs_are_indexed() {
        let text = "</Tabs> ``x` `` </Tab> </Tabs>";
        let search = Search::default();
        assert_eq!(search.next_closing_tag(text, "Tabs", 1), Some(23));
        assert_eq!(search.next_closing_tag(text, "Tab", 0), Some(16));
        assert_eq!(search.next_backtick_run(text, 2, 10, text.len()), Some(13));
        assert_eq!(search.next_backtick_run(text, 1, 10, text.len()), Some(11));
        assert_eq!(search.next_backtick_run(text, 1, 12, text.len()), None);
        assert_eq!(search.next_backtick_run(text, 2, 10, 13), None);
    }
}
