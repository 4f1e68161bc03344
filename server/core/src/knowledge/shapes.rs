//! The shapes of values: booleans, integers, ARNs, account ids, URLs, and the sizes and rates
//! of the AWS CLI's `s3` settings. Each function follows what the tools accept (noted where
//! they differ).

/// The partitions an ARN may name.
pub const PARTITIONS: &[&str] = &[
    "aws",
    "aws-cn",
    "aws-us-gov",
    "aws-eusc",
    "aws-iso",
    "aws-iso-b",
    "aws-iso-e",
    "aws-iso-f",
];

/// `true` or `false` in any case: the SDKs for Rust and Java and botocore all ignore the case.
pub fn parse_bool(value: &str) -> Option<bool> {
    if value.eq_ignore_ascii_case("true") {
        Some(true)
    } else if value.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// A whole number: optional sign, then ASCII digits (what both Rust's `parse` and Python's
/// `int` accept, leaving out Python's `_` separators).
pub fn parse_integer(value: &str) -> Option<i64> {
    let digits = value.strip_prefix(['+', '-']).unwrap_or(value);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    value.parse().ok()
}

/// Twelve ASCII digits.
pub fn is_account_id(value: &str) -> bool {
    value.len() == 12 && value.bytes().all(|b| b.is_ascii_digit())
}

/// The parts of `arn:partition:service:region:account:resource`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Arn<'a> {
    pub partition: &'a str,
    pub service: &'a str,
    pub region: &'a str,
    pub account: &'a str,
    /// Everything after the fifth `:` (it may contain `:` and `/`).
    pub resource: &'a str,
}

/// Splits an ARN into its parts; `None` when it does not start with `arn:` or has fewer than
/// six parts. The parts are not checked.
pub fn parse_arn(value: &str) -> Option<Arn<'_>> {
    let rest = value.strip_prefix("arn:")?;
    // `splitn(5, ':')` by hand: one pass over the bytes instead of a searcher per part (role
    // ARNs are checked in every profile). `:` is ASCII, so every cut is a char boundary.
    let mut cuts = [0usize; 4];
    let mut found = 0;
    for (i, &b) in rest.as_bytes().iter().enumerate() {
        if b == b':' {
            cuts[found] = i;
            found += 1;
            if found == cuts.len() {
                break;
            }
        }
    }
    if found < cuts.len() {
        return None;
    }
    let partition = &rest[..cuts[0]];
    let service = &rest[cuts[0] + 1..cuts[1]];
    let region = &rest[cuts[1] + 1..cuts[2]];
    let account = &rest[cuts[2] + 1..cuts[3]];
    let resource = &rest[cuts[3] + 1..];
    Some(Arn {
        partition,
        service,
        region,
        account,
        resource,
    })
}

/// What is wrong with an ARN given as an IAM role ARN.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleArnProblem {
    /// Not `arn:…` with six parts.
    NotAnArn,
    /// The partition is not one of [`PARTITIONS`].
    UnknownPartition,
    /// An STS assumed-role session ARN (`arn:aws:sts::123456789012:assumed-role/Name/session`).
    AssumedRole,
    /// Another service than `iam`.
    NotIam,
    /// IAM ARNs have an empty Region part.
    HasRegion,
    /// The account part is not 12 digits.
    BadAccount,
    /// An IAM ARN of something other than a role (`user/…`, `policy/…`).
    NotARole,
    /// `role/` followed by nothing, a trailing `/`, or characters IAM does not allow.
    BadRoleName,
}

/// Checks `arn:<partition>:iam::<12 digits>:role/<path/name>`.
pub fn check_role_arn(value: &str) -> Result<(), RoleArnProblem> {
    let arn = parse_arn(value).ok_or(RoleArnProblem::NotAnArn)?;
    if !PARTITIONS.contains(&arn.partition) {
        return Err(RoleArnProblem::UnknownPartition);
    }
    if arn.service == "sts" && arn.resource.starts_with("assumed-role/") {
        return Err(RoleArnProblem::AssumedRole);
    }
    if arn.service != "iam" {
        return Err(RoleArnProblem::NotIam);
    }
    if !arn.region.is_empty() {
        return Err(RoleArnProblem::HasRegion);
    }
    if !is_account_id(arn.account) {
        return Err(RoleArnProblem::BadAccount);
    }
    let Some(name) = arn.resource.strip_prefix("role/") else {
        return Err(RoleArnProblem::NotARole);
    };
    let valid = !name.is_empty()
        && !name.ends_with('/')
        && !name.starts_with('/')
        && name.rsplit('/').next().is_some_and(|n| n.len() <= 64)
        && name.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'_' | b'+' | b'=' | b',' | b'.' | b'@' | b'-' | b'/')
        });
    if valid {
        Ok(())
    } else {
        Err(RoleArnProblem::BadRoleName)
    }
}

