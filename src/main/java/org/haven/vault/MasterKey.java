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
 * field unreadable, so its creation is announced loudly.
 */
final class MasterKey {

    private static final Logger log = LoggerFactory.getLogger(MasterKey.class);

    private MasterKey() {}

    static Aead load(Path file, boolean explicit) {
        try {
            AeadConfig.register();
            Preflight.checkMasterKey(file, explicit);
            if (!Files.exists(file)) {
                generate(file);
            }
            String json = Files.readString(file, StandardCharsets.UTF_8);
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get());
            return handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException | IOException e) {
            throw new StartupProblem("The master key file " + file + " is not a valid Haven master key.");
        }
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
