//! What an operation answers: its JSON schema per status, objects described in place,
//! bodiless successes and redirects.

use super::openapi;

/// Redirect statuses an operation can answer with as its success (Bulk Exports' days).
pub(super) const REDIRECTS: &[&str] = &["301", "302", "303", "307", "308"];

/// The object an operation answers with when it is described in place rather than by reference
/// (and is not a page).
pub(super) fn inline_model<'n>(op: &openapi::Obj<'n>) -> Option<openapi::Obj<'n>> {
    ["200", "201", "202"].iter().find_map(|code| {
        let schema = json_response(op, code)?;
        let properties = schema.properties();
        let is_page = properties
            .iter()
            .any(|(_, p)| p.get("items").and_then(|i| i.str_at("$ref")).is_some());
        (schema.get("$ref").is_none() && !properties.is_empty() && !is_page).then_some(schema)
    })
}

/// Whether an operation succeeds without a body: a `204`, or a `200`/`202` without content (but
/// not a `3xx` redirect, whose body is the answer, nor a body of another media type, such as
/// SCIM's `application/scim+json`).
pub(super) fn answers_nothing(verb: &str, op: &openapi::Obj) -> bool {
    let Some(responses) = op.get("responses") else {
        return false;
    };
    let codes: Vec<String> = responses
        .entries()
        .into_iter()
        .map(|(code, _)| code.to_owned())
        .collect();
    let redirects = codes.iter().any(|c| c.starts_with('3'));
    let empty_success = codes.iter().any(|c| c == "204")
        || (verb == "delete" && codes.iter().any(|c| c.starts_with('2')))
        || ["200", "201", "202"].iter().any(|c| codes.iter().any(|k| k == c))
            && ["200", "201", "202"]
                .iter()
                .all(|code| responses.get(code).and_then(|r| r.get("content")).is_none());
    empty_success && !redirects
}

/// The JSON dialect a success answers in, where it is not `application/json` (SCIM's
/// `application/scim+json`).
pub(super) fn json_dialect<'n>(op: &openapi::Obj<'n>) -> Option<&'n str> {
    let responses = op.get("responses")?;
    ["200", "201", "202"].iter().find_map(|code| {
        let content = responses.get(code)?.get("content")?;
        if content.get("application/json").is_some() {
            return None;
        }
        content
            .entries()
            .into_iter()
            .map(|(media, _)| media)
            .find(|media| media.starts_with("application/") && media.ends_with("+json"))
    })
}

/// The JSON schema an operation answers with for the status `code`.
pub(super) fn json_response<'n>(op: &openapi::Obj<'n>, code: &str) -> Option<openapi::Obj<'n>> {
    op.get("responses")?
        .get(code)?
        .get("content")?
        .json_media()?
        .get("schema")
}
