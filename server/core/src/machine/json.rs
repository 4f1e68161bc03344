//! Just enough JSON (RFC 8259, strict) to read an SSO token cache file as the SDKs do: the
//! members of the top-level object, each a string or something else. Nested values are
//! checked and skipped without recursion, so no input can exhaust the stack; the cost is
//! linear in the input.
//!
//! Strict means: no byte-order mark, no comments, no trailing commas, no `NaN` or
//! `Infinity`, no unpaired surrogate escape, nothing after the value but whitespace. The
//! AWS SDK for Rust's reader (aws-smithy-json) refuses all of these; Python's `json`, which
//! botocore uses, accepts `NaN`, `Infinity` and unpaired surrogates (files no tool writes).

/// A member's value: its text when it is a string, else only that it is something else.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    String(String),
    Other,
}

/// Why a text is not a JSON object, for messages: what was found and at which byte.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub at: usize,
    pub problem: &'static str,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} at byte {}", self.problem, self.at)
    }
}

/// The members of the object that `text` holds, in order (a repeated name appears twice; a
/// reader keeps the last). `Err` when `text` is not a JSON object, or is not valid JSON.
pub fn object_members(text: &str) -> Result<Vec<(String, Value)>, Error> {
    let mut p = Parser {
        bytes: text.as_bytes(),
        at: 0,
    };
    p.whitespace();
    if p.peek() != Some(b'{') {
        return Err(p.error(if p.peek().is_none() {
            "no JSON value"
        } else {
            "not a JSON object"
        }));
    }
    p.at += 1;
    let mut members = Vec::new();
    p.whitespace();
    if p.peek() == Some(b'}') {
        p.at += 1;
    } else {
        loop {
            p.whitespace();
            let name = p.string()?;
            p.whitespace();
            p.expect(b':', "expected `:`")?;
            p.whitespace();
            let value = if p.peek() == Some(b'"') {
                Value::String(p.string()?)
            } else {
                p.skip_value()?;
                Value::Other
            };
            members.push((name, value));
            p.whitespace();
            match p.next() {
                Some(b',') => continue,
                Some(b'}') => break,
                _ => return Err(p.error_before("expected `,` or `}`")),
            }
        }
    }
    p.whitespace();
    if p.peek().is_some() {
        return Err(p.error("text after the JSON object"));
    }
    Ok(members)
}

