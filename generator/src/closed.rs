//! The closed value sets of the spec formats (`dates: rfc2822`, `http: PUT`, `in: header`, …).
//!
//! Each set is one macro invocation: the Rust enum, the spellings the key tables accept (and
//! the JSON Schema lists) and the decoding come from the same list, so a value cannot be
//! accepted by the key check and then misread by a later `match`.

/// A set of values a spec key accepts, decoded into a Rust enum where the spec is read.
pub trait ClosedSet: Sized + Copy + 'static {
    /// Every accepted spelling, in declaration order.
    const VALUES: &'static [&'static str];
    /// The value spelled `text`, if it is one.
    fn from_text(text: &str) -> Option<Self>;
}

macro_rules! closed_set {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl ClosedSet for $name {
            const VALUES: &'static [&'static str] = &[$($text),*];
            fn from_text(text: &str) -> Option<Self> {
                match text {
                    $($text => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }

        impl $name {
            /// The spelling in spec files.
            #[allow(dead_code)]
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)*
                }
            }
        }
    };
}

closed_set! {
    /// How `date-time` response fields arrive (`dates:`).
    DateStyle {
        Iso8601 = "iso8601",
        Rfc2822 = "rfc2822",
    }
}

closed_set! {
    /// The list envelope of a product (`paging:`).
    Paging {
        /// API v2010: records next to a relative `next_page_uri`.
        V2010 = "v2010",
        /// `meta.next_page_url`.
        Meta = "meta",
        /// Numbered pages: `has_next` and `current_page`, the next one asked for with `Page`.
        Pages = "pages",
    }
}

closed_set! {
    /// How requests of a product authenticate (`auth:`).
    Auth {
        /// Account SID (or API key) and secret, `Authorization: Basic`.
        Basic = "basic",
        /// The client's OAuth access token, `Authorization: Bearer` (Organizations).
        Bearer = "bearer",
    }
}

closed_set! {
    /// An HTTP verb (`http:`).
    Http {
        Get = "GET",
        Post = "POST",
        Put = "PUT",
        Patch = "PATCH",
        Delete = "DELETE",
    }
}

closed_set! {
    /// Where a parameter travels (`in:`).
    Location {
        Query = "query",
        Form = "form",
        Json = "json",
        /// The whole JSON body (an input of one of several shapes).
        Body = "body",
        Header = "header",
    }
}

closed_set! {
    /// How a method's body parameters are encoded (`body:`).
    Body {
        Form = "form",
        Json = "json",
    }
}

closed_set! {
    /// What a custom action returns (`returns:`).
    ActionReturns {
        /// The resource's model.
        Model = "model",
        /// Nothing: a success has no body.
        Nothing = "none",
    }
}

closed_set! {
    /// How a TwiML element holds text (`text:`).
    Text {
        /// No text content.
        None = "none",
        /// Optional text, set with `.text(…)`.
        Optional = "optional",
        /// Text is a constructor argument.
        Required = "required",
        /// Text runs interleaved with child elements (`<Say>` with SSML).
        Mixed = "mixed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<T: ClosedSet + PartialEq + std::fmt::Debug>(as_str: fn(T) -> &'static str) {
        for text in T::VALUES {
            let value = T::from_text(text).unwrap_or_else(|| panic!("{text} does not decode"));
            assert_eq!(as_str(value), *text);
        }
        assert_eq!(T::from_text("bogus"), None);
    }

    #[test]
    fn every_accepted_spelling_decodes_to_its_own_value() {
        round_trips::<DateStyle>(DateStyle::as_str);
        round_trips::<Paging>(Paging::as_str);
        round_trips::<Auth>(Auth::as_str);
        round_trips::<Http>(Http::as_str);
        round_trips::<Location>(Location::as_str);
        round_trips::<Body>(Body::as_str);
        round_trips::<ActionReturns>(ActionReturns::as_str);
        round_trips::<Text>(Text::as_str);
        assert_eq!(Http::VALUES, ["GET", "POST", "PUT", "PATCH", "DELETE"]);
    }
}
