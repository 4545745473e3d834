//! Region and edge routing: `{product}.twilio.com` → `{product}.{edge}.{region}.twilio.com`,
//! the algorithm every official library uses, applied to every request and followed link.

/// Rewrites the host of `host` for the configured region and edge; unchanged when neither is set.
pub(crate) fn rewrite_host(host: &str, region: Option<&str>, edge: Option<&str>) -> String {
    if region.is_none() && edge.is_none() {
        return host.to_owned();
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 3 {
        return host.to_owned();
    }
    let product = labels[0];
    let suffix = &labels[labels.len() - 2..];
    let (url_edge, url_region) = match labels.len() {
        4 => (None, Some(labels[1])),
        5 => (Some(labels[1]), Some(labels[2])),
        _ => (None, None),
    };
    let edge = edge.or(url_edge);
    // An edge without a region means the region us1.
    let region = region.or(url_region).or(edge.map(|_| "us1"));
    let mut parts = vec![product];
    parts.extend(edge);
    parts.extend(region);
    parts.extend(suffix.iter().copied());
    parts.join(".")
}

/// Splits `scheme://host[:port]/rest` into origin (`scheme://host[:port]`) and the rest.
pub(crate) fn split_origin(url: &str) -> Option<(&str, &str)> {
    let after_scheme = url.find("://")? + 3;
    let end = url[after_scheme..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| after_scheme + i);
    Some((&url[..end], &url[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_official_table() {
        let cases = [
            (None, Some("edge"), "api.twilio.com", "api.edge.us1.twilio.com"),
            (Some("us1"), None, "api.twilio.com", "api.us1.twilio.com"),
            (
                Some("region"),
                Some("edge"),
                "api.twilio.com",
                "api.edge.region.twilio.com",
            ),
            (
                Some("region"),
                None,
                "api.edge.uriRegion.twilio.com",
                "api.edge.region.twilio.com",
            ),
            (
                Some("au1"),
                Some("sydney"),
                "api.twilio.com",
                "api.sydney.au1.twilio.com",
            ),
            (None, Some("dublin"), "api.au1.twilio.com", "api.dublin.au1.twilio.com"),
            (None, None, "verify.twilio.com", "verify.twilio.com"),
        ];
        for (region, edge, host, expected) in cases {
            assert_eq!(rewrite_host(host, region, edge), expected, "{region:?} {edge:?} {host}");
        }
    }

    #[test]
    fn splits_origins() {
        assert_eq!(split_origin("https://a.b/c?d"), Some(("https://a.b", "/c?d")));
        assert_eq!(split_origin("http://127.0.0.1:9/x"), Some(("http://127.0.0.1:9", "/x")));
        assert_eq!(split_origin("https://a.b?x"), Some(("https://a.b", "?x")));
        assert_eq!(split_origin("/relative"), None);
    }
}
