package org.haven.vault;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Mac;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.mac.MacConfig;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Field encryption and blind indexing on one core, with the keysets and code paths Haven uses:
 * AES-256-GCM with the cell as associated data, and the tokens of a two-word name HMAC'd one by one.
 * Run with {@code ./haven bench}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FieldCryptoBenchmark {

    private Aead aead;
    private Mac mac;
    private Cell cell;
    private byte[] name;
    private byte[] narrative;
    private byte[] sealedName;
    private byte[] sealedNarrative;

    @Setup
    public void setUp() throws Exception {
        AeadConfig.register();
        MacConfig.register();
        aead = KeysetHandle.generateNew(OrganizationKeys.parameters(KeyPurpose.FIELDS))
                .getPrimitive(RegistryConfiguration.get(), Aead.class);
        mac = KeysetHandle.generateNew(OrganizationKeys.parameters(KeyPurpose.INDEX))
                .getPrimitive(RegistryConfiguration.get(), Mac.class);
        cell = new Cell("person", "name", UUID.randomUUID());
        name = "Sreymom Chanthavy".getBytes(StandardCharsets.UTF_8);
        narrative = "x".repeat(1_000).getBytes(StandardCharsets.UTF_8);
        sealedName = aead.encrypt(name, cell.associatedData());
        sealedNarrative = aead.encrypt(narrative, cell.associatedData());
    }

    @Benchmark
    public byte[] encryptName() throws Exception {
        return aead.encrypt(name, cell.associatedData());
    }

    @Benchmark
    public byte[] decryptName() throws Exception {
        return aead.decrypt(sealedName, cell.associatedData());
    }

    @Benchmark
    public byte[] encryptOneKilobyte() throws Exception {
        return aead.encrypt(narrative, cell.associatedData());
    }

    @Benchmark
    public byte[] decryptOneKilobyte() throws Exception {
        return aead.decrypt(sealedNarrative, cell.associatedData());
    }

    /** All blind-index tokens of a two-word name: normalization, Double Metaphone, trigrams, HMACs. */
    @Benchmark
    public int blindIndexName() {
        return BlindIndex.tokens(mac, "person.name", "Sreymom Chanthavy").size();
    }
}
