//! Which files the SDKs read, and which profile they select, from the environment.
//!
//! Mirrors `aws-runtime` (`env_config::source`, `fs_util::home_dir`): `AWS_CONFIG_FILE` and
//! `AWS_SHARED_CREDENTIALS_FILE` override `~/.aws/config` and `~/.aws/credentials`; a leading
//! `~` component is the home directory (`HOME`, then on Windows `USERPROFILE`, then
//! `HOMEDRIVE` + `HOMEPATH`); `AWS_PROFILE` selects the profile, else `default`.
//! The environment is passed in, so this is a pure function that tests can drive for any
//! platform.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Platform {
    Unix,
    Windows,
}

impl Platform {
    pub const fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else {
            Platform::Unix
        }
    }

    const fn separator(self) -> char {
        match self {
            Platform::Unix => '/',
            Platform::Windows => '\\',
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locations {
    pub config: String,
    pub credentials: String,
    /// The selected profile.
    pub profile: String,
}

pub const CONFIG_FILE_VAR: &str = "AWS_CONFIG_FILE";
pub const CREDENTIALS_FILE_VAR: &str = "AWS_SHARED_CREDENTIALS_FILE";
pub const PROFILE_VAR: &str = "AWS_PROFILE";

/// The files the SDKs read and the profile they select, given a way to read the environment.
pub fn locate(env: impl Fn(&str) -> Option<String>, platform: Platform) -> Locations {
    let home = home_dir(&env, platform);
    let path = |var: &str, default: &str| {
        let path = env(var).unwrap_or_else(|| default.to_string());
        expand_home(&path, home.as_deref(), platform)
    };
    Locations {
        config: path(CONFIG_FILE_VAR, "~/.aws/config"),
        credentials: path(CREDENTIALS_FILE_VAR, "~/.aws/credentials"),
        profile: env(PROFILE_VAR).unwrap_or_else(|| "default".to_string()),
    }
}

fn home_dir(env: &impl Fn(&str) -> Option<String>, platform: Platform) -> Option<String> {
    if let Some(home) = env("HOME") {
        return Some(home);
    }
    if platform == Platform::Windows {
        if let Some(home) = env("USERPROFILE") {
            return Some(home);
        }
        if let (Some(drive), Some(path)) = (env("HOMEDRIVE"), env("HOMEPATH")) {
            return Some(drive + &path);
        }
    }
    None
}

/// Replaces a leading `~` component by the home directory and rejoins the rest with the
/// platform's separator. Any other path is returned as it is.
fn expand_home(path: &str, home: Option<&str>, platform: Platform) -> String {
    let is_separator = |c: char| c == '/' || (platform == Platform::Windows && c == '\\');
    let mut components = path.split(is_separator).filter(|c| !c.is_empty());
    let starts_with_tilde = path.split(is_separator).next() == Some("~");
    if !starts_with_tilde {
        return path.to_string();
    }
    components.next();
    let mut expanded = home.unwrap_or("~").to_string();
    for component in components {
        if !expanded.ends_with(platform.separator()) {
            expanded.push(platform.separator());
        }
        expanded.push_str(component);
    }
    expanded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tilde_only_as_a_whole_first_component() {
        assert_eq!(
            expand_home("~aws/config", Some("/h"), Platform::Unix),
            "~aws/config"
        );
        assert_eq!(expand_home("~/config", None, Platform::Unix), "~/config");
        assert_eq!(
            expand_home("/etc/aws", Some("/h"), Platform::Unix),
            "/etc/aws"
        );
        assert_eq!(
            expand_home("~/.aws/config", Some("/h/"), Platform::Unix),
            "/h/.aws/config"
        );
    }
}
