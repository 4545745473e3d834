//! Drift between a spec in `spec/` and a fresh import of its official file.
//!
//! Both are read as YAML trees and walked together. What the import has and the spec lacks is
//! *new*; a value both have but spell differently *differs*; an entry of a collection
//! (`resources`, `methods`, `params`, `fields`, `enums`, …) that only the spec has is *only in
//! spec*. Keys that only people write (`doc`, `docs`, Rust names, …) are never reported.
//!
//! [`update`] adds the new entries to the spec's text (and new values to one-line enum lists)
//! without rewriting anything already there, so comments, docs and hand edits survive.

use crate::diag::Diagnostic;
use crate::yaml::{self, Kind, Node};

/// Mappings whose entries are things the official file defines, so that an entry missing from
/// the import is worth a line in the report.
const COLLECTIONS: &[&str] = &[
    "resources",
    "methods",
    "actions",
    "params",
    "fields",
    "enums",
    "inputs",
    "path_params",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Drift {
    /// In the official file, not in the spec.
    New,
    /// In both, written differently (each side's value as YAML text).
    Differs { spec: String, official: String },
    /// In the spec, not in the official file.
    OnlyInSpec,
}

/// One difference, at a dotted path such as `resources.service.methods.create.params.Foo`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub path: String,
    /// The spec line it concerns (for new entries: the line of the mapping they would join).
    pub line: usize,
    pub drift: Drift,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.drift {
            Drift::New => write!(f, "new: {}", self.path),
            Drift::Differs { spec, official } => {
                write!(
                    f,
                    "differs: {} (line {}): spec `{spec}`, official `{official}`",
                    self.path, self.line
                )
            }
            Drift::OnlyInSpec => write!(f, "only in spec: {} (line {})", self.path, self.line),
        }
    }
}

/// The differences between `spec_text` (a file in `spec/`) and `imported_text` (what the importer
/// writes for the same product version today), in the import's order.
pub fn compare(spec_file: &str, spec_text: &str, imported_text: &str) -> Result<Vec<Change>, Diagnostic> {
    Ok(walk(spec_file, spec_text, imported_text)?.changes)
}

/// `spec_text` with everything new in `imported_text` added: new mapping entries are appended to
/// their mapping, copied from the import's text, and new values are appended to one-line lists.
/// Returns the new text and the changes (the new ones are those applied).
pub fn update(spec_file: &str, spec_text: &str, imported_text: &str) -> Result<(String, Vec<Change>), Diagnostic> {
    let walk = walk(spec_file, spec_text, imported_text)?;
    let mut lines: Vec<String> = spec_text.lines().map(str::to_owned).collect();
    // Apply from the bottom so earlier line numbers stay valid. At one line a replacement goes
    // first, then insertions from the last recorded: an inner mapping records its insertion
    // before the mapping around it, and its lines must end up first.
    let mut edits: Vec<(usize, Edit)> = walk.edits.into_iter().enumerate().collect();
    edits.sort_by_key(|(order, e)| std::cmp::Reverse((e.at(), matches!(e, Edit::Replace { .. }), *order)));
    for (_, edit) in edits {
        match edit {
            Edit::Insert { before, text } => {
                let at = before.min(lines.len());
                lines.splice(at..at, text);
            }
            Edit::Replace { line, text } => lines[line] = text,
        }
    }
    let mut out = lines.join("\n");
    out.push('\n');
    Ok((out, walk.changes))
}

enum Edit {
    /// Lines to insert before the 0-based line `before`.
    Insert { before: usize, text: Vec<String> },
    /// A new text for the 0-based line `line`.
    Replace { line: usize, text: String },
}

impl Edit {
    fn at(&self) -> usize {
        match self {
            Edit::Insert { before, .. } => *before,
            Edit::Replace { line, .. } => *line,
        }
    }
}

fn walk<'t>(spec_file: &str, spec_text: &'t str, imported_text: &'t str) -> Result<Walk<'t>, Diagnostic> {
    let spec = yaml::parse(spec_file, spec_text)?;
    let imported = yaml::parse("(import)", imported_text)?;
    let mut walk = Walk {
        spec_text,
        imported_text,
        changes: Vec::new(),
        edits: Vec::new(),
    };
    walk.node(&spec, &imported, "", "");
    Ok(walk)
}

struct Walk<'t> {
    spec_text: &'t str,
    imported_text: &'t str,
    changes: Vec<Change>,
    edits: Vec<Edit>,
}

