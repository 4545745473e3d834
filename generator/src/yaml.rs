//! A YAML tree that remembers where every node came from.
//!
//! serde-based YAML crates report positions only for syntax errors; validation needs the line and
//! column of every key and value, so the spec is read into this small tree from yaml-rust2's
//! marked event stream instead.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::diag::{Diagnostic, Pos};

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar as written; `quoted` is true for '…' and "…" scalars.
    Scalar { text: String, quoted: bool },
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
    Pos { line: mark.line(), col: mark.col() + 1 }
}

/// Parses one YAML document. An empty file is an empty mapping.
pub fn parse(file: &str, text: &str) -> Result<Node, Diagnostic> {
    let mut builder = Builder { stack: Vec::new(), root: None, error: None };
    let mut parser = Parser::new_from_str(text);
    if let Err(e) = parser.load(&mut builder, false) {
        let m = e.marker();
        return Err(Diagnostic {
            file: file.to_owned(),
            pos: pos(*m),
            message: format!("invalid YAML: {}", e.info()),
            hint: None,
        });
    }
    if let Some((p, message)) = builder.error {
        return Err(Diagnostic { file: file.to_owned(), pos: p, message, hint: None });
    }
    Ok(builder.root.unwrap_or(Node { kind: Kind::Map(Vec::new()), pos: Pos { line: 1, col: 1 } }))
}

enum Open {
    Seq(Pos, Vec<Node>),
    Map(Pos, Vec<(Node, Node)>, Option<Node>),
}

struct Builder {
    stack: Vec<Open>,
    root: Option<Node>,
    error: Option<(Pos, String)>,
}

impl Builder {
    fn attach(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending_key)) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => {
                    let duplicate = key.as_str().is_some()
                        && entries.iter().any(|(k, _)| k.as_str() == key.as_str());
                    if duplicate && self.error.is_none() {
                        self.error = Some((
                            key.pos,
                            format!("duplicate key `{}`", key.as_str().unwrap_or_default()),
                        ));
                    }
                    entries.push((key, node));
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, event: Event, mark: Marker) {
        let p = pos(mark);
        match event {
            Event::Scalar(text, style, _, _) => {
                let quoted = !matches!(style, TScalarStyle::Plain);
                self.attach(Node { kind: Kind::Scalar { text, quoted }, pos: p });
            }
            Event::SequenceStart(..) => self.stack.push(Open::Seq(p, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(p, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(p, items)) => Node { kind: Kind::Seq(items), pos: p },
                    Some(Open::Map(p, entries, _)) => Node { kind: Kind::Map(entries), pos: p },
                    None => return,
                };
                self.attach(node);
            }
            Event::Alias(_) => {
                if self.error.is_none() {
                    self.error = Some((p, "YAML aliases (`*name`) are not supported in specs".to_owned()));
                }
                self.attach(Node { kind: Kind::Scalar { text: String::new(), quoted: false }, pos: p });
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
        assert_eq!(items[1].kind, Kind::Scalar { text: "y".into(), quoted: true });
    }

    #[test]
    fn reports_syntax_errors_with_location() {
        let err = parse("t.yaml", "a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.message.starts_with("invalid YAML"), "{err}");
        assert!(err.pos.line >= 1);
    }

    #[test]
    fn rejects_duplicate_keys() {
        let err = parse("t.yaml", "a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.to_string(), "t.yaml:2:1: duplicate key `a`");
    }
}
