//! Facts about raw values shared by several rules, so that one mistake gets one diagnostic:
//! a key wrapped in quotes is a `quoted-value`, and the rules that check the key's shape look
//! away (they call [`has_surface_problem`]).

/// Characters that are invisible, look like others, or do not belong in a config file:
/// returns a short name for the message, or `None` for an ordinary character.
pub fn invisible_character_name(ch: char) -> Option<&'static str> {
    Some(match ch {
        '\u{feff}' => "a byte-order mark (U+FEFF)",
        '\u{00a0}' => "a non-breaking space (U+00A0)",
        '\u{200b}' => "a zero-width space (U+200B)",
        '\u{200c}' => "a zero-width non-joiner (U+200C)",
        '\u{200d}' => "a zero-width joiner (U+200D)",
        '\u{2060}' => "a word joiner (U+2060)",
        '\u{00ad}' => "a soft hyphen (U+00AD)",
        '\u{2028}' => "a line separator (U+2028)",
        '\u{2029}' => "a paragraph separator (U+2029)",
        '\u{202f}' => "a narrow non-breaking space (U+202F)",
        '\u{3000}' => "an ideographic space (U+3000)",
        '\u{2000}'..='\u{200a}' => "a typographic space (U+2000..U+200A)",
        '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            "a text-direction mark"
        }
        '\u{2018}' | '\u{2019}' => "a curly single quote",
        '\u{201c}' | '\u{201d}' => "a curly double quote",
        '\u{fffd}' => "a replacement character (U+FFFD, from bytes that were not UTF-8)",
        '\r' => "a carriage return (CR) that is not part of a line ending",
        c if c.is_control() && c != '\t' => "a control character",
        _ => return None,
    })
}

/// True when the value is wrapped in matching quotes: `"x"`, `'x'`, backticks, or curly
/// quotes.
pub fn is_quoted(value: &str) -> bool {
    let mut chars = value.chars();
    let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
        return false;
    };
    matches!(
        (first, last),
        ('"', '"')
            | ('\'', '\'')
            | ('`', '`')
            | ('\u{201c}', '\u{201d}')
            | ('\u{2018}', '\u{2019}')
    )
}

/// True when another rule already reports this value (quotes, invisible characters), so
/// shape checks should stay silent.
pub fn has_surface_problem(value: &str) -> bool {
    if is_quoted(value) {
        return true;
    }
    // Printable ASCII has no invisible character: decide on the bytes when possible.
    if value
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) || b == b'\t')
    {
        return false;
    }
    value.chars().any(|c| invisible_character_name(c).is_some())
}

pub use crate::model::{looks_like_secret, may_quote};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_are_never_quoted() {
        let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        assert!(!may_quote("aws_access_key_id", "AKIAIOSFODNN7EXAMPLE"));
        assert!(!may_quote("aws_secret_access_key", "x"));
        assert!(!may_quote("region", secret));
        assert!(!may_quote("note", &format!("prefix {secret}")));
        assert!(may_quote("region", "us-east-1"));
        assert!(may_quote(
            "role_arn",
            "arn:aws:iam::123456789012:role/OrganizationAccountAccessRole"
        ));
    }

    #[test]
    fn quotes_and_invisibles() {
        assert!(is_quoted("\"AKIA\""));
        assert!(is_quoted("'x'"));
        assert!(!is_quoted("\"x"));
        assert!(!is_quoted("\""));
        assert!(has_surface_problem("AKIA\u{200b}"));
        assert!(!has_surface_problem("AKIAIOSFODNN7EXAMPLE"));
        assert_eq!(invisible_character_name('\t'), None);
        assert_eq!(invisible_character_name('é'), None);
    }
}
