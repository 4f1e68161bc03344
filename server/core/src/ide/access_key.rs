//! What an access key id says about itself, offline.

/// The kind of credential an access key id belongs to, from its four-letter prefix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccessKeyKind {
    /// `AKIA`: a long-term key of an IAM user (or the root user). No session token.
    LongTerm,
    /// `ASIA`: a temporary key from STS; it needs its session token and it expires.
    Temporary,
}

impl AccessKeyKind {
    pub fn of(access_key_id: &str) -> Option<AccessKeyKind> {
        match access_key_id.get(..4)? {
            "AKIA" => Some(AccessKeyKind::LongTerm),
            "ASIA" => Some(AccessKeyKind::Temporary),
            _ => None,
        }
    }
}

/// The AWS account id encoded in an access key id (keys made since 2019 carry it: the 40 bits
/// after the prefix, base32, shifted by 7). `None` when the key is not a 20-character `AKIA`
/// or `ASIA` id in base32.
pub fn account_id_from_access_key(access_key_id: &str) -> Option<String> {
    AccessKeyKind::of(access_key_id)?;
    if access_key_id.len() != 20 {
        return None;
    }
    // Ten base32 characters give 50 bits: the first 48 are the six bytes we need.
    let mut bits: u64 = 0;
    for byte in access_key_id[4..14].bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'2'..=b'7' => byte - b'2' + 26,
            _ => return None,
        };
        bits = (bits << 5) | u64::from(value);
    }
    let first_six_bytes = bits >> 2;
    let account = (first_six_bytes & 0x7fff_ffff_ff80) >> 7;
    Some(format!("{account:012}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_the_prefix() {
        assert_eq!(
            AccessKeyKind::of("AKIAIOSFODNN7EXAMPLE"),
            Some(AccessKeyKind::LongTerm)
        );
        assert_eq!(
            AccessKeyKind::of("ASIAIOSFODNN7EXAMPLE"),
            Some(AccessKeyKind::Temporary)
        );
        assert_eq!(AccessKeyKind::of("AROAEXAMPLE"), None);
        assert_eq!(AccessKeyKind::of("AK"), None);
    }

    #[test]
    fn decodes_the_account_id() {
        // The published example of the encoding: ASIAY34FZKBOKMUTVV7A belongs to 609629065308.
        assert_eq!(
            account_id_from_access_key("ASIAY34FZKBOKMUTVV7A").as_deref(),
            Some("609629065308")
        );
        assert_eq!(account_id_from_access_key("AKIA1234"), None);
        assert_eq!(account_id_from_access_key("AKIA0000000000000000"), None);
    }
}
