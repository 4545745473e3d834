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

impl Diagnostic {
    /// A problem of the generator itself (say, emitted Rust that does not parse), not of a spec.
    pub fn internal(message: String) -> Diagnostic {
        Diagnostic {
            file: "generator".into(),
            pos: Pos::default(),
            message,
            hint: None,
        }
    }
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
        Sink {
            file: file.into(),
            diagnostics: Vec::new(),
        }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>) {
        self.push(pos, message.into(), None);
    }

    pub fn error_with_hint(&mut self, pos: Pos, message: impl Into<String>, hint: impl Into<String>) {
        self.push(pos, message.into(), Some(hint.into()));
    }

    /// The end of loading one file: `result` when nothing was reported, else every problem in
    /// file order (shape problems are found before meaning problems, so they are collected out
    /// of order). `what` names the file kind for the case where loading gave up silently.
    pub fn finish<T>(mut self, result: Option<T>, what: &str) -> Result<T, Vec<Diagnostic>> {
        match result {
            Some(value) if self.diagnostics.is_empty() => Ok(value),
            _ => {
                if self.diagnostics.is_empty() {
                    self.error(Pos { line: 1, col: 1 }, format!("the {what} could not be read"));
                }
                self.diagnostics.sort_by_key(|d| (d.pos.line, d.pos.col));
                Err(self.diagnostics)
            }
        }
    }

    fn push(&mut self, pos: Pos, message: String, hint: Option<String>) {
        self.diagnostics.push(Diagnostic {
            file: self.file.clone(),
            pos,
            message,
            hint,
        });
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

/// Edit distance in which swapping two neighbouring letters counts as one edit (optimal string
/// alignment), so that `hots` is closer to `host` than to `docs`.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // Three rows: two back, previous, current.
    let mut before: Vec<usize> = vec![0; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(before[j - 2] + 1);
            }
            cur[j] = d;
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(
            closest("instanse_path", ["list_path", "instance_path"]),
            Some("instance_path")
        );
        assert_eq!(closest("zzz", ["list_path", "instance_path"]), None);
        assert_eq!(closest("requird", ["required", "range"]), Some("required"));
        assert_eq!(closest("hots", ["docs", "host"]), Some("host"));
        assert_eq!(edit_distance("hots", "host"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn displays_location_and_hint() {
        let d = Diagnostic {
            file: "spec/a/v1.yaml".into(),
            pos: Pos { line: 3, col: 5 },
            message: "unknown key `hots`".into(),
            hint: Some("did you mean `host`?".into()),
        };
        assert_eq!(
            d.to_string(),
            "spec/a/v1.yaml:3:5: unknown key `hots` (hint: did you mean `host`?)"
        );
    }
}
