//! SHA-256 digests as keys: one helper for every stage that names a thing by its content.
use sha2::{Digest, Sha256};

/// Identity of this build of personvern (code, built-in theme, locales and
/// data), set by build.rs.
pub const BUILD_ID: &str = env!("PERSONVERN_BUILD_ID");

/// Bytes as lowercase hexadecimal (digests in file names, keys, version.json).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A SHA-256 over length-prefixed parts.
pub fn key(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(BUILD_ID.as_bytes());
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize().into()
}
