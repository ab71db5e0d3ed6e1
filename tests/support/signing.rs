//! XCover's request signatures, computed with the `hmac` crate directly: independent of
//! `xcover_generated::signing`, which the tests check against it.

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::{Sha256, Sha384, Sha512};

/// Standard base64 of the HMAC of `message`, as XCover computes it.
pub fn hmac_base64(algorithm: &str, secret: &str, message: &str) -> Result<String, String> {
    let key = secret.as_bytes();
    let mac = match algorithm {
        "hmac-sha256" => {
            let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
            mac.update(message.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        "hmac-sha384" => {
            let mut mac = Hmac::<Sha384>::new_from_slice(key).unwrap();
            mac.update(message.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        "hmac-sha512" => {
            let mut mac = Hmac::<Sha512>::new_from_slice(key).unwrap();
            mac.update(message.as_bytes());
            mac.finalize().into_bytes().to_vec()
        }
        other => return Err(format!("unknown algorithm {other}")),
    };
    Ok(base64::engine::general_purpose::STANDARD.encode(mac))
}
