//! AWS Regions open to the public (commercial, China, GovCloud, European Sovereign Cloud), as
//! the SDKs' `partitions.json` lists them in 2026. The isolated (ISO) partitions are not
//! listed; [`is_isolated_region`] recognises their codes by shape.

use crate::suggest::did_you_mean;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Region {
    /// The code: `eu-west-1`.
    pub code: &'static str,
    /// The name AWS gives it: `Europe (Ireland)`.
    pub name: &'static str,
    /// The partition: `aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`.
    pub partition: &'static str,
}

const fn r(code: &'static str, name: &'static str, partition: &'static str) -> Region {
    Region {
        code,
        name,
        partition,
    }
}

/// Sorted by code.
static REGIONS: &[Region] = &[
    r("af-south-1", "Africa (Cape Town)", "aws"),
    r("ap-east-1", "Asia Pacific (Hong Kong)", "aws"),
    r("ap-east-2", "Asia Pacific (Taipei)", "aws"),
    r("ap-northeast-1", "Asia Pacific (Tokyo)", "aws"),
    r("ap-northeast-2", "Asia Pacific (Seoul)", "aws"),
    r("ap-northeast-3", "Asia Pacific (Osaka)", "aws"),
    r("ap-south-1", "Asia Pacific (Mumbai)", "aws"),
    r("ap-south-2", "Asia Pacific (Hyderabad)", "aws"),
    r("ap-southeast-1", "Asia Pacific (Singapore)", "aws"),
    r("ap-southeast-2", "Asia Pacific (Sydney)", "aws"),
    r("ap-southeast-3", "Asia Pacific (Jakarta)", "aws"),
    r("ap-southeast-4", "Asia Pacific (Melbourne)", "aws"),
    r("ap-southeast-5", "Asia Pacific (Malaysia)", "aws"),
    r("ap-southeast-6", "Asia Pacific (New Zealand)", "aws"),
    r("ap-southeast-7", "Asia Pacific (Thailand)", "aws"),
    r("ca-central-1", "Canada (Central)", "aws"),
    r("ca-west-1", "Canada West (Calgary)", "aws"),
    r("cn-north-1", "China (Beijing)", "aws-cn"),
    r("cn-northwest-1", "China (Ningxia)", "aws-cn"),
    r("eu-central-1", "Europe (Frankfurt)", "aws"),
    r("eu-central-2", "Europe (Zurich)", "aws"),
    r("eu-north-1", "Europe (Stockholm)", "aws"),
    r("eu-south-1", "Europe (Milan)", "aws"),
    r("eu-south-2", "Europe (Spain)", "aws"),
    r("eu-west-1", "Europe (Ireland)", "aws"),
    r("eu-west-2", "Europe (London)", "aws"),
    r("eu-west-3", "Europe (Paris)", "aws"),
    r(
        "eusc-de-east-1",
        "AWS European Sovereign Cloud (Germany)",
        "aws-eusc",
    ),
    r("il-central-1", "Israel (Tel Aviv)", "aws"),
    r("me-central-1", "Middle East (UAE)", "aws"),
    r("me-south-1", "Middle East (Bahrain)", "aws"),
    r("mx-central-1", "Mexico (Central)", "aws"),
    r("sa-east-1", "South America (São Paulo)", "aws"),
    r("us-east-1", "US East (N. Virginia)", "aws"),
    r("us-east-2", "US East (Ohio)", "aws"),
    r("us-gov-east-1", "AWS GovCloud (US-East)", "aws-us-gov"),
    r("us-gov-west-1", "AWS GovCloud (US-West)", "aws-us-gov"),
    r("us-west-1", "US West (N. California)", "aws"),
    r("us-west-2", "US West (Oregon)", "aws"),
];

/// Names in `partitions.json` that are not Regions but that endpoint resolution accepts for
/// global services (`aws-global` signs for us-east-1).
pub static PSEUDO_REGIONS: &[&str] = &["aws-cn-global", "aws-global", "aws-us-gov-global"];

/// Every listed Region, sorted by code.
pub fn regions() -> &'static [Region] {
    REGIONS
}

