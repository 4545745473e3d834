//! Writes spec YAML: plain scalars where YAML reads them back as the same text, double-quoted
//! ones otherwise, so that an imported file loads with the generator's own parser.

/// A scalar as YAML text: plain when that reads back unchanged (and not as a boolean, a number
/// or null), else double-quoted with escapes. `flow` is set inside `[…]`/`{…}`, where commas
/// and brackets end a plain scalar.
pub fn scalar(text: &str, flow: bool) -> String {
    if is_plain(text, flow) {
        text.to_owned()
    } else {
        quoted(text)
    }
}

fn is_plain(text: &str, flow: bool) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if !(first.is_ascii_alphanumeric() || first == '/' || first == '_' || first == '+') {
        return false;
    }
    if text.ends_with(' ') || text.contains(": ") || text.contains(" #") || text.ends_with(':') {
        return false;
    }
    let special_in_flow = |c: char| matches!(c, ',' | '[' | ']' | '{' | '}');
    if text
        .chars()
        .any(|c| c.is_control() || c == '"' || c == '\'' || c == '\\' || (flow && special_in_flow(c)))
    {
        return false;
    }
    // Words YAML 1.1 or 1.2 loaders read as something other than text, and numbers.
    let lower = text.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "~"
    ) {
        return false;
    }
    if text.parse::<f64>().is_ok() || text.starts_with("0x") || text.starts_with("0o") {
        return false;
    }
    true
}

fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `[a, b, "c, d"]`.
pub fn flow_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|i| scalar(i, true)).collect();
    format!("[{}]", items.join(", "))
}

/// Builds indented block YAML line by line.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// `key: value` at `depth` (two spaces per level).
    pub fn entry(&mut self, depth: usize, key: &str, value: &str) {
        self.line(depth, &format!("{}: {value}", scalar(key, false)));
    }

    /// `key:` opening a nested mapping.
    pub fn open(&mut self, depth: usize, key: &str) {
        self.line(depth, &format!("{}:", scalar(key, false)));
    }

    /// A raw line (a comment, say) at `depth`.
    pub fn line(&mut self, depth: usize, text: &str) {
        for _ in 0..depth {
            self.out.push_str("  ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_are_plain_only_when_they_read_back_as_the_same_text() {
        for plain in [
            "string",
            "sid<SM|MM>",
            "/Services/{Sid}",
            "enum<call_status>",
            "in-progress",
            "DateSent<",
        ] {
            assert_eq!(scalar(plain, false), plain);
        }
        for (text, written) in [
            ("true", "\"true\""),
            ("No", "\"No\""),
            ("2010", "\"2010\""),
            ("", "\"\""),
            ("*", "\"*\""),
            ("a: b", "\"a: b\""),
            ("say \"hi\"", "\"say \\\"hi\\\"\""),
            ("-1", "\"-1\""),
        ] {
            assert_eq!(scalar(text, false), written, "{text}");
        }
        assert_eq!(
            flow_list(&["a".into(), "b,c".into(), "{x}".into()]),
            r#"[a, "b,c", "{x}"]"#
        );
    }

    #[test]
    fn written_yaml_reads_back() {
        let values = [
            "true", "x: y", "#tag", "a,b", "- item", "?", "@at", "`tick`", "%p", "&a", "!t", "|", ">",
        ];
        let mut w = Writer::default();
        w.open(0, "values");
        for (i, v) in values.iter().enumerate() {
            w.entry(1, &format!("k{i}"), &scalar(v, false));
        }
        w.entry(
            1,
            "list",
            &flow_list(&values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>()),
        );
        let text = w.finish();
        let root = crate::yaml::parse("t.yaml", &text).unwrap_or_else(|d| panic!("{d}\n{text}"));
        let crate::yaml::Kind::Map(top) = &root.kind else {
            panic!()
        };
        let crate::yaml::Kind::Map(entries) = &top[0].1.kind else {
            panic!()
        };
        for (i, v) in values.iter().enumerate() {
            assert_eq!(entries[i].1.as_str(), Some(*v), "{text}");
        }
        let crate::yaml::Kind::Seq(list) = &entries[values.len()].1.kind else {
            panic!("{text}")
        };
        let read: Vec<&str> = list.iter().filter_map(|n| n.as_str()).collect();
        assert_eq!(read, values);
    }
}