/// The role ARN an STS assumed-role ARN was issued for, for a message (the role's path is not
/// in the session ARN, so this is only right for roles without a path).
pub fn role_arn_of_assumed_role(value: &str) -> Option<String> {
    let arn = parse_arn(value)?;
    let rest = arn.resource.strip_prefix("assumed-role/")?;
    let (role, _session) = rest.split_once('/')?;
    Some(format!(
        "arn:{}:iam::{}:role/{}",
        arn.partition, arn.account, role
    ))
}

/// An ARN with a known partition, a service and a resource.
pub fn is_arn(value: &str) -> bool {
    parse_arn(value).is_some_and(|arn| {
        PARTITIONS.contains(&arn.partition)
            && !arn.service.is_empty()
            && arn
                .service
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !arn.resource.is_empty()
            && !value.bytes().any(|b| b.is_ascii_whitespace())
    })
}

/// An MFA device as `mfa_serial` takes it: an ARN (a virtual or U2F device), or a hardware
/// device's serial number (IAM: 9 to 256 characters of `[\w+=/:,.@-]`).
pub fn is_mfa_serial(value: &str) -> bool {
    if value.starts_with("arn:") {
        return is_arn(value);
    }
    (9..=256).contains(&value.len())
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_+=/:,.@-".contains(&b))
}

/// What is wrong with a URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlProblem {
    /// No `scheme://` at all.
    NoScheme,
    /// A scheme other than `http` or `https`.
    BadScheme,
    /// `http://` where `https://` is needed.
    NotHttps,
    /// Nothing between `://` and the path.
    NoHost,
    /// Spaces or other whitespace inside.
    Whitespace,
}

/// Checks an `http(s)://host…` URL; with `https_only`, `http://` is a problem too.
pub fn check_url(value: &str, https_only: bool) -> Result<(), UrlProblem> {
    if value.bytes().any(|b| b.is_ascii_whitespace()) {
        return Err(UrlProblem::Whitespace);
    }
    let Some((scheme, rest)) = value.split_once("://") else {
        return Err(UrlProblem::NoScheme);
    };
    let scheme_ok = if https_only {
        scheme.eq_ignore_ascii_case("https")
    } else {
        scheme.eq_ignore_ascii_case("https") || scheme.eq_ignore_ascii_case("http")
    };
    if !scheme_ok {
        return Err(if https_only && scheme.eq_ignore_ascii_case("http") {
            UrlProblem::NotHttps
        } else {
            UrlProblem::BadScheme
        });
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if host.is_empty() || host.starts_with(':') {
        return Err(UrlProblem::NoHost);
    }
    Ok(())
}

/// A size as the AWS CLI's `s3` settings take it: bytes (`1048576`), or a whole number with a
/// suffix `KB`, `MB`, `GB`, `TB`, `KiB`, `MiB`, `GiB`, `TiB` in any case (all powers of 1024).
pub fn parse_size(value: &str) -> Option<u64> {
    let lower = value.to_ascii_lowercase();
    let suffix_len = if lower.ends_with("ib") { 3 } else { 2 };
    // `split_at_checked`: a multi-byte character before the suffix must not panic.
    let (number, multiplier) = match lower
        .len()
        .checked_sub(suffix_len)
        .and_then(|i| lower.split_at_checked(i))
    {
        Some((number, "kb" | "kib")) => (number, 1u64 << 10),
        Some((number, "mb" | "mib")) => (number, 1 << 20),
        Some((number, "gb" | "gib")) => (number, 1 << 30),
        Some((number, "tb" | "tib")) => (number, 1 << 40),
        _ => (lower.as_str(), 1),
    };
    let number = u64::try_from(parse_python_int(number)?).ok()?;
    Some(number.saturating_mul(multiplier))
}

/// A rate as the AWS CLI's `s3` settings take it: bytes per second (`1048576`), or a size
/// followed by `B/s` (bytes) or `b/s` (bits): `50MB/s`, `10Mb/s`, `1024B/s`. Returns bytes
/// per second.
pub fn parse_rate(value: &str) -> Option<u64> {
    if let Some(prefix) = value
        .strip_suffix("B/s")
        .or_else(|| value.strip_suffix("b/s"))
    {
        let bits = value.ends_with("b/s");
        let bytes = match parse_plain(prefix) {
            Some(n) => n,
            // `10MB/s` → `10MB`, `10Mb/s` → `10Mb`.
            None => parse_size(value.get(..value.len() - 2)?)?,
        };
        return Some(if bits { bytes / 8 } else { bytes });
    }
    parse_plain(value)
}

fn parse_plain(value: &str) -> Option<u64> {
    u64::try_from(parse_python_int(value)?).ok()
}

/// A whole number as Python's `int()` reads text, which is how the AWS CLI reads the numbers of
/// its `s3 =` transfer settings (`tests/readers/awscli.rs` checks it against the AWS CLI):
/// blanks around it, an optional sign, ASCII digits with single `_` between them (`8_000`).
/// Python's numbers have no limit: one beyond `i64` saturates.
pub fn parse_python_int(value: &str) -> Option<i64> {
    let value = value.trim();
    let (negative, digits) = match value.as_bytes().first() {
        Some(b'-') => (true, &value[1..]),
        Some(b'+') => (false, &value[1..]),
        _ => (false, value),
    };
    let well_formed = !digits.is_empty()
        && !digits.starts_with('_')
        && !digits.ends_with('_')
        && !digits.contains("__")
        && digits.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    if !well_formed {
        return None;
    }
    let magnitude = digits
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0i64, |n, d| {
            n.saturating_mul(10).saturating_add(i64::from(d - b'0'))
        });
    Some(if negative { -magnitude } else { magnitude })
}

