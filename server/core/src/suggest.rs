//! "Did you mean": the closest candidate within a small edit distance.

/// The candidate closest to `word` (Damerau-Levenshtein, case-insensitive), if it is close
/// enough to be a plausible typo: at most 1 edit for short words, 2 from 5 characters, 3 from
/// 12. Exact matches are not suggestions.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let lowered: Vec<char> = word.chars().map(|c| c.to_ascii_lowercase()).collect();
    let limit = match lowered.len() {
        0..=4 => 1,
        5..=11 => 2,
        _ => 3,
    };
    let mut rows = Rows::default();
    let mut candidate_chars: Vec<char> = Vec::new();
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        // Lengths that differ by more than the limit cannot be within it: skip the
        // quadratic distance for most candidates.
        if candidate.len().abs_diff(word.len()) > limit * 4 {
            continue;
        }
        candidate_chars.clear();
        candidate_chars.extend(candidate.chars().map(|c| c.to_ascii_lowercase()));
        let bound = best.map_or(limit, |(d, _)| d.saturating_sub(1).min(limit));
        if let Some(distance) = bounded_distance(&lowered, &candidate_chars, bound, &mut rows) {
            if best.is_none_or(|(d, _)| distance < d) {
                best = Some((distance, candidate));
            }
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance (insertions, deletions, substitutions, transpositions).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    bounded_distance(&a, &b, usize::MAX, &mut Rows::default()).expect("no bound")
}

/// Three rows of the distance table, reused across candidates.
#[derive(Default)]
struct Rows {
    before: Vec<usize>,
    previous: Vec<usize>,
    current: Vec<usize>,
}

/// The distance between `a` and `b` if it is at most `bound`; stops as soon as a whole row
/// exceeds it.
fn bounded_distance(a: &[char], b: &[char], bound: usize, rows: &mut Rows) -> Option<usize> {
    if a.len().abs_diff(b.len()) > bound {
        return None;
    }
    let m = b.len();
    for row in [&mut rows.before, &mut rows.previous, &mut rows.current] {
        row.clear();
        row.resize(m + 1, 0);
    }
    for (j, cell) in rows.previous.iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        rows.current[0] = i;
        let mut row_min = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows.previous[j] + 1)
                .min(rows.current[j - 1] + 1)
                .min(rows.previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows.before[j - 2] + 1);
            }
            rows.current[j] = d;
            row_min = row_min.min(d);
        }
        if row_min > bound {
            return None;
        }
        std::mem::swap(&mut rows.before, &mut rows.previous);
        std::mem::swap(&mut rows.previous, &mut rows.current);
    }
    let distance = rows.previous[m];
    (distance <= bound).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_candidates_only() {
        let keys = ["region", "role_arn", "source_profile", "sso-session"];
        assert_eq!(did_you_mean("regoin", keys), Some("region"));
        assert_eq!(did_you_mean("sso-sesion", keys), Some("sso-session"));
        assert_eq!(did_you_mean("source_profil", keys), Some("source_profile"));
        assert_eq!(did_you_mean("banana", keys), None);
        assert_eq!(did_you_mean("region", keys), None);
        assert_eq!(did_you_mean("Region", keys), Some("region"));
    }

    #[test]
    fn distances() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }
}