impl Walk<'_> {
    fn node(&mut self, spec: &Node, imported: &Node, path: &str, key: &str) {
        match (&spec.kind, &imported.kind) {
            (Kind::Map(spec_entries), Kind::Map(imported_entries)) if !is_flow(self.spec_text, spec) => {
                self.map(spec, spec_entries, imported_entries, path, key);
            }
            (Kind::Seq(spec_items), Kind::Seq(imported_items))
                if is_scalar_list(spec_items) && is_scalar_list(imported_items) =>
            {
                self.list(spec, spec_items, imported_items, path);
            }
            _ if same_value(spec, imported) => {}
            _ => self.changes.push(Change {
                path: path.to_owned(),
                line: spec.pos.line,
                drift: Drift::Differs {
                    spec: render(spec),
                    official: render(imported),
                },
            }),
        }
    }

    fn map(
        &mut self,
        spec: &Node,
        spec_entries: &[(Node, Node)],
        imported_entries: &[(Node, Node)],
        path: &str,
        key: &str,
    ) {
        // A resource the spec renamed is still the one at the same paths, or, when the spec
        // gave it a path of its own too (a list path beside the instance path the file
        // names), the one at the same instance path.
        let counterpart = |imported_key: &Node, imported_value: &Node| {
            let name = imported_key.as_str();
            spec_entries.iter().find(|(k, _)| k.as_str() == name).or_else(|| {
                // An input the spec renamed is the one with the same members.
                if key == "inputs" {
                    return spec_entries.iter().find(|(_, v)| same_value(v, imported_value));
                }
                let paths = resource_paths(imported_value)?;
                (key == "resources").then_some(())?;
                spec_entries
                    .iter()
                    .find(|(_, v)| resource_paths(v).as_ref() == Some(&paths))
                    .or_else(|| {
                        let instance = paths.1.as_ref()?;
                        spec_entries
                            .iter()
                            .find(|(_, v)| resource_paths(v).is_some_and(|p| p.1.as_ref() == Some(instance)))
                    })
            })
        };
        let mut new_entries = Vec::new();
        let mut matched: Vec<&str> = Vec::new();
        for (imported_key, imported_value) in imported_entries {
            let name = imported_key.as_str().unwrap_or_default();
            match counterpart(imported_key, imported_value) {
                Some((spec_key, spec_value)) => {
                    let spec_name = spec_key.as_str().unwrap_or_default();
                    matched.push(spec_name);
                    self.node(spec_value, imported_value, &join(path, spec_name), name);
                }
                None => {
                    self.changes.push(Change {
                        path: join(path, name),
                        line: spec.pos.line,
                        drift: Drift::New,
                    });
                    new_entries.push(imported_key);
                }
            }
        }
        if COLLECTIONS.contains(&key) {
            for (spec_key, _) in spec_entries {
                let name = spec_key.as_str().unwrap_or_default();
                if !matched.contains(&name) {
                    self.changes.push(Change {
                        path: join(path, name),
                        line: spec_key.pos.line,
                        drift: Drift::OnlyInSpec,
                    });
                }
            }
        }
        if new_entries.is_empty() {
            return;
        }
        let Some((first_key, _)) = spec_entries.first() else {
            return; // an empty block mapping does not occur: YAML reads `key:` as null
        };
        let indent = first_key.pos.col - 1;
        let before = block_end(self.spec_text, first_key.pos.line, indent);
        let mut text = Vec::new();
        for imported_key in new_entries {
            text.extend(entry_lines(self.imported_text, imported_key, indent));
        }
        self.edits.push(Edit::Insert { before, text });
    }

    fn list(&mut self, spec: &Node, spec_items: &[Node], imported_items: &[Node], path: &str) {
        let have: Vec<&str> = spec_items.iter().filter_map(Node::as_str).collect();
        let added: Vec<&str> = imported_items
            .iter()
            .filter_map(Node::as_str)
            .filter(|v| !have.contains(v))
            .collect();
        if added.is_empty() {
            return;
        }
        for value in &added {
            self.changes.push(Change {
                path: format!("{path}[{value}]"),
                line: spec.pos.line,
                drift: Drift::New,
            });
        }
        // Only a list written on one line, `[a, b]`, is extended in place.
        let line_index = spec.pos.line - 1;
        let Some(line) = self.spec_text.lines().nth(line_index) else {
            return;
        };
        let start = line.char_indices().nth(spec.pos.col - 1).map_or(line.len(), |(i, _)| i);
        if line[start..].starts_with('[') && line.trim_end().ends_with(']') {
            let mut items: Vec<String> = have.iter().map(|s| (*s).to_owned()).collect();
            items.extend(added.iter().map(|s| (*s).to_owned()));
            let text = format!("{}{}", &line[..start], super::write::flow_list(&items));
            self.edits.push(Edit::Replace { line: line_index, text });
        }
    }
}