#[cfg(test)]
mod tests {
    /// Python's `int()`, as the AWS CLI reads its transfer numbers (`tests/readers/awscli.rs`
    /// checks it against the AWS CLI).
    #[test]
    fn python_ints() {
        use super::parse_python_int as int;
        assert_eq!(int("8"), Some(8));
        assert_eq!(int(" +8 "), Some(8));
        assert_eq!(int("-8"), Some(-8));
        assert_eq!(int("8_000"), Some(8000));
        for bad in [
            "", "+", "_8", "8_", "8__0", "0x10", "1e3", "8.0", "- 8", "٨",
        ] {
            assert_eq!(int(bad), None, "{bad:?}");
        }
        assert_eq!(int("10000000000000000000000"), Some(i64::MAX));
        assert_eq!(super::parse_size("8_000KB"), Some(8000 * 1024));
        assert_eq!(super::parse_size("+8MB"), Some(8 << 20));
    }

    #[test]
    fn sizes_and_rates_with_non_ascii_do_not_panic() {
        for value in [
            "2\u{f4}b",
            "é",
            "1é",
            "\u{f4}mb",
            "5\u{20ac}B/s",
            "\u{f4}b/s",
        ] {
            let _ = super::parse_size(value);
            let _ = super::parse_rate(value);
        }
        assert_eq!(super::parse_size("8MB"), Some(8 << 20));
    }

    use super::*;

    /// The hand-written split cuts where `splitn(5, ':')` does.
    #[test]
    fn arn_parts_as_splitn() {
        for value in [
            "arn:aws:iam::123456789012:role/a:b:c",
            "arn:aws:s3:::bucket",
            "arn:aws-cn:sts:cn-north-1:1:x",
            "arn:::::",
            "arn:a:b:c",
            "arn:a:b:c:d",
            "arn:é:ü::1:rôle/ñ",
            "arn:",
            "nope",
        ] {
            let expected = value.strip_prefix("arn:").and_then(|rest| {
                let parts: Vec<&str> = rest.splitn(5, ':').collect();
                (parts.len() == 5).then_some(parts)
            });
            let got = parse_arn(value)
                .map(|a| vec![a.partition, a.service, a.region, a.account, a.resource]);
            assert_eq!(got, expected, "{value}");
        }
    }

    #[test]
    fn booleans_and_integers() {
        assert_eq!(parse_bool("TRUE"), Some(true));
        assert_eq!(parse_bool("False"), Some(false));
        assert_eq!(parse_bool("yes"), None);
        assert_eq!(parse_integer("3600"), Some(3600));
        assert_eq!(parse_integer("+5"), Some(5));
        assert_eq!(parse_integer("-1"), Some(-1));
        assert_eq!(parse_integer("1h"), None);
        assert_eq!(parse_integer("3.5"), None);
        assert_eq!(parse_integer("-"), None);
        assert_eq!(parse_integer("99999999999999999999"), None);
    }

