//! The server's settings: from `initializationOptions` and `workspace/configuration`
//! (section `awsConfigLsp`).

use aws_config_lsp_core::lint::{Code, LintOptions, Severity};
use aws_config_lsp_sts::Timeouts;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

/// What a user can set. Every field is optional; an empty object means the defaults.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// The config file, when it is not `AWS_CONFIG_FILE` or `~/.aws/config`.
    pub config_file: Option<PathBuf>,
    /// The credentials file, when it is not `AWS_SHARED_CREDENTIALS_FILE` or
    /// `~/.aws/credentials`.
    pub credentials_file: Option<PathBuf>,
    /// Severity per code: `error`, `warning`, `information`, `hint`, or `off`.
    pub severity: BTreeMap<String, String>,
    /// Codes to turn off.
    pub disable: Vec<String>,
    /// Validation against AWS STS.
    pub sts: StsSettings,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct StsSettings {
    /// Seconds for a whole validation, role chains included (default 10).
    pub timeout_seconds: Option<f64>,
    /// Seconds to open the connection to STS (default 3).
    pub connect_timeout_seconds: Option<f64>,
}

/// A number of seconds a timeout may take: more than 0, at most an hour.
pub fn seconds(value: f64) -> Option<Duration> {
    (value.is_finite() && value > 0.0 && value <= 3600.0).then(|| Duration::from_secs_f64(value))
}

impl Settings {
    /// Reads settings from a JSON value: either the settings object itself or an object with
    /// an `awsConfigLsp` member (what some clients send as initialization options). Unknown
    /// fields are ignored; a malformed value gives the defaults and a message.
    pub fn from_json(value: &serde_json::Value) -> (Settings, Vec<String>) {
        if value.is_null() {
            return (Settings::default(), Vec::new());
        }
        let value = value.get("awsConfigLsp").unwrap_or(value);
        match Settings::deserialize(value) {
            // What is wrong inside (an unknown code) is said once, by `lint_options`.
            Ok(settings) => (settings, Vec::new()),
            Err(error) => (
                Settings::default(),
                vec![format!("ignoring malformed awsConfigLsp settings: {error}")],
            ),
        }
    }

    /// The STS timeouts the settings ask for, and what in them was not understood.
    pub fn sts_timeouts(&self) -> (Timeouts, Vec<String>) {
        let defaults = Timeouts::default();
        let mut problems = Vec::new();
        let mut read = |key: &str, value: Option<f64>, default: Duration| match value {
            None => default,
            Some(value) => seconds(value).unwrap_or_else(|| {
                problems.push(format!(
                    "awsConfigLsp.sts.{key} must be a number of seconds between 0 and 3600"
                ));
                default
            }),
        };
        let timeouts = Timeouts {
            connect: read(
                "connectTimeoutSeconds",
                self.sts.connect_timeout_seconds,
                defaults.connect,
            ),
            total: read("timeoutSeconds", self.sts.timeout_seconds, defaults.total),
        };
        (timeouts, problems)
    }

    /// The lint options the settings ask for, and what in them was not understood.
    pub fn lint_options(&self) -> (LintOptions, Vec<String>) {
        let mut options = LintOptions::default();
        let mut problems = Vec::new();
        for name in &self.disable {
            match Code::parse(name) {
                Some(code) => {
                    options.disabled.insert(code);
                }
                None => problems.push(format!("unknown code `{name}` in awsConfigLsp.disable")),
            }
        }
        for (name, severity) in &self.severity {
            let Some(code) = Code::parse(name) else {
                problems.push(format!("unknown code `{name}` in awsConfigLsp.severity"));
                continue;
            };
            if severity == "off" {
                options.disabled.insert(code);
            } else if let Some(severity) = Severity::parse(severity) {
                options.severity.insert(code, severity);
            } else {
                problems.push(format!(
                    "unknown severity `{severity}` for `{name}` (error, warning, information, hint, off)"
                ));
            }
        }
        (options, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_nested_or_flat_settings_and_reports_unknown_codes() {
        let (settings, problems) = Settings::from_json(&json!({"awsConfigLsp": {
            "configFile": "/tmp/config",
            "severity": {"inline-comment": "error", "quoted-value": "off", "nope": "hint"},
            "disable": ["trailing-whitespace"]
        }}));
        assert_eq!(settings.config_file, Some(PathBuf::from("/tmp/config")));
        assert!(problems.is_empty());
        let (options, problems) = settings.lint_options();
        assert_eq!(
            problems,
            vec!["unknown code `nope` in awsConfigLsp.severity"]
        );
        assert_eq!(options.disabled.len(), 2);
        assert_eq!(options.severity.len(), 1);
        let (flat, _) = Settings::from_json(&json!({"disable": ["inline-comment"]}));
        assert_eq!(flat.disable, vec!["inline-comment"]);
    }

    #[test]
    fn sts_timeouts_with_defaults_and_out_of_range_values() {
        let (settings, _) = Settings::from_json(
            &json!({"sts": {"timeoutSeconds": 2.5, "connectTimeoutSeconds": -1}}),
        );
        let (timeouts, problems) = settings.sts_timeouts();
        assert_eq!(timeouts.total, Duration::from_millis(2500));
        assert_eq!(timeouts.connect, Timeouts::default().connect);
        assert_eq!(
            problems,
            vec!["awsConfigLsp.sts.connectTimeoutSeconds must be a number of seconds between 0 and 3600"]
        );
    }

    #[test]
    fn malformed_settings_give_defaults_and_a_message() {
        let (settings, problems) = Settings::from_json(&json!({"disable": 3}));
        assert_eq!(settings, Settings::default());
        assert_eq!(problems.len(), 1);
    }
}
