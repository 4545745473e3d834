//! A YAML tree that remembers where every node came from.
//!
//! serde-based YAML crates report positions only for syntax errors; validation needs the line and
//! column of every key and value, so the spec is read into this small tree from yaml-rust2's
//! marked event stream instead.

use std::collections::HashSet;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Diagnostic, Pos};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar as written; `quoted` is true for '…' and "…" scalars.
    Scalar {
        text: String,
        quoted: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub pos: Pos,
}

impl Node {
    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// True for `~`, `null` and empty plain scalars.
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, quoted: false } if text.is_empty() || text == "~" || text == "null")
    }

    /// A short name of the node's kind, for error messages.
    pub fn describe(&self) -> &'static str {
        match &self.kind {
            Kind::Scalar { .. } if self.is_null() => "nothing",
            Kind::Scalar { .. } => "a scalar",
            Kind::Seq(_) => "a list",
            Kind::Map(_) => "a mapping",
        }
    }
}

fn pos(mark: Marker) -> Pos {
    Pos {
        line: mark.line(),
        col: mark.col() + 1,
    }
}

/// Where `text` ends: its last line, one past its last character.
fn end_of(text: &str) -> Pos {
    let (mut line, mut width) = (1, 0);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            line += 1;
            width = 0;
        } else {
            width += 1;
        }
    }
    Pos { line, col: width + 1 }
}

/// `p`, or `end` when `p` lies past it: yaml-rust2 ends the stream with a line break of its own,
/// so what it finds at the end of a file whose last line has no break (an error, a missing
/// value) would otherwise sit on the line after the last.
fn within(p: Pos, end: Pos) -> Pos {
    if (p.line, p.col) > (end.line, end.col) {
        end
    } else {
        p
    }
}

/// Deepest nesting of mappings and lists accepted. Real specs stay far below it; the limit keeps
/// hostile input from exhausting the stack (yaml-rust2's own loader, dropping the tree, and the
/// decoder all recurse).
pub const MAX_DEPTH: usize = 128;

/// Parses one YAML document. An empty file is an empty mapping.
pub fn parse(file: &str, text: &str) -> Result<Node, Diagnostic> {
    let end = end_of(text);
    let mut builder = Builder {
        end,
        stack: Vec::new(),
        root: None,
        error: None,
    };
    let mut parser = Parser::new_from_str(text);
    let fail = |p: Pos, message: String, hint: Option<String>| Diagnostic {
        file: file.to_owned(),
        pos: within(p, end),
        message,
        hint,
    };
    // Events are pulled one at a time (not with `Parser::load`, which recurses once per level).
    let mut documents = 0;
    loop {
        let (event, mark) = match parser.next_token() {
            Ok(e) => e,
            Err(e) => {
                let hint = if e.info().contains("tabs") {
                    Some("indent YAML with spaces, not tabs".to_owned())
                } else {
                    unclosed_flow_hint(text, e.info(), &builder.stack)
                };
                return Err(fail(pos(*e.marker()), format!("invalid YAML: {}", e.info()), hint));
            }
        };
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(fail(
                        pos(mark),
                        "a spec file holds one YAML document, found a second one".to_owned(),
                        Some("remove the `---` line or split the file".to_owned()),
                    ));
                }
            }
            Event::SequenceStart(..) | Event::MappingStart(..) if builder.stack.len() >= MAX_DEPTH => {
                return Err(fail(
                    pos(mark),
                    format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
                    None,
                ));
            }
            _ => {}
        }
        builder.on_event(event, mark);
        if let Some((p, message)) = builder.error.take() {
            return Err(fail(p, message, None));
        }
    }
    Ok(builder.root.unwrap_or(Node {
        kind: Kind::Map(Vec::new()),
        pos: Pos { line: 1, col: 1 },
    }))
}

/// For "did not find expected ',' or '}'" errors: the `{` or `[` that is still open.
fn unclosed_flow_hint(text: &str, info: &str, stack: &[Open]) -> Option<String> {
    if !info.contains("flow") {
        return None;
    }
    stack.iter().rev().find_map(|open| {
        let p = match open {
            Open::Seq(p, _) | Open::Map(p, _, _, _) => *p,
        };
        let c = text
            .lines()
            .nth(p.line.checked_sub(1)?)?
            .chars()
            .nth(p.col.checked_sub(1)?)?;
        let close = match c {
            '{' => '}',
            '[' => ']',
            _ => return None,
        };
        Some(format!(
            "the `{c}` at line {}, column {} needs a `,` between entries or a closing `{close}`",
            p.line, p.col
        ))
    })
}

