package org.haven.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import org.haven.platform.Preflight;
import org.haven.platform.StartupProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The installation's master key: a Tink AES-256-GCM keyset in a file readable only by Haven. It is
 * generated on first start when the operator did not name a file. Losing it makes every encrypted
 * field unreadable, so its creation is announced loudly, and {@link VaultCheck} refuses a key that
 * does not belong to the database.
 */
final class MasterKey implements KeyEncryptionKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private final Path file;
    private final Aead aead;
    private final boolean createdNow;

    private MasterKey(Path file, Aead aead, boolean createdNow) {
        this.file = file;
        this.aead = aead;
        this.createdNow = createdNow;
    }

    static MasterKey load(Path file, boolean explicit) {
        try {
            AeadConfig.register();
            Preflight.checkMasterKey(file, explicit);
            boolean created = false;
            if (!Files.exists(file)) {
                generate(file);
                created = true;
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            return new MasterKey(file, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), created);
        } catch (GeneralSecurityException | IOException e) {
            throw new StartupProblem("The master key file " + file + " is not a valid Haven master key.");
        }
    }

    @Override
    public Aead aead() {
        return aead;
    }

    Path file() {
        return file;
    }

    /** The key file's current keyset (all its keys). */
    static KeysetHandle read(Path file) throws GeneralSecurityException, IOException {
        return TinkJsonProtoKeysetFormat.parseKeyset(
                Files.readString(file, StandardCharsets.UTF_8), InsecureSecretKeyAccess.get());
    }

    /** Replaces the key file's content atomically, readable by Haven only. */
    static void write(Path file, KeysetHandle handle) throws GeneralSecurityException, IOException {
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.deleteIfExists(next);
        Files.createFile(next, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(next, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(
                next,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String describe() {
        return "the master key file " + file;
    }

    @Override
    public boolean createdNow() {
        return createdNow;
    }

    private static void generate(Path file) throws GeneralSecurityException, IOException {
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get());
        Files.createDirectories(file.getParent());
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, json, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        String reminder = "A new master key was written to " + file
                + ". BACK IT UP NOW, separately from database backups: without it no encrypted data can be read.";
        log.warn(reminder);
        System.err.println("*** " + reminder);
    }
}
