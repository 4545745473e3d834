//! Diagnostics: every problem found in a spec, with its file, line and column.

use std::fmt;

/// A position in a spec file (1-based line and column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    pub line: usize,
    pub col: usize,
}

/// One problem in one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file, as given to the generator (e.g. `spec/api/v2010.yaml`).
    pub file: String,
    pub pos: Pos,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it, when there is a likely fix.
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.pos.line, self.pos.col, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// Collects diagnostics for one file so that validation can report everything at once.
#[derive(Debug)]
pub struct Sink {
    pub file: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    pub fn new(file: impl Into<String>) -> Sink {
        Sink { file: file.into(), diagnostics: Vec::new() }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(pos, message.into(), None);
    }

    pub fn error_with_hint(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        self.push(pos, message.into(), Some(hint.into()));
    }

    fn push(&mut self, pos: Pos, message: String, hint: Option<String>) {
        self.diagnostics.push(Diagnostic { file: self.file.clone(), pos, message, hint });
    }
}

/// The candidate closest to `word` (edit distance at most a third of its length, min 2).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.len() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_ascii_lowercase(), &c.to_ascii_lowercase()), c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = if ca == *cb { prev } else { 1 + prev.min(row[j]).min(cur) };
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(closest("instanse_path", ["list_path", "instance_path"]), Some("instance_path"));
        assert_eq!(closest("zzz", ["list_path", "instance_path"]), None);
        assert_eq!(closest("requird", ["required", "range"]), Some("required"));
    }

    #[test]
    fn displays_location_and_hint() {
        let d = Diagnostic {
            file: "spec/a/v1.yaml".into(),
            pos: Pos { line: 3, col: 5 },
            message: "unknown key `hots`".into(),
            hint: Some("did you mean `host`?".into()),
        };
        assert_eq!(d.to_string(), "spec/a/v1.yaml:3:5: unknown key `hots` (hint: did you mean `host`?)");
    }
}