/// The Region with this exact code (codes are lower case; `US-EAST-1` is not one).
pub fn region(code: &str) -> Option<&'static Region> {
    // One hash and usually one comparison: this runs for every Region value of a file.
    let mut slot = slot_of(code.as_bytes());
    loop {
        let entry = REGION_SLOTS[slot];
        if entry == NO_REGION {
            return None;
        }
        let region = &REGIONS[entry as usize];
        if region.code == code {
            return Some(region);
        }
        slot = (slot + 1) & (REGION_SLOTS.len() - 1);
    }
}

const NO_REGION: u8 = u8::MAX;

/// A slot of [`REGION_SLOTS`] from the length and three bytes of a code.
const fn slot_of(bytes: &[u8]) -> usize {
    let n = bytes.len();
    if n == 0 {
        return 0;
    }
    let h = (n as u32).wrapping_mul(0x9e37_79b1)
        ^ (bytes[0] as u32).wrapping_mul(0x85eb_ca77)
        ^ (bytes[n / 2] as u32).wrapping_mul(0xc2b2_ae3d)
        ^ (bytes[n - 1] as u32).wrapping_mul(0x27d4_eb2f)
        ^ (bytes[n.saturating_sub(3)] as u32).wrapping_mul(0x1656_67b1);
    (h ^ (h >> 15) ^ (h >> 23)) as usize & 255
}

/// Open addressing over [`REGIONS`], built at compile time; kept well under half full.
static REGION_SLOTS: [u8; 256] = {
    assert!(REGIONS.len() * 4 <= 256);
    let mut slots = [NO_REGION; 256];
    let mut i = 0;
    while i < REGIONS.len() {
        let mut slot = slot_of(REGIONS[i].code.as_bytes());
        while slots[slot] != NO_REGION {
            slot = (slot + 1) & 255;
        }
        slots[slot] = i as u8;
        i += 1;
    }
    slots
};

pub fn is_pseudo_region(code: &str) -> bool {
    PSEUDO_REGIONS.contains(&code)
}

/// A code of an isolated partition (`us-iso-east-1`, `us-isob-east-1`, `eu-isoe-west-1`,
/// `us-isof-south-1`), by the partitions' own patterns (`^us\-iso\-\w+\-\d+$`, …).
pub fn is_isolated_region(code: &str) -> bool {
    ["us-iso-", "us-isob-", "eu-isoe-", "us-isof-"]
        .iter()
        .any(|prefix| {
            code.strip_prefix(prefix).is_some_and(|rest| {
                rest.split_once('-').is_some_and(|(word, number)| {
                    !word.is_empty()
                        && word.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
                        && !number.is_empty()
                        && number.bytes().all(|b| b.is_ascii_digit())
                })
            })
        })
}

