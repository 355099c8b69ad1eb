//! Where an event starts in the article file, counted incrementally.

use crate::diagnostics::LineIndex;

/// File line and column of offsets in one chunk. Events come in document
/// order, so counting on from the last answer keeps a line holding a
/// million links linear; an offset behind it is counted from the start of
/// its line.
pub(super) struct Positions<'t> {
    text: &'t str,
    first_line: usize,
    offset: usize,
    line: usize,
    column: usize,
    lines: Option<LineIndex>,
}

impl<'t> Positions<'t> {
    pub(super) fn new(text: &'t str, first_line: usize) -> Self {
        Positions { text, first_line, offset: 0, line: 1, column: 1, lines: None }
    }

    pub(super) fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset < self.offset {
            let (line, column) =
                self.lines.get_or_insert_with(|| LineIndex::new(self.text)).position(self.text, offset);
            return (line + self.first_line - 1, column);
        }
        let between = &self.text[self.offset..offset];
        match between.rfind('\n') {
            Some(last) => {
                self.line += between.bytes().filter(|b| *b == b'\n').count();
                self.column = between[last + 1..].chars().count() + 1;
            }
            None => self.column += between.chars().count(),
        }
        self.offset = offset;
        (self.line + self.first_line - 1, self.column)
    }
}
