//! SSO token cache files for the differential tests against the real readers (botocore in
//! `tests/botocore`, the AWS SDK for Rust in `server/sts/tests/sso_cache.rs`): a fixed list of
//! the cases that matter (fresh, expired, renewable, the 5- and 15-minute edges, each kind of
//! malformed file, each time format) and a seeded generator of variations (which members are
//! there, their case and types, times around now and around the renewal windows, truncated
//! files). Each case is one file and a time; the token values are fake and fixed.
//!
//! Left out on purpose (known, documented differences of no practical weight): `NaN` and
//! unpaired surrogates in the JSON (Python accepts them, the SDK for Rust and the model do not),
//! leap seconds, and fractional seconds within a second of a threshold.
//!
//! Shared by the differential tests (included with `#[path]`); no dependencies.

#![allow(dead_code)]

use super::rng::Rng;

pub const TOKEN: &str = "FAKE-ACCESS-TOKEN";

/// 2026-01-01T00:00:00Z: the time of the fixed cases.
pub const NOW: i64 = 1_767_225_600;

#[derive(Clone, Debug)]
pub struct Scenario {
    pub name: String,
    /// An sso-session's login (renewable) rather than a legacy profile's.
    pub session: bool,
    /// The cache file's bytes; `None`: no file.
    pub file: Option<Vec<u8>>,
    pub now: i64,
}