/// The Region the user most likely meant by a code that is not one: the same code in lower
/// case, without or with misplaced dashes (`us-east1`, `useast1`, `us_east_1`), an
/// availability or Local Zone (`us-east-1a`, `us-west-2-lax-1a`), a Region's city
/// (`Frankfurt`), or a typo (`eu-wset-1`).
pub fn suggest_region(value: &str) -> Option<&'static str> {
    let value = value.trim();
    if value.is_empty() {
        return None;
    }
    let lower = value.to_ascii_lowercase();
    if let Some(found) = region(&lower) {
        return Some(found.code);
    }
    // An availability zone or a Local Zone: a Region code followed by more.
    if let Some(found) = REGIONS
        .iter()
        .filter(|r| {
            lower.strip_prefix(r.code).is_some_and(|rest| {
                rest.bytes()
                    .next()
                    .is_some_and(|b| b.is_ascii_lowercase() || b == b'-')
                    && !rest.starts_with("-fips")
            })
        })
        .max_by_key(|r| r.code.len())
    {
        return Some(found.code);
    }
    // FIPS pseudo-regions: `fips-us-east-1`, `us-east-1-fips`.
    if let Some(base) = lower
        .strip_prefix("fips-")
        .or_else(|| lower.strip_suffix("-fips"))
    {
        if let Some(found) = region(base) {
            return Some(found.code);
        }
    }
    // Dashes missing, doubled or replaced: compare letters and digits only.
    let squeezed: String = lower
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    if let Some(found) = REGIONS
        .iter()
        .find(|r| r.code.bytes().filter(|b| *b != b'-').eq(squeezed.bytes()))
    {
        return Some(found.code);
    }
    // A city or country as AWS names it: `Frankfurt`, `N. Virginia`.
    if let Some(found) = REGIONS.iter().find(|r| {
        r.name
            .rsplit_once('(')
            .and_then(|(_, place)| place.strip_suffix(')'))
            .is_some_and(|place| place.eq_ignore_ascii_case(value))
    }) {
        return Some(found.code);
    }
    did_you_mean(&lower, REGIONS.iter().map(|r| r.code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hash table finds exactly what a search of the list finds.
    #[test]
    fn table_agrees_with_the_list() {
        let mut probes: Vec<String> = REGIONS.iter().map(|r| r.code.to_string()).collect();
        for r in REGIONS {
            probes.push(r.code.to_uppercase());
            probes.push(format!("{}a", r.code));
            probes.push(r.code[..r.code.len() - 1].to_string());
            probes.push(r.code.replace('-', ""));
        }
        probes.extend(["", "a", "ab", "abc", "us-east-1 ", "aws-global"].map(String::from));
        for code in &probes {
            let listed = REGIONS.iter().find(|r| r.code == code);
            assert_eq!(region(code), listed, "{code:?}");
        }
    }

    #[test]
    fn regions_are_sorted_and_found() {
        for pair in REGIONS.windows(2) {
            assert!(pair[0].code < pair[1].code, "{}", pair[1].code);
        }
        assert_eq!(region("eu-west-1").unwrap().name, "Europe (Ireland)");
        assert_eq!(region("cn-north-1").unwrap().partition, "aws-cn");
        assert_eq!(region("us-gov-west-1").unwrap().partition, "aws-us-gov");
        for code in [
            "ap-southeast-5",
            "ap-southeast-7",
            "mx-central-1",
            "ca-west-1",
            "il-central-1",
            "ap-east-2",
            "ap-southeast-6",
            "eu-south-2",
            "eu-central-2",
            "me-central-1",
            "ap-south-2",
            "ap-southeast-4",
            "eusc-de-east-1",
        ] {
            assert!(region(code).is_some(), "{code}");
        }
        assert!(region("US-EAST-1").is_none());
        assert!(region("us-east-1a").is_none());
        assert!(region("").is_none());
    }

    #[test]
    fn isolated_and_pseudo_regions() {
        assert!(is_isolated_region("us-iso-east-1"));
        assert!(is_isolated_region("us-isob-east-1"));
        assert!(is_isolated_region("eu-isoe-west-1"));
        assert!(is_isolated_region("us-isof-south-1"));
        assert!(!is_isolated_region("us-iso-east"));
        assert!(!is_isolated_region("us-east-1"));
        assert!(is_pseudo_region("aws-global"));
        assert!(!is_pseudo_region("global"));
    }

    #[test]
    fn suggestions() {
        let cases = [
            ("us-east1", Some("us-east-1")),
            ("useast1", Some("us-east-1")),
            ("us_east_1", Some("us-east-1")),
            ("eu-west1", Some("eu-west-1")),
            ("US-EAST-1", Some("us-east-1")),
            ("us-east-1a", Some("us-east-1")),
            ("us-west-2-lax-1a", Some("us-west-2")),
            ("ap-southeast-1b", Some("ap-southeast-1")),
            ("us-east-1-fips", Some("us-east-1")),
            ("fips-us-gov-west-1", Some("us-gov-west-1")),
            ("Frankfurt", Some("eu-central-1")),
            ("eu-wset-1", Some("eu-west-1")),
            ("eu-centrl-1", Some("eu-central-1")),
            ("banana", None),
            ("", None),
        ];
        for (value, expected) in cases {
            assert_eq!(suggest_region(value), expected, "{value}");
        }
    }
}