struct Parser<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        Some(byte)
    }

    fn error(&self, problem: &'static str) -> Error {
        Error {
            at: self.at,
            problem,
        }
    }

    fn error_before(&self, problem: &'static str) -> Error {
        Error {
            at: self.at.saturating_sub(1),
            problem,
        }
    }

    fn expect(&mut self, byte: u8, problem: &'static str) -> Result<(), Error> {
        if self.next() == Some(byte) {
            Ok(())
        } else {
            Err(self.error_before(problem))
        }
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A string, unescaped; the parser is on its opening quote.
    fn string(&mut self) -> Result<String, Error> {
        if self.peek() != Some(b'"') {
            return Err(self.error("expected a string"));
        }
        self.at += 1;
        let mut out = String::new();
        loop {
            let start = self.at;
            while let Some(b) = self.peek() {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.at += 1;
            }
            // The input is a `str` and we stop only at ASCII bytes: a char boundary.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).expect("utf-8"));
            match self.next() {
                Some(b'"') => return Ok(out),
                Some(b'\\') => {}
                Some(_) => return Err(self.error_before("a control character in a string")),
                None => return Err(self.error("an unterminated string")),
            }
            let escape = self
                .next()
                .ok_or_else(|| self.error("an unterminated string"))?;
            let c = match escape {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => {
                    let first = self.hex4()?;
                    let code = if (0xD800..0xDC00).contains(&first) {
                        if self.next() != Some(b'\\') || self.next() != Some(b'u') {
                            return Err(self.error_before("an unpaired surrogate escape"));
                        }
                        let second = self.hex4()?;
                        if !(0xDC00..0xE000).contains(&second) {
                            return Err(self.error_before("an unpaired surrogate escape"));
                        }
                        0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                    } else if (0xDC00..0xE000).contains(&first) {
                        return Err(self.error_before("an unpaired surrogate escape"));
                    } else {
                        first
                    };
                    char::from_u32(code).ok_or_else(|| self.error("an invalid escape"))?
                }
                _ => return Err(self.error_before("an invalid escape")),
            };
            out.push(c);
        }
    }

    fn hex4(&mut self) -> Result<u32, Error> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = self
                .next()
                .and_then(|b| (b as char).to_digit(16))
                .ok_or_else(|| self.error_before("an invalid \\u escape"))?;
            value = value * 16 + digit;
        }
        Ok(value)
    }

    /// Skips one value of any kind, nested ones included, with a stack instead of recursion.
    fn skip_value(&mut self) -> Result<(), Error> {
        // Open containers: `true` for an object, `false` for an array.
        let mut open: Vec<bool> = Vec::new();
        loop {
            self.whitespace();
            // A value.
            match self.peek() {
                Some(b'{') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() == Some(b'}') {
                        self.at += 1;
                    } else {
                        open.push(true);
                        self.member_name()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() == Some(b']') {
                        self.at += 1;
                    } else {
                        open.push(false);
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b't') => self.literal(b"true")?,
                Some(b'f') => self.literal(b"false")?,
                Some(b'n') => self.literal(b"null")?,
                Some(b'-' | b'0'..=b'9') => self.number()?,
                Some(_) => return Err(self.error("expected a JSON value")),
                None => return Err(self.error("an unterminated value")),
            }
            // After a value: close what ends here, or go on to the next element.
            loop {
                let Some(&object) = open.last() else {
                    return Ok(());
                };
                self.whitespace();
                match (self.next(), object) {
                    (Some(b','), true) => {
                        self.whitespace();
                        self.member_name()?;
                        break;
                    }
                    (Some(b','), false) => break,
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        open.pop();
                    }
                    (_, true) => return Err(self.error_before("expected `,` or `}`")),
                    (_, false) => return Err(self.error_before("expected `,` or `]`")),
                }
            }
        }
    }

    /// `"name":` inside an object being skipped.
    fn member_name(&mut self) -> Result<(), Error> {
        self.string()?;
        self.whitespace();
        self.expect(b':', "expected `:`")
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), Error> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(self.error("expected a JSON value"))
        }
    }

    fn number(&mut self) -> Result<(), Error> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.next() {
            Some(b'0') => {}
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error_before("an invalid number")),
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("an invalid number"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !self.peek().is_some_and(|b| b.is_ascii_digit()) {
                return Err(self.error("an invalid number"));
            }
            self.digits();
        }
        Ok(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_digit()) {
            self.at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Value)> {
        object_members(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
    }

    #[test]
    fn members_of_a_token_file() {
        let text = r#"{"startUrl": "https://d-1.awsapps.com/start", "region": "us-east-1",
            "accessToken": "a\"b\\c\u00e9\ud83d\ude00", "expiresAt": "2026-01-01T00:00:00Z",
            "n": -1.5e+3, "o": {"x": [1, {"y": null}, []], "z": {}}, "t": true, "f": false}"#;
        let members = names(text);
        let get = |name: &str| members.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        assert_eq!(
            get("accessToken"),
            Some(&Value::String("a\"b\\c\u{e9}\u{1f600}".to_string()))
        );
        assert_eq!(get("n"), Some(&Value::Other));
        assert_eq!(get("o"), Some(&Value::Other));
        assert_eq!(members.len(), 8);
        assert_eq!(names(" {} \n"), []);
        assert_eq!(
            names(r#"{"a":"1","a":"2"}"#),
            [
                ("a".to_string(), Value::String("1".to_string())),
                ("a".to_string(), Value::String("2".to_string()))
            ]
        );
    }

    #[test]
    fn what_is_not_a_json_object() {
        for text in [
            "",
            "   ",
            "[]",
            "\"x\"",
            "\u{feff}{}",
            "{",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{\"a\":1} x",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":-}",
            "{\"a\":NaN}",
            "{\"a\":Infinity}",
            "{\"a\":tru}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udc00\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":[1,]}",
            "{\"a\":[1 2]}",
            "{\"a\":{\"b\" 1}}",
            "{\"a\":{\"b\":1,}}",
            "{\"a\":[}",
            "{\"a\":\"x",
            "{'a':1}",
            "{\"a\":1} // comment",
        ] {
            assert!(object_members(text).is_err(), "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_does_not_exhaust_the_stack() {
        let depth = 1_000_000;
        let text = format!("{{\"a\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        assert_eq!(names(&text).len(), 1);
        let open = format!("{{\"a\":{}", "[{\"b\":".repeat(depth));
        assert!(object_members(&open).is_err());
    }
}
