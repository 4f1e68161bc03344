//! "Did you mean": the closest candidate within a small edit distance.

/// The candidate closest to `word` (Damerau-Levenshtein, case-insensitive), if it is close
/// enough to be a plausible typo: at most 1 edit for short words, 2 from 5 characters, 3 from
/// 12. Exact matches are not suggestions.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let word_lower = word.to_ascii_lowercase();
    let limit = match word.chars().count() {
        0..=4 => 1,
        5..=11 => 2,
        _ => 3,
    };
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
        let distance = edit_distance(&word_lower, &candidate.to_ascii_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Optimal string alignment distance (insertions, deletions, substitutions, transpositions).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    let mut d = vec![vec![0usize; m + 1]; n + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=n {
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[n][m]
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
    }
}