/// A resource's list and instance paths with parameter names left out (`/Services/{}`), or
/// `None` for a node that is not a resource with a path.
fn resource_paths(node: &Node) -> Option<(Option<String>, Option<String>)> {
    let Kind::Map(entries) = &node.kind else { return None };
    let path = |key: &str| {
        let text = entries.iter().find(|(k, _)| k.as_str() == Some(key))?.1.as_str()?;
        Some(super::normalize(text))
    };
    let paths = (path("list_path"), path("instance_path"));
    (paths != (None, None)).then_some(paths)
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_owned()
    } else {
        format!("{path}.{key}")
    }
}

/// Whether a collection node was written in flow style (`{…}` or `[…]`).
fn is_flow(text: &str, node: &Node) -> bool {
    text.lines()
        .nth(node.pos.line - 1)
        .and_then(|l| l.chars().nth(node.pos.col - 1))
        .is_some_and(|c| c == '{' || c == '[')
}

fn is_scalar_list(items: &[Node]) -> bool {
    items.iter().all(|i| i.as_str().is_some())
}

/// Equal values, where `{type: T}` and `T` are the same parameter or field.
fn same_value(a: &Node, b: &Node) -> bool {
    fn canonical(n: &Node) -> String {
        match &n.kind {
            Kind::Map(entries) if entries.len() == 1 && entries[0].0.as_str() == Some("type") => render(&entries[0].1),
            _ => render(n),
        }
    }
    canonical(a) == canonical(b)
}