enum Open {
    Seq(Pos, Vec<Node>),
    /// Position, entries, a key waiting for its value, and the scalar keys seen so far (a set, so
    /// that a mapping with very many keys is not checked for duplicates in quadratic time).
    Map(Pos, Vec<(Node, Node)>, Option<Node>, HashSet<String>),
}

struct Builder {
    /// The end of the text, which no position passes.
    end: Pos,
    stack: Vec<Open>,
    root: Option<Node>,
    error: Option<(Pos, String)>,
}

impl Builder {
    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending_key, seen)) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => {
                    let duplicate = key.as_str().is_some_and(|k| !seen.insert(k.to_owned()));
                    if duplicate && self.error.is_none() {
                        self.error = Some((key.pos, format!("duplicate key `{}`", key.as_str().unwrap_or_default())));
                    }
                    entries.push((key, node));
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let p = within(pos(mark), self.end);
        match event {
            Event::Scalar(text, style, _, _) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.attach(Node {
                    kind: Kind::Scalar { text, quoted },
                    pos: p,
                });
            }
            Event::SequenceStart(..) => self.stack.push(Open::Seq(p, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(p, Vec::new(), None, HashSet::new())),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(p, items)) => Node {
                        kind: Kind::Seq(items),
                        pos: p,
                    },
                    Some(Open::Map(p, entries, _, _)) => {
                        // yaml-rust2 marks a block mapping where its first `:` is; point at its
                        // first key instead (a flow mapping keeps the position of its `{`).
                        let p = match entries.first() {
                            Some((k, _)) if (k.pos.line, k.pos.col) < (p.line, p.col) => k.pos,
                            _ => p,
                        };
                        Node {
                            kind: Kind::Map(entries),
                            pos: p,
                        }
                    }
                    None => return,
                };
                self.attach(node);
            }
            Event::Alias(_) => {
                if self.error.is_none() {
                    self.error = Some((p, "YAML aliases (`*name`) are not supported in specs".to_owned()));
                }
                self.attach(Node {
                    kind: Kind::Scalar {
                        text: String::new(),
                        quoted: false,
                    },
                    pos: p,
                });
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_positions_of_keys_and_values() {
        let node = parse("t.yaml", "a: 1\nb:\n  c: [x, 'y']\n").unwrap();
        let Kind::Map(entries) = &node.kind else { panic!() };
        assert_eq!(entries[1].0.pos, Pos { line: 2, col: 1 });
        let Kind::Map(inner) = &entries[1].1.kind else { panic!() };
        assert_eq!(inner[0].0.pos, Pos { line: 3, col: 3 });
        let Kind::Seq(items) = &inner[0].1.kind else { panic!() };
        assert_eq!(
            items[1].kind,
            Kind::Scalar {
                text: "y".into(),
                quoted: true
            }
        );
    }

    #[test]
    fn reports_syntax_errors_with_location() {
        let err = parse("t.yaml", "a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{err}");
        assert!(err.pos.line >= 1);
    }

    #[test]
    fn a_problem_at_the_end_of_a_file_without_a_last_line_break_stays_on_its_last_line() {
        for (text, expected) in [
            ("a: 1\nb: [1, 2", "t.yaml:2:9"),
            ("a: 1\r\nb: [1, 2", "t.yaml:2:9"),
            ("a: 1\nb: [1, 2\n", "t.yaml:3:1"),
        ] {
            let err = parse("t.yaml", text).unwrap_err();
            assert!(err.to_string().starts_with(&format!("{expected}: ")), "{text:?}: {err}");
        }
        // A value left empty at the very end is found there too, not on a line after it.
        let doc = parse("t.yaml", "a: 1\nb:").unwrap();
        let Kind::Map(entries) = &doc.kind else {
            panic!("{doc:?}")
        };
        assert_eq!((entries[1].1.pos.line, entries[1].1.pos.col), (2, 3));
    }

    #[test]
    fn rejects_duplicate_keys() {
        let err = parse("t.yaml", "a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.to_string(), "t.yaml:2:1: duplicate key `a`");
    }
}