    #[test]
    fn arns() {
        assert_eq!(
            check_role_arn("arn:aws:iam::123456789012:role/Deploy"),
            Ok(())
        );
        assert_eq!(
            check_role_arn("arn:aws-us-gov:iam::123456789012:role/service-role/x.y@z"),
            Ok(())
        );
        assert_eq!(
            check_role_arn("arn:aws-cn:iam::123456789012:role/a"),
            Ok(())
        );
        use RoleArnProblem::*;
        let cases = [
            ("Deploy", NotAnArn),
            ("arn:aws:iam::123456789012", NotAnArn),
            ("arn:amazon:iam::123456789012:role/x", UnknownPartition),
            (
                "arn:aws:sts::123456789012:assumed-role/Deploy/alice",
                AssumedRole,
            ),
            ("arn:aws:s3:::bucket", NotIam),
            ("arn:aws:iam:us-east-1:123456789012:role/x", HasRegion),
            ("arn:aws:iam::12345678901:role/x", BadAccount),
            ("arn:aws:iam::123456789012:user/alice", NotARole),
            ("arn:aws:iam::123456789012:role/", BadRoleName),
            ("arn:aws:iam::123456789012:role/a b", BadRoleName),
            ("arn:aws:iam::123456789012:role/x/", BadRoleName),
        ];
        for (value, problem) in cases {
            assert_eq!(check_role_arn(value), Err(problem), "{value}");
        }
        assert_eq!(
            role_arn_of_assumed_role("arn:aws:sts::123456789012:assumed-role/Deploy/alice")
                .as_deref(),
            Some("arn:aws:iam::123456789012:role/Deploy")
        );
        assert!(is_arn("arn:aws:iam::123456789012:mfa/alice"));
        assert!(is_arn(
            "arn:aws:sts::123456789012:assumed-role/Developer/alice@example.com"
        ));
        assert!(!is_arn("arn:aws:iam::123456789012:"));
        assert!(!is_arn("arn:nope:iam::123456789012:mfa/x"));
    }

    #[test]
    fn mfa_serials_and_accounts() {
        assert!(is_mfa_serial("arn:aws:iam::123456789012:mfa/alice"));
        assert!(is_mfa_serial("GAHT12345678"));
        assert!(!is_mfa_serial("123456"));
        assert!(!is_mfa_serial("arn:aws:iam::123456789012"));
        assert!(is_account_id("123456789012"));
        assert!(!is_account_id("1234-5678-9012"));
        assert!(!is_account_id("12345678901"));
    }

    #[test]
    fn urls() {
        assert_eq!(check_url("https://acme.awsapps.com/start", true), Ok(()));
        assert_eq!(check_url("https://acme.awsapps.com/start/#", true), Ok(()));
        assert_eq!(check_url("http://localhost:9000", false), Ok(()));
        assert_eq!(check_url("http://[fd00:ec2::254]", false), Ok(()));
        assert_eq!(
            check_url("http://acme.awsapps.com/start", true),
            Err(UrlProblem::NotHttps)
        );
        assert_eq!(
            check_url("acme.awsapps.com/start", true),
            Err(UrlProblem::NoScheme)
        );
        assert_eq!(check_url("ftp://x", false), Err(UrlProblem::BadScheme));
        assert_eq!(check_url("https:///path", false), Err(UrlProblem::NoHost));
        assert_eq!(check_url("https://a b", false), Err(UrlProblem::Whitespace));
    }

    #[test]
    fn sizes_and_rates() {
        assert_eq!(parse_size("1048576"), Some(1_048_576));
        assert_eq!(parse_size("8MB"), Some(8 << 20));
        assert_eq!(parse_size("64mb"), Some(64 << 20));
        assert_eq!(parse_size("1GiB"), Some(1 << 30));
        assert_eq!(parse_size("256KB"), Some(256 << 10));
        assert_eq!(parse_size("64 MB"), Some(64 << 20));
        assert_eq!(parse_size("1.5GB"), None);
        assert_eq!(parse_size("1024B"), None);
        assert_eq!(parse_size("MB"), None);
        assert_eq!(parse_size("lots"), None);
        assert_eq!(parse_rate("50MB/s"), Some(50 << 20));
        assert_eq!(parse_rate("10Mb/s"), Some((10 << 20) / 8));
        assert_eq!(parse_rate("1024B/s"), Some(1024));
        assert_eq!(parse_rate("1048576"), Some(1_048_576));
        assert_eq!(parse_rate("50MB"), None);
        assert_eq!(parse_rate("fast"), None);
    }
}
