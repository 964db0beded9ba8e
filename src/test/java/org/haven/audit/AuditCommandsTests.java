package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.haven.HavenTest;
import org.haven.platform.AdminCommand;
import org.haven.vault.Signatures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./haven admin audit verify | export | public-key}, and the exported bundle checked the way an
 * outside auditor would: by the standalone verifier, in a separate JVM, with nothing from Haven.
 */
@HavenTest
class AuditCommandsTests {

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditExport export;

    @Autowired
    Signatures signatures;

    @Autowired
    TransactionTemplate transactions;

    record Result(int exit, String out, String err) {}

    @Test
    void verifyReportsAnIntactTrailAndRecordsThatItRan() {
        trail.record(AuditEntry.of(AuditAction.RECORD_READ)
                .on("person", UUID.randomUUID())
                .build());
        Result result = run(new AuditCommands().auditVerifyCommand(sealer, verifier, trail, transactions), Map.of());
        assertThat(result.exit()).isZero();
        assertThat(result.out()).contains("The audit trail is intact.").contains("signed checkpoints");
    }

    @Test
    void anExportedBundleVerifiesWithTheStandaloneVerifierAndATamperedOneDoesNot() throws Exception {
        UUID marker = UUID.randomUUID();
        trail.record(AuditEntry.of(AuditAction.RECORD_READ).on("person", marker).build());
        Path dir = Files.createTempDirectory("audit-bundle");
        Path bundle = dir.resolve("haven-audit.zip");
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        Result exported = run(
                new AuditCommands().auditExportCommand(export, trail, transactions),
                Map.of("from", today, "to", today, "out", bundle.toString()));

        assertThat(exported.exit()).isZero();
        assertThat(exported.out()).contains("events of the period");
        Path verifierSource = dir.resolve("VerifyAuditBundle.java");
        try (ZipFile zip = new ZipFile(bundle.toFile())) {
            assertThat(zip.getEntry("public-key.pem")).isNotNull();
            assertThat(zip.getEntry("README.txt")).isNotNull();
            try (InputStream in = zip.getInputStream(zip.getEntry("VerifyAuditBundle.java"))) {
                Files.write(verifierSource, in.readAllBytes());
            }
        }
        Result intact = standalone(verifierSource, bundle);
        assertThat(intact.exit()).as(intact.err()).isZero();
        assertThat(intact.err()).contains("INTACT");
        assertThat(intact.out()).contains("person=" + marker);

        Path tampered = dir.resolve("tampered.zip");
        rewriteChain(bundle, tampered, marker);
        Result broken = standalone(verifierSource, tampered);
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains("PROBLEM").contains("does not match its digest");
    }

    @Test
    void thePublicKeyIsPrintedWithItsFingerprint() {
        Result result = run(new AuditCommands().auditPublicKeyCommand(signatures), Map.of());
        assertThat(result.out()).startsWith("-----BEGIN PUBLIC KEY-----").contains("SHA-256 fingerprint: ");
    }

    /** Replaces the marker's event with the same event whose action was changed, in a copy of the bundle. */
    private static void rewriteChain(Path bundle, Path copy, UUID marker) throws IOException {
        try (ZipFile zip = new ZipFile(bundle.toFile());
                OutputStream raw = Files.newOutputStream(copy);
                ZipOutputStream out = new ZipOutputStream(raw)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readAllBytes();
                }
                if (entry.getName().equals("chain.tsv")) {
                    StringBuilder rewritten = new StringBuilder();
                    for (String line : new String(content, StandardCharsets.UTF_8).split("\n")) {
                        String[] cells = line.split("\t");
                        if (cells.length == 5 && !line.startsWith("#") && !cells[4].equals("-")) {
                            byte[] canonical = java.util.Base64.getDecoder().decode(cells[4]);
                            String text = new String(canonical, StandardCharsets.ISO_8859_1);
                            if (text.contains(marker.toString())) {
                                text = text.replace("RECORD_READ", "RECORD_SEEN");
                                cells[4] = java.util.Base64.getEncoder()
                                        .encodeToString(text.getBytes(StandardCharsets.ISO_8859_1));
                                line = String.join("\t", cells);
                            }
                        }
                        rewritten.append(line).append('\n');
                    }
                    content = rewritten.toString().getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(entry.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
    }

    private static Result standalone(Path source, Path bundle) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), source.toString(), bundle.toString())).start();
        byte[] out = process.getInputStream().readAllBytes();
        byte[] err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(
                process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    private static Result run(AdminCommand command, Map<String, String> options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = command.run(
                options,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
