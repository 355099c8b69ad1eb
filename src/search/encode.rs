//! The postings string of a term chunk (`FORMAT.md`): numbers written
//! 5 bits a character, least significant group first, in a URL-safe
//! alphabet; a character's value + 32 says more characters follow.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Field bits of a posting.
pub(crate) const TITLE: u8 = 1;
pub(crate) const HEADING: u8 = 2;
pub(crate) const DESCRIPTION: u8 = 4;
pub(crate) const BODY: u8 = 8;

/// One document's entry in a term's postings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Posting {
    pub(crate) doc: u32,
    /// 0: one occurrence, 1: 2–3, 2: 4–7, 3: 8 or more.
    pub(crate) tf_bucket: u8,
    pub(crate) fields: u8,
}

pub(crate) fn tf_bucket(count: u32) -> u8 {
    match count {
        0 | 1 => 0,
        2..=3 => 1,
        4..=7 => 2,
        _ => 3,
    }
}

fn push_number(out: &mut String, mut n: u64) {
    loop {
        let group = (n & 31) as usize;
        n >>= 5;
        if n == 0 {
            out.push(ALPHABET[group] as char);
            return;
        }
        out.push(ALPHABET[group + 32] as char);
    }
}

/// Postings in ascending document order → their string.
pub(crate) fn encode(postings: &[Posting]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut previous = 0u32;
    for (index, posting) in postings.iter().enumerate() {
        let delta = if index == 0 { posting.doc } else { posting.doc - previous };
        previous = posting.doc;
        let value = (u64::from(delta) << 6) | (u64::from(posting.tf_bucket & 3) << 4) | u64::from(posting.fields & 15);
        push_number(&mut out, value);
    }
    out
}

/// A postings string → postings; `None` if it is not one.
pub(crate) fn decode(text: &str) -> Option<Vec<Posting>> {
    let mut out = Vec::new();
    let mut value: u64 = 0;
    let mut shift = 0u32;
    let mut doc: u64 = 0;
    for byte in text.bytes() {
        let digit = ALPHABET.iter().position(|a| *a == byte)? as u64;
        if shift > 55 {
            return None;
        }
        value |= (digit & 31) << shift;
        shift += 5;
        if digit < 32 {
            doc = doc.checked_add(value >> 6)?;
            let posting = Posting {
                doc: u32::try_from(doc).ok()?,
                tf_bucket: ((value >> 4) & 3) as u8,
                fields: (value & 15) as u8,
            };
            out.push(posting);
            value = 0;
            shift = 0;
        }
    }
    (shift == 0).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_survive_a_round_trip() {
        let postings = vec![
            Posting { doc: 0, tf_bucket: 3, fields: TITLE | BODY },
            Posting { doc: 1, tf_bucket: 0, fields: BODY },
            Posting { doc: 40_000, tf_bucket: 2, fields: HEADING | DESCRIPTION },
        ];
        let text = encode(&postings);
        assert_eq!(decode(&text), Some(postings));
    }

    #[test]
    fn the_first_posting_is_written_as_the_spec_says() {
        // doc 1, tf 1 occurrence, body: (1 << 6) | 8 = 72 = 8 + 2*32 → "o" then "C".
        assert_eq!(encode(&[Posting { doc: 1, tf_bucket: 0, fields: BODY }]), "oC");
        assert_eq!(tf_bucket(1), 0);
        assert_eq!(tf_bucket(3), 1);
        assert_eq!(tf_bucket(7), 2);
        assert_eq!(tf_bucket(8), 3);
    }

    #[test]
    fn broken_postings_are_refused() {
        assert_eq!(decode("o"), None, "unfinished number");
        assert_eq!(decode("!"), None);
        assert_eq!(decode(&"z".repeat(20)), None, "too long a number");
    }
}
