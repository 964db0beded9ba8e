package org.haven.vault;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * The installation's Ed25519 signing key, generated at install and stored wrapped by the master key,
 * so someone with only database access cannot forge a signature. Signatures are plain RFC 8032
 * (no Tink prefix): anyone can verify them with the exported public key and standard tools.
 */
@Component
public class Signatures {

    /** DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410), followed by the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final OrganizationKeys keys;

    Signatures(OrganizationKeys keys) {
        this.keys = keys;
    }

    /** Signs a message with the installation's key. */
    public byte[] sign(byte[] message) {
        try {
            return signingKeys()
                    .primitive(PublicKeySign.class, Signatures::signerOf)
                    .sign(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Signing failed", e);
        }
    }

    /** The raw 32-byte Ed25519 public key. */
    public byte[] publicKey() {
        try {
            KeysetHandle publicHandle = signingKeys().handle().getPublicKeysetHandle();
            return ((Ed25519PublicKey) publicHandle.getPrimary().getKey())
                    .getPublicKeyBytes()
                    .toByteArray();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The public key could not be read", e);
        }
    }

    /** The public key as PEM (X.509 SubjectPublicKeyInfo), as OpenSSL and the JDK read it. */
    public String publicKeyPem() {
        byte[] key = publicKey();
        byte[] der = new byte[SPKI_PREFIX.length + key.length];
        System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
        System.arraycopy(key, 0, der, SPKI_PREFIX.length, key.length);
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    private OrganizationKeys.Loaded signingKeys() {
        return keys.keys(OrganizationKeys.INSTALLATION, KeyPurpose.SIGNING);
    }

    private static PublicKeySign signerOf(KeysetHandle handle) {
        try {
            return handle.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The signing keyset cannot sign", e);
        }
    }
}
