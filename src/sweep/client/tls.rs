//! `https://`: rustls with ring and the webpki roots (or, insecure, any certificate whose
//! signatures hold), ALPN offering `h2` to an HTTP/2 request and `http/1.1` to the others.
//!
//! Self-contained, so that the command-line tool's proxy connects to an `https://` upstream
//! with the same configuration (it includes this file as a module of its own).

use std::sync::Arc;

use rustls::{
    client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier},
    crypto::{self, CryptoProvider},
    pki_types::{CertificateDer, ServerName, UnixTime},
    ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use tokio::net::TcpStream;
use tokio_rustls::{client::TlsStream, TlsConnector};

/// The two configurations, one per ALPN offer.
#[derive(Clone)]
pub(crate) struct Configs {
    h2: Arc<ClientConfig>,
    http1: Arc<ClientConfig>,
}

impl Configs {
    /// Built once per client; `Err` only if ring's provider refused the default protocol
    /// versions.
    pub(crate) fn new(insecure: bool) -> Result<Self, String> {
        // rustls 0.23.48 deprecates ring's provider for its lack of post-quantum key
        // exchange. The tool talks to a server under test, whose secrets are not at stake;
        // aws-lc-rs, which has it, would put a C and CMake build into every `cargo install`.
        // (The attribute goes once rustls offers ring with a hybrid group.)
        #[allow(deprecated)]
        let provider = Arc::new(crypto::ring::default_provider());
        let config = |alpn: &[u8]| -> Result<Arc<ClientConfig>, String> {
            let builder = ClientConfig::builder_with_provider(Arc::clone(&provider))
                .with_safe_default_protocol_versions()
                .map_err(|e| e.to_string())?;
            let mut config = if insecure {
                builder
                    .dangerous()
                    .with_custom_certificate_verifier(Arc::new(AnyCertificate(Arc::clone(
                        &provider,
                    ))))
                    .with_no_client_auth()
            } else {
                let roots = RootCertStore {
                    roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
                };
                builder.with_root_certificates(roots).with_no_client_auth()
            };
            config.alpn_protocols = vec![alpn.to_vec()];
            Ok(Arc::new(config))
        };
        Ok(Self {
            h2: config(b"h2")?,
            http1: config(b"http/1.1")?,
        })
    }

    /// The TLS handshake with `host` on `tcp`, offering `h2` when `http2`, else `http/1.1`;
    /// `Err` says what failed, and an HTTP/2 offer the server did not take is one.
    pub(crate) async fn connect(
        &self,
        host: &str,
        tcp: TcpStream,
        http2: bool,
    ) -> Result<TlsStream<TcpStream>, TlsError> {
        let chosen = if http2 { &self.h2 } else { &self.http1 };
        let name = ServerName::try_from(host.to_owned()).map_err(|e| TlsError {
            what: format!("`{host}` is not a TLS server name"),
            source: Some(Box::new(e)),
        })?;
        let stream = TlsConnector::from(Arc::clone(chosen))
            .connect(name, tcp)
            .await
            .map_err(|e| TlsError {
                what: format!("TLS with {host} failed"),
                source: Some(Box::new(e)),
            })?;
        if http2 && stream.get_ref().1.alpn_protocol() != Some(b"h2") {
            return Err(TlsError {
                what: format!("{host} did not agree to HTTP/2 (ALPN h2) over TLS"),
                source: None,
            });
        }
        Ok(stream)
    }
}

/// What failed in a TLS handshake, and the error under it.
#[derive(Debug)]
pub(crate) struct TlsError {
    pub(crate) what: String,
    pub(crate) source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl std::fmt::Display for TlsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.source {
            Some(source) => write!(f, "{}: {source}", self.what),
            None => f.write_str(&self.what),
        }
    }
}

/// `--insecure`: every certificate accepted, its signatures still checked.
#[derive(Debug)]
struct AnyCertificate(Arc<CryptoProvider>);

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
