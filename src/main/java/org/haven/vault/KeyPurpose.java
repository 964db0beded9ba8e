package org.haven.vault;

/** What a keyset is for; each organization has its own keyset per purpose. */
enum KeyPurpose {
    /** AES-256-GCM for sensitive columns; ciphertexts carry Tink's 5-byte key-id prefix. */
    FIELDS,
    /** HMAC-SHA-256 for blind indexes, separate from the encryption key. */
    INDEX,
    /** Ed25519 for audit checkpoints; installation-wide. */
    SIGNING
}
