//! What the tests against aws-config share: an HTTP client that sends nothing, and a profile
//! credentials provider over files given as text.

use aws_config::profile::ProfileFileCredentialsProvider;
use aws_config::provider_config::ProviderConfig;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use std::sync::{Arc, Mutex};

/// Records every request's URL and fails it: nothing leaves the process.
#[derive(Clone, Debug, Default)]
pub struct Recorder(pub Arc<Mutex<Vec<String>>>);

impl HttpConnector for Recorder {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        self.0.lock().unwrap().push(request.uri().to_string());
        HttpConnectorFuture::ready(Err(ConnectorError::other(
            "offline test: not sent".into(),
            None,
        )))
    }
}

impl HttpClient for Recorder {
    fn http_connector(
        &self,
        _: &HttpConnectorSettings,
        _: &RuntimeComponents,
    ) -> SharedHttpConnector {
        SharedHttpConnector::new(self.clone())
    }
}

/// A config file with this text, and an empty credentials file.
pub fn config_files(config: String) -> EnvConfigFiles {
    EnvConfigFiles::builder()
        .with_contents(EnvConfigFileKind::Config, config)
        .with_contents(EnvConfigFileKind::Credentials, "")
        .build()
}

/// aws-config's own provider of profile `profile` of a config file with this text.
pub fn profile_provider(
    provider_config: &ProviderConfig,
    config: String,
    profile: &str,
) -> ProfileFileCredentialsProvider {
    ProfileFileCredentialsProvider::builder()
        .configure(provider_config)
        .profile_files(config_files(config))
        .profile_name(profile)
        .build()
}