/// A node as one line of flow YAML, for reports and comparisons.
fn render(n: &Node) -> String {
    match &n.kind {
        Kind::Scalar { text, quoted: false } => text.clone(),
        Kind::Scalar { text, quoted: true } => super::write::scalar(text, true),
        Kind::Seq(items) => format!("[{}]", items.iter().map(render).collect::<Vec<_>>().join(", ")),
        Kind::Map(entries) => format!(
            "{{{}}}",
            entries
                .iter()
                .map(|(k, v)| format!("{}: {}", render(k), render(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

fn is_content(line: &str) -> bool {
    let trimmed = line.trim_start();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

/// The 0-based index of the line after the block that starts at the 1-based `line` and whose
/// entries are indented by `indent`: the first later content line indented less (or, for an
/// entry, `indent` itself gives the entry's end), less trailing blank and comment lines.
fn block_end(text: &str, line: usize, indent: usize) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, l) in lines.iter().enumerate().skip(line) {
        if is_content(l) && indent_of(l) < indent {
            end = i;
            break;
        }
    }
    while end > line && !is_content(lines[end - 1]) {
        end -= 1;
    }
    end
}

/// The lines of the imported entry whose key is `key`, re-indented to `indent`.
fn entry_lines(text: &str, key: &Node, indent: usize) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let own = key.pos.col - 1;
    let start = key.pos.line - 1;
    // The entry ends at the next content line at its own indentation or less.
    let mut end = lines.len();
    for (i, l) in lines.iter().enumerate().skip(start + 1) {
        if is_content(l) && indent_of(l) <= own {
            end = i;
            break;
        }
    }
    lines[start..end]
        .iter()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                let body = &l[own.min(indent_of(l))..];
                format!("{}{body}", " ".repeat(indent))
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPEC: &str = "\
# a comment that must survive
product: widgets
doc: Hand-written words.
enums:
  widget_status: [active, retired]
resources:
  widget:
    doc: One widget.
    fields:
      sid: sid<WD>
      name: string
    methods:
      fetch: {}
      create:
        doc: Makes one.
        params:
          Name: {type: string, required: true}

  gadget:
    fields:
      sid: string
";

    const IMPORTED: &str = "\
product: widgets
enums:
  widget_status: [active, retired, melted]
resources:
  widget:
    fields:
      sid: sid<WD>
      name: string
      size: integer
    methods:
      fetch: {}
      create:
        params:
          Name: {type: string, required: true}
          Color: string
      delete: {}
    resources:
      part:
        fields:
          sid: sid<WP>
        methods:
          fetch: {}
  gadget:
    fields:
      sid: sid<GD>
";

    fn lines(changes: &[Change]) -> Vec<String> {
        changes.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reports_new_differing_and_spec_only_entries_but_not_docs() {
        let spec = SPEC.replace("  gadget:", "  gizmo:\n    fields:\n      sid: string\n  gadget:");
        let changes = compare("spec/widgets/v1.yaml", &spec, IMPORTED).unwrap();
        assert_eq!(
            lines(&changes),
            [
                "new: enums.widget_status[melted]",
                "new: resources.widget.fields.size",
                "new: resources.widget.methods.create.params.Color",
                "new: resources.widget.methods.delete",
                "new: resources.widget.resources",
                "differs: resources.gadget.fields.sid (line 24): spec `string`, official `sid<GD>`",
                "only in spec: resources.gizmo (line 19)",
            ]
        );
    }

    #[test]
    fn update_adds_what_is_new_and_keeps_everything_written() {
        let (updated, _) = update("spec/widgets/v1.yaml", SPEC, IMPORTED).unwrap();
        let expected = "\
# a comment that must survive
product: widgets
doc: Hand-written words.
enums:
  widget_status: [active, retired, melted]
resources:
  widget:
    doc: One widget.
    fields:
      sid: sid<WD>
      name: string
      size: integer
    methods:
      fetch: {}
      create:
        doc: Makes one.
        params:
          Name: {type: string, required: true}
          Color: string
      delete: {}
    resources:
      part:
        fields:
          sid: sid<WP>
        methods:
          fetch: {}

  gadget:
    fields:
      sid: string
";
        assert_eq!(updated, expected);
        // Applying the import again finds nothing new: only the hand-kept difference is left.
        let again = compare("spec/widgets/v1.yaml", &updated, IMPORTED).unwrap();
        assert_eq!(
            lines(&again),
            ["differs: resources.gadget.fields.sid (line 30): spec `string`, official `sid<GD>`"]
        );
    }

    #[test]
    fn a_resource_renamed_by_hand_is_found_by_its_paths() {
        let imported = "resources:\n  lookup_response:\n    instance_path: /PhoneNumbers/{PhoneNumber}\n    methods:\n      fetch: {}\n      delete: {}\n";
        let spec =
            "resources:\n  phone_number:\n    instance_path: /PhoneNumbers/{Number}\n    methods:\n      fetch: {}\n";
        let changes = compare("spec/lookups/v2.yaml", spec, imported).unwrap();
        assert_eq!(
            lines(&changes),
            [
                "differs: resources.phone_number.instance_path (line 3): spec `/PhoneNumbers/{Number}`, official `/PhoneNumbers/{PhoneNumber}`",
                "new: resources.phone_number.methods.delete",
            ]
        );
        // Other paths are another resource.
        let elsewhere = spec.replace("/PhoneNumbers/{Number}", "/Numbers/{Number}");
        let changes = compare("spec/lookups/v2.yaml", &elsewhere, imported).unwrap();
        assert_eq!(
            lines(&changes),
            [
                "new: resources.lookup_response",
                "only in spec: resources.phone_number (line 2)"
            ]
        );
    }

    #[test]
    fn a_resource_given_a_list_path_by_hand_is_found_by_its_instance_path() {
        let imported = "resources:\n  inbound:\n    instance_path: /Reports/Inbound/{reportId}\n    resources:\n      row:\n        list_path: /Reports/Inbound/{reportId}\n";
        let spec = "resources:\n  inbound_report:\n    list_path: /Reports/Inbound\n    instance_path: /Reports/Inbound/{ReportId}\n    resources:\n      row:\n        list_path: /Reports/Inbound/{reportId}\n";
        let changes = compare("spec/x/v1.yaml", spec, imported).unwrap();
        assert_eq!(
            lines(&changes),
            ["differs: resources.inbound_report.instance_path (line 4): spec `/Reports/Inbound/{ReportId}`, official `/Reports/Inbound/{reportId}`"]
        );
    }

    #[test]
    fn an_input_renamed_by_hand_is_found_by_its_members() {
        let imported = "inputs:\n  create_report_response_time_range:\n    fields:\n      start: date-time\n";
        let spec = "inputs:\n  report_time_range:\n    fields:\n      start: date-time\n";
        assert!(compare("spec/x/v1.yaml", spec, imported).unwrap().is_empty());
        let other = "inputs:\n  report_time_range:\n    fields:\n      end: date-time\n";
        assert_eq!(
            lines(&compare("spec/x/v1.yaml", other, imported).unwrap()),
            [
                "new: inputs.create_report_response_time_range",
                "only in spec: inputs.report_time_range (line 2)"
            ]
        );
    }

    #[test]
    fn a_malformed_spec_is_a_located_error() {
        let error = compare("spec/widgets/v1.yaml", "resources:\n\twidget: {}\n", IMPORTED).unwrap_err();
        assert_eq!(error.file, "spec/widgets/v1.yaml");
        assert_eq!(error.pos.line, 2, "{error}");
    }
}
