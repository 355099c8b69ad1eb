//! Mutations aimed at what breaks text scanners: dialect tokens put where
//! they do not belong, splices between real articles, one token repeated
//! thousands of times (what makes a scan quadratic), blocks nested
//! thousands deep (what overflows a recursive one), YAML alias chains,
//! and the Unicode writers really type. Each mutation says what it did,
//! so a finding comes with the recipe that made it.

use fastrand::Rng;

use crate::dictionary::{PAIRS, PATH_TOKENS, TEXT_TOKENS};

pub struct Mutator {
    pub rng: Rng,
    paths: bool,
    max_len: usize,
}

/// A mutated input and how it was made.
pub struct Mutant {
    pub data: Vec<u8>,
    pub recipe: Vec<String>,
}

impl Mutator {
    pub fn new(seed: u64, paths: bool, max_len: usize) -> Mutator {
        Mutator { rng: Rng::with_seed(seed), paths, max_len }
    }

    fn token(&mut self) -> &'static str {
        let tokens = if self.paths { PATH_TOKENS } else { TEXT_TOKENS };
        tokens[self.rng.usize(..tokens.len())]
    }

    /// A position, mostly at a line start or a character boundary.
    fn position(&mut self, data: &[u8]) -> usize {
        if data.is_empty() {
            return 0;
        }
        let mut at = self.rng.usize(..=data.len());
        if self.rng.bool() {
            while at > 0 && data[at - 1] != b'\n' {
                at -= 1;
            }
        }
        while at < data.len() && (data[at] & 0xC0) == 0x80 {
            at += 1;
        }
        at
    }

    fn range(&mut self, data: &[u8]) -> (usize, usize) {
        let start = self.position(data);
        let longest = (data.len() - start).min(if self.rng.u8(..4) == 0 { 4096 } else { 64 });
        let mut end = start + self.rng.usize(..=longest);
        while end < data.len() && (data[end] & 0xC0) == 0x80 {
            end += 1;
        }
        (start, end)
    }

    /// A count spread over magnitudes: mostly small, sometimes huge (huge
    /// inputs are slow to run, so they are kept to a few percent).
    fn count(&mut self, most: usize) -> usize {
        let bits = usize::BITS - most.max(2).leading_zeros();
        let magnitude = self.rng.u32(1..=bits).min(self.rng.u32(1..=bits));
        self.rng.usize(1..=(1usize << magnitude).min(most.max(1)))
    }

    /// One to four mutations of `base`; `other` is another corpus entry
    /// for splices.
    pub fn mutate(&mut self, base: &[u8], other: &[u8]) -> Mutant {
        let mut data = base.to_vec();
        let mut recipe = Vec::new();
        for _ in 0..self.rng.usize(1..=4) {
            let step = self.step(&mut data, other);
            recipe.push(step);
        }
        if data.len() > self.max_len {
            let mut end = self.max_len;
            while end > 0 && (data[end] & 0xC0) == 0x80 {
                end -= 1;
            }
            data.truncate(end);
            recipe.push(format!("cut to {end} bytes"));
        }
        Mutant { data, recipe }
    }

    fn step(&mut self, data: &mut Vec<u8>, other: &[u8]) -> String {
        match self.rng.u8(..100) {
            0..=29 => {
                let (at, token) = (self.position(data), self.token());
                data.splice(at..at, token.bytes());
                format!("insert {token:?} at {at}")
            }
            30..=39 => {
                let ((start, end), token) = (self.range(data), self.token());
                data.splice(start..end, token.bytes());
                format!("replace {start}..{end} with {token:?}")
            }
            40..=49 => {
                let (start, end) = self.range(data);
                data.drain(start..end);
                format!("delete {start}..{end}")
            }
            50..=57 => {
                let (start, end) = self.range(data);
                let piece = data[start..end].to_vec();
                let at = self.position(data);
                data.splice(at..at, piece);
                format!("copy {start}..{end} to {at}")
            }
            58..=67 if !other.is_empty() => {
                let (start, end) = self.range(other);
                let at = self.position(data);
                data.splice(at..at, other[start..end].iter().copied());
                format!("splice {start}..{end} of another input at {at}")
            }
            68..=75 => {
                let at = self.rng.usize(..=data.len());
                if at < data.len() && self.rng.bool() {
                    data[at] ^= 1 << self.rng.u8(..8);
                    format!("flip a bit at {at}")
                } else {
                    let byte = self.rng.u8(..);
                    data.insert(at, byte);
                    format!("insert byte {byte:#04x} at {at}")
                }
            }
            76..=86 => self.repeat(data),
            87..=92 if !self.paths => self.nest(data),
            93..=95 if !self.paths => self.alias_chain(data),
            _ => {
                let (at, token) = (self.position(data), self.token());
                let line = format!("{token}{}\n", self.token());
                data.splice(at..at, line.bytes());
                format!("insert line {line:?} at {at}")
            }
        }
    }

    /// A token, or a short piece of the input, repeated up to the size
    /// limit: linear scanners shrug, quadratic ones stall.
    fn repeat(&mut self, data: &mut Vec<u8>) -> String {
        let piece: Vec<u8> = if data.is_empty() || self.rng.bool() {
            let mut token = self.token().as_bytes().to_vec();
            if self.rng.u8(..3) == 0 {
                token.push(b'\n');
            }
            token
        } else {
            let start = self.position(data);
            let mut end = (start + self.rng.usize(1..=16)).min(data.len());
            while end < data.len() && (data[end] & 0xC0) == 0x80 {
                end += 1;
            }
            data[start..end].to_vec()
        };
        if piece.is_empty() {
            return "repeat nothing".into();
        }
        let room = self.max_len.saturating_sub(data.len()) / piece.len();
        let times = self.count(room);
        let at = self.position(data);
        data.splice(at..at, piece.iter().copied().cycle().take(piece.len() * times));
        format!("repeat {:?} {times} times at {at}", String::from_utf8_lossy(&piece))
    }

    /// Wraps a part of the input in one kind of block, many levels deep;
    /// sometimes only opened, never closed.
    fn nest(&mut self, data: &mut Vec<u8>) -> String {
        let (open, close) = PAIRS[self.rng.usize(..PAIRS.len())];
        let room = self.max_len.saturating_sub(data.len()) / (open.len() + close.len());
        let depth = self.count(room.min(20_000));
        let closed = self.rng.u8(..4) != 0;
        let (start, end) = self.range(data);
        let mut middle = open.repeat(depth).into_bytes();
        middle.extend_from_slice(&data[start..end]);
        if closed {
            middle.extend(close.repeat(depth).bytes());
        }
        data.splice(start..end, middle);
        format!("nest {start}..{end} in {open:?} {depth} deep{}", if closed { "" } else { ", never closed" })
    }

    /// YAML front matter whose aliases refer to lists of aliases: small
    /// to write, exponential to expand. A YAML reader that caps expansion
    /// in proportion to the document's size is defeated by a long list
    /// before the chain, so one is sometimes added.
    fn alias_chain(&mut self, data: &mut Vec<u8>) -> String {
        let (levels, width) = (self.rng.usize(1..=12), self.rng.usize(2..=10));
        let padding = if self.rng.bool() { self.count(self.max_len / 4) } else { 0 };
        let mut yaml = String::from("---\ntitle: Aliases\n");
        if padding > 0 {
            yaml.push_str(&format!("pad: [{}]\n", vec!["p"; padding].join(",")));
        }
        yaml.push_str("l0: &a0 [\"lol\"]\n");
        for level in 1..levels {
            let items = vec![format!("*a{}", level - 1); width].join(", ");
            yaml.push_str(&format!("l{level}: &a{level} [{items}]\n"));
        }
        yaml.push_str("---\n");
        let body_start = if data.starts_with(b"---\n") {
            data[4..].windows(5).position(|w| w == b"\n---\n").map_or(0, |i| i + 9)
        } else {
            0
        };
        data.splice(..body_start, yaml.bytes());
        format!("front matter of {levels} alias levels, {width} wide, after a list of {padding}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_makes_the_same_mutants() {
        let make = || {
            let mut mutator = Mutator::new(7, false, 1 << 16);
            (0..50).map(|_| mutator.mutate(b"# Title\n\nSome text.\n", b":::note\nx\n:::\n").data).collect::<Vec<_>>()
        };
        assert_eq!(make(), make());
    }

    #[test]
    fn mutants_respect_the_size_limit() {
        let mut mutator = Mutator::new(1, false, 1000);
        for _ in 0..500 {
            assert!(mutator.mutate(b"text\n", b"other\n").data.len() <= 1000);
        }
    }
}