/// RFC 3339 in UTC with `Z`, as `aws sso login` writes it.
pub fn utc(at: i64) -> String {
    let (y, m, d) = civil(at.div_euclid(86_400));
    let rest = at.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// A time in one of the forms tools or people write.
#[derive(Clone, Copy, Debug)]
pub enum Form {
    Z,
    Fraction,
    LowerT,
    LowerZ,
    PlusZero,
    Offset,
    NoColonOffset,
    Naive,
    Space,
    Words,
}

const FORMS: [Form; 10] = [
    Form::Z,
    Form::Fraction,
    Form::LowerT,
    Form::LowerZ,
    Form::PlusZero,
    Form::Offset,
    Form::NoColonOffset,
    Form::Naive,
    Form::Space,
    Form::Words,
];

pub fn time(at: i64, form: Form) -> String {
    let z = utc(at);
    let base = &z[..19];
    match form {
        Form::Z => z,
        Form::Fraction => format!("{base}.000Z"),
        Form::LowerT => format!("{}t{}", &base[..10], &base[11..]) + "Z",
        Form::LowerZ => format!("{base}z"),
        Form::PlusZero => format!("{base}+00:00"),
        Form::Offset => {
            let shifted = utc(at - 5 * 3600);
            format!("{}-05:00", &shifted[..19])
        }
        Form::NoColonOffset => format!("{base}+0000"),
        Form::Naive => base.to_string(),
        Form::Space => format!("{} {}", &base[..10], &base[11..]),
        Form::Words => "next Tuesday".to_string(),
    }
}

/// One member of a cache file: a name and its JSON value as written.
pub type Member = (String, String);

fn string(value: &str) -> String {
    format!("\"{value}\"")
}

/// The members `aws sso login` writes for a token expiring at `expires_at`, renewable until
/// `renewable_until` when given.
pub fn members(expires_at: i64, renewable_until: Option<i64>) -> Vec<Member> {
    let mut out = vec![
        (
            "startUrl".to_string(),
            string("https://d-1234567890.awsapps.com/start"),
        ),
        ("region".to_string(), string("us-east-1")),
        ("accessToken".to_string(), string(TOKEN)),
        ("expiresAt".to_string(), string(&utc(expires_at))),
    ];
    if let Some(until) = renewable_until {
        out.push(("clientId".to_string(), string("FAKE-CLIENT-ID")));
        out.push(("clientSecret".to_string(), string("FAKE-CLIENT-SECRET")));
        out.push(("refreshToken".to_string(), string("FAKE-REFRESH-TOKEN")));
        out.push(("registrationExpiresAt".to_string(), string(&utc(until))));
    }
    out
}

pub fn object(members: &[Member]) -> Vec<u8> {
    let body: Vec<String> = members
        .iter()
        .map(|(name, value)| format!("\"{name}\": {value}"))
        .collect();
    format!("{{{}}}", body.join(", ")).into_bytes()
}

fn set(members: &mut Vec<Member>, name: &str, value: String) {
    match members.iter_mut().find(|(n, _)| n == name) {
        Some(member) => member.1 = value,
        None => members.push((name.to_string(), value)),
    }
}

fn case(name: &str, session: bool, file: Option<Vec<u8>>) -> Scenario {
    Scenario {
        name: name.to_string(),
        session,
        file,
        now: NOW,
    }
}

/// The cases that matter, each for a session and a legacy profile.
pub fn fixed() -> Vec<Scenario> {
    const MIN: i64 = 60;
    const HOUR: i64 = 3600;
    const DAY: i64 = 86_400;
    let mut out = Vec::new();
    for session in [true, false] {
        let mut add = |name: &str, file: Option<Vec<u8>>| out.push(case(name, session, file));
        add("fresh", Some(object(&members(NOW + 8 * HOUR, None))));
        add("expired", Some(object(&members(NOW - 3 * HOUR, None))));
        add("expires now", Some(object(&members(NOW, None))));
        add(
            "expired, renewable",
            Some(object(&members(NOW - 3 * HOUR, Some(NOW + 30 * DAY)))),
        );
        add(
            "expired, registration expired",
            Some(object(&members(NOW - 3 * HOUR, Some(NOW - DAY)))),
        );
        add(
            "expired, registration expires now",
            Some(object(&members(NOW - 3 * HOUR, Some(NOW)))),
        );
        for offset in [
            4 * MIN,
            5 * MIN - 1,
            5 * MIN,
            5 * MIN + 1,
            10 * MIN,
            15 * MIN - 1,
            15 * MIN,
            15 * MIN + 1,
        ] {
            add(
                &format!("expires in {offset} s, renewable"),
                Some(object(&members(NOW + offset, Some(NOW + DAY)))),
            );
        }
        add("no file", None);
        add("empty file", Some(Vec::new()));
        let whole = object(&members(NOW + HOUR, None));
        add("cut short", Some(whole[..whole.len() / 2].to_vec()));
        add("an array", Some(b"[]".to_vec()));
        add(
            "a byte-order mark",
            Some([b"\xef\xbb\xbf".as_slice(), &whole].concat()),
        );
        add("not UTF-8", Some(b"{\"accessToken\": \"\xff\"}".to_vec()));
        add(
            "trailing comma",
            Some(b"{\"accessToken\": \"t\",}".to_vec()),
        );
        let mut no_token = members(NOW + HOUR, None);
        no_token.retain(|(n, _)| n != "accessToken");
        add("no accessToken", Some(object(&no_token)));
        let mut no_expiry = members(NOW + HOUR, None);
        no_expiry.retain(|(n, _)| n != "expiresAt");
        add("no expiresAt", Some(object(&no_expiry)));
        let mut number = members(NOW + HOUR, None);
        set(&mut number, "accessToken", "12".to_string());
        add("accessToken a number", Some(object(&number)));
        let mut null = members(NOW + HOUR, None);
        set(&mut null, "expiresAt", "null".to_string());
        add("expiresAt null", Some(object(&null)));
        for form in FORMS {
            for at in [NOW + 8 * HOUR, NOW - 3 * HOUR] {
                let mut m = members(at, None);
                set(&mut m, "expiresAt", string(&time(at, form)));
                add(&format!("expiresAt {form:?} {at}"), Some(object(&m)));
            }
            let mut m = members(NOW - HOUR, Some(NOW + DAY));
            set(
                &mut m,
                "registrationExpiresAt",
                string(&time(NOW + DAY, form)),
            );
            add(&format!("registrationExpiresAt {form:?}"), Some(object(&m)));
        }
        let lower: Vec<Member> = members(NOW + HOUR, None)
            .into_iter()
            .map(|(n, v)| (n.to_lowercase(), v))
            .collect();
        add("names in lower case", Some(object(&lower)));
        let mut twice = members(NOW - HOUR, None);
        twice.push(("expiresAt".to_string(), string(&utc(NOW + HOUR))));
        add("expiresAt twice, the last fresh", Some(object(&twice)));
        let mut nested = members(NOW + HOUR, None);
        nested.push((
            "extra".to_string(),
            "{\"a\": [1, 2.5e3, true, null, {\"b\": \"c\"}]}".to_string(),
        ));
        add("an extra nested member", Some(object(&nested)));
    }
    out
}

/// `count` generated cases from `seed`.
pub fn generated(seed: u64, count: usize) -> Vec<Scenario> {
    let mut rng = Rng::new(seed);
    // Offsets from now, in seconds: around now and around the 5- and 15-minute windows
    // (whole seconds there), and far away (where a fraction of a second cannot matter).
    const OFFSETS: [i64; 17] = [
        -30 * 86_400,
        -3 * 3600,
        -901,
        -300,
        -1,
        0,
        1,
        299,
        300,
        301,
        600,
        899,
        900,
        901,
        3 * 3600,
        8 * 3600,
        30 * 86_400,
    ];
    (0..count)
        .map(|i| {
            let now = NOW + rng.below(1_000_000) as i64;
            let expires = now + *rng.pick(&OFFSETS);
            let renewal = rng
                .chance(50)
                .then(|| now + *rng.pick(&[-86_400, -1, 0, 1, 86_400]));
            let mut m = members(expires, renewal);
            // Times in other forms, only far from the edges.
            let far = (expires - now).abs() >= 3 * 3600;
            if far && rng.chance(25) {
                let form = *rng.pick(&FORMS);
                set(&mut m, "expiresAt", string(&time(expires, form)));
            }
            if let Some(until) = renewal {
                if rng.chance(15) {
                    let form = *rng.pick(&FORMS);
                    set(&mut m, "registrationExpiresAt", string(&time(until, form)));
                }
            }
            // Members dropped, renamed in another case, or of another type.
            for name in [
                "accessToken",
                "expiresAt",
                "refreshToken",
                "clientId",
                "clientSecret",
                "registrationExpiresAt",
            ] {
                let Some(at) = m.iter().position(|(n, _)| n == name) else {
                    continue;
                };
                match rng.below(40) {
                    0 => {
                        m.remove(at);
                    }
                    1 => m[at].0 = name.to_lowercase(),
                    2 => m[at].0 = name.to_uppercase(),
                    3 => m[at].1 = rng.pick(&["1", "null", "true", "[]", "{}"]).to_string(),
                    4 => {
                        let member = m[at].clone();
                        m.push(member);
                    }
                    _ => {}
                }
            }
            // Members in another order.
            if rng.chance(30) {
                m.reverse();
            }
            let mut file = object(&m);
            // Damaged files.
            match rng.below(30) {
                0 => {
                    let cut = rng.below(file.len().max(1));
                    file.truncate(cut);
                }
                1 => file.push(b','),
                2 => file = b"null".to_vec(),
                _ => {}
            }
            let exists = !rng.chance(5);
            Scenario {
                name: format!("generated {i} (seed {seed})"),
                session: rng.chance(60),
                file: exists.then_some(file),
                now,
            }
        })
        .collect()
}
