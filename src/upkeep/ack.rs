//! `phare status --ack FILE`: writes `translation_of:` into a
//! translation's front matter, changing that one line (or adding it) and
//! keeping every other byte, line ends and byte order mark included.

/// `text` with `translation_of: value` set. Returns the new bytes.
pub fn set_translation_of(text: &[u8], value: &str) -> Vec<u8> {
    let bom: &[u8] = if text.starts_with(b"\xEF\xBB\xBF") { b"\xEF\xBB\xBF" } else { b"" };
    let rest = &text[bom.len()..];
    let newline: &[u8] =
        if first_line_end(rest).is_some_and(|end| end > 0 && rest[end - 1] == b'\r') { b"\r\n" } else { b"\n" };
    let line = [b"translation_of: ".as_slice(), value.as_bytes(), newline].concat();
    let mut lines = rest.split_inclusive(|b| *b == b'\n');
    let opens = lines.next().is_some_and(|first| trimmed(first) == b"---");
    if !opens {
        return [bom, b"---", newline, &line, b"---", newline, rest].concat();
    }
    let mut out = Vec::with_capacity(text.len() + line.len());
    out.extend_from_slice(bom);
    let mut at = 0;
    let mut done = false;
    for (index, piece) in rest.split_inclusive(|b| *b == b'\n').enumerate() {
        if index > 0 && !done {
            if piece.starts_with(b"translation_of:") {
                // Keep this line's own ending.
                let ending: &[u8] = if piece.ends_with(b"\r\n") {
                    b"\r\n"
                } else if piece.ends_with(b"\n") {
                    b"\n"
                } else {
                    b""
                };
                out.extend_from_slice(b"translation_of: ");
                out.extend_from_slice(value.as_bytes());
                out.extend_from_slice(ending);
                done = true;
                at += piece.len();
                continue;
            }
            if matches!(trimmed(piece), b"---" | b"...") {
                out.extend_from_slice(&line);
                done = true;
            }
        }
        out.extend_from_slice(piece);
        at += piece.len();
    }
    debug_assert_eq!(at, rest.len());
    if !done {
        // An unclosed front matter block: leave the file as it was.
        return text.to_vec();
    }
    out
}

fn first_line_end(text: &[u8]) -> Option<usize> {
    text.iter().position(|b| *b == b'\n')
}

fn trimmed(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r' | b' ' | b'\t') {
        end -= 1;
    }
    &line[..end]
}

#[cfg(test)]
mod tests {
    use super::set_translation_of;

    #[test]
    fn replaces_only_the_line() {
        let text = b"---\ntitle: A\ntranslation_of: abc\nslug: a\n---\nBody\n";
        assert_eq!(
            set_translation_of(text, "def"),
            b"---\ntitle: A\ntranslation_of: def\nslug: a\n---\nBody\n".to_vec()
        );
    }

    #[test]
    fn adds_the_line_before_the_closing_fence_keeping_crlf_and_bom() {
        let text = b"\xEF\xBB\xBF---\r\ntitle: A\r\n---\r\nBody\r\n";
        assert_eq!(
            set_translation_of(text, "def"),
            b"\xEF\xBB\xBF---\r\ntitle: A\r\ntranslation_of: def\r\n---\r\nBody\r\n".to_vec()
        );
    }

    #[test]
    fn adds_front_matter_when_there_is_none() {
        assert_eq!(set_translation_of(b"# Title\n", "x"), b"---\ntranslation_of: x\n---\n# Title\n".to_vec());
    }

    #[test]
    fn leaves_an_unclosed_block_alone() {
        let text = b"---\ntitle: A\n";
        assert_eq!(set_translation_of(text, "x"), text.to_vec());
    }
}
