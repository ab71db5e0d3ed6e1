//! [`SignatureParams`]: an `Authorization: Signature …` value read back, for verifying
//! signatures made by someone else (XCover's webhooks).

use base64::Engine as _;

use super::{Algorithm, SigningError};

/// What a signature without a `headers` parameter covers: `date` alone, as draft-cavage says
/// (and as XCover's documented header has none). Not what this SDK signs by default
/// ([`DEFAULT_SIGNED_HEADERS`](super::DEFAULT_SIGNED_HEADERS)): this rule reads others'
/// signatures.
const HEADERS_WHEN_UNLISTED: &[&str] = &["date"];

/// The parameters of a `Signature keyId="…",algorithm="…",headers="…",signature="…"` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureParams {
    /// `keyId`: the API key of the signer.
    pub key_id: String,
    /// `algorithm`.
    pub algorithm: Algorithm,
    /// `headers`: the signed headers, lower-case, in signing order. `["date"]` when the
    /// parameter is absent, as draft-cavage says.
    pub headers: Vec<String>,
    /// `signature`, as sent: standard base64, usually percent-encoded.
    pub signature: String,
}

impl SignatureParams {
    /// Reads an `Authorization` value. Parameter names are case-sensitive (as in the
    /// draft-cavage HTTP Signatures spec); the `Signature` scheme is not; unknown parameters
    /// are ignored.
    pub fn parse(authorization: &str) -> Result<Self, SigningError> {
        let malformed = |reason: &str| SigningError::MalformedAuthorization {
            reason: reason.to_owned(),
        };
        let authorization = authorization.trim();
        let params = match authorization.split_once(' ') {
            Some((scheme, params)) if scheme.eq_ignore_ascii_case("signature") => params,
            _ => return Err(malformed("the scheme is not `Signature`")),
        };

        let (mut key_id, mut algorithm, mut headers, mut signature) = (None, None, None, None);
        let mut rest = params.trim_start();
        while !rest.is_empty() {
            let (name, after_name) = rest
                .split_once('=')
                .ok_or_else(|| malformed("a parameter has no `=`"))?;
            let after_quote = after_name
                .strip_prefix('"')
                .ok_or_else(|| malformed("a parameter value is not quoted"))?;
            let (value, after_value) = after_quote
                .split_once('"')
                .ok_or_else(|| malformed("a quoted value is not closed"))?;
            match name.trim() {
                "keyId" => key_id = Some(value),
                "algorithm" => algorithm = Some(value),
                "headers" => headers = Some(value),
                "signature" => signature = Some(value),
                _ => {}
            }
            rest = after_value.trim_start();
            if !rest.is_empty() {
                rest = rest
                    .strip_prefix(',')
                    .ok_or_else(|| malformed("parameters are not separated by commas"))?
                    .trim_start();
            }
        }

        let algorithm = algorithm
            .ok_or_else(|| malformed("no `algorithm` parameter"))?
            .parse()?;
        let headers = match headers {
            Some(headers) => headers
                .split_ascii_whitespace()
                .map(str::to_ascii_lowercase)
                .collect(),
            None => HEADERS_WHEN_UNLISTED
                .iter()
                .map(|name| (*name).to_owned())
                .collect(),
        };
        Ok(Self {
            key_id: key_id
                .ok_or_else(|| malformed("no `keyId` parameter"))?
                .to_owned(),
            algorithm,
            headers,
            signature: signature
                .ok_or_else(|| malformed("no `signature` parameter"))?
                .to_owned(),
        })
    }

    /// The raw signature bytes: the `signature` parameter percent-decoded, then base64-decoded.
    pub fn signature_bytes(&self) -> Result<Vec<u8>, SigningError> {
        let decoded = percent_encoding::percent_decode_str(&self.signature).collect::<Vec<u8>>();
        base64::engine::general_purpose::STANDARD
            .decode(decoded)
            .map_err(|_| SigningError::MalformedAuthorization {
                reason: "the signature is not standard base64".into(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_back_what_the_signer_writes() {
        let params = SignatureParams::parse(
            "Signature keyId=\"test_api_key\",algorithm=\"hmac-sha256\",headers=\"date\",\
             signature=\"bfxytCfvFqito27v0%2FKcN1jBJsgnCReimKXdAWwoi0k%3D\"",
        )
        .unwrap();
        assert_eq!(params.key_id, "test_api_key");
        assert_eq!(params.algorithm, Algorithm::HmacSha256);
        assert_eq!(params.headers, ["date"]);
        assert_eq!(params.signature_bytes().unwrap().len(), 32);
    }

    #[test]
    fn the_documented_header_without_headers_signs_the_date() {
        let params = SignatureParams::parse(
            "signature keyId=\"k\", algorithm=\"hmac-sha512\", signature=\"YWJj\"",
        )
        .unwrap();
        assert_eq!(params.headers, ["date"]);
        assert_eq!(params.signature_bytes().unwrap(), b"abc");
    }

    #[test]
    fn rejects_malformed_values() {
        for bad in [
            "",
            "Bearer abc",
            "Signature keyId=k,algorithm=\"hmac-sha256\",signature=\"YWJj\"",
            "Signature keyId=\"k\",algorithm=\"hmac-sha256\"",
            "Signature algorithm=\"hmac-sha256\",signature=\"YWJj\"",
            "Signature keyId=\"k\",algorithm=\"hmac-sha256\",signature=\"YWJj",
            "Signature keyId=\"k\" algorithm=\"hmac-sha256\",signature=\"YWJj\"",
        ] {
            assert!(
                matches!(
                    SignatureParams::parse(bad),
                    Err(SigningError::MalformedAuthorization { .. })
                ),
                "{bad}"
            );
        }
        assert!(matches!(
            SignatureParams::parse("Signature keyId=\"k\",algorithm=\"hmac-md5\",signature=\"x\""),
            Err(SigningError::UnsupportedAlgorithm { .. })
        ));
    }
}
