package org.haven.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Map;
import org.haven.audit.AuditVerification.Finding;
import org.haven.platform.AdminCommand;
import org.haven.vault.Signatures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.transaction.support.TransactionTemplate;

/** {@code ./haven admin audit verify | export | public-key}. */
@Configuration(proxyBeanMethods = false)
@Profile("admin")
class AuditCommands {

    @Bean
    AdminCommand auditVerifyCommand(
            AuditSealer sealer, AuditVerifier verifier, AuditTrail trail, TransactionTemplate transactions) {
        return new Command(
                "audit verify",
                "  audit verify\n      (recomputes the audit chain; names the first altered, deleted, inserted or"
                        + " reordered event)") {
            @Override
            public int run(Map<String, String> options, PrintStream out, PrintStream err) {
                sealer.seal();
                AuditVerification result = verifier.verify();
                out.printf(
                        "Checked %d events and %d signed checkpoints in %d ms (%d events not sealed yet).%n",
                        result.events(), result.checkpoints(), result.took().toMillis(), result.unsealed());
                transactions.executeWithoutResult(status -> trail.record(AuditEntry.of(AuditAction.AUDIT_VERIFIED)
                        .outcome(result.intact() ? AuditEntry.Outcome.SUCCESS : AuditEntry.Outcome.FAILURE)
                        .detail("findings", result.findings().size())
                        .build()));
                if (result.intact()) {
                    out.println("The audit trail is intact.");
                    return 0;
                }
                Finding first = result.first();
                out.println("TAMPERED. First: " + first.kind() + " — " + first.description());
                for (Finding finding : result.findings()) {
                    out.println("  " + finding.kind() + "\tposition " + finding.position() + "\tevent "
                            + finding.eventId() + "\t" + finding.description());
                }
                return 1;
            }
        };
    }

    @Bean
    AdminCommand auditExportCommand(AuditExport export, AuditTrail trail, TransactionTemplate transactions) {
        return new Command(
                "audit export",
                "  audit export --from DATE --to DATE --out FILE\n"
                        + "      (a bundle an outside auditor can verify: events, checkpoints, public key, verifier)") {
            @Override
            public int run(Map<String, String> options, PrintStream out, PrintStream err) {
                Instant from = startOf(AdminCommand.required(options, "from"), false);
                Instant to = startOf(AdminCommand.required(options, "to"), true);
                if (!from.isBefore(to)) {
                    throw new UsageProblem("--from must come before --to.");
                }
                Path file = Path.of(AdminCommand.required(options, "out"));
                AuditExport.Result result;
                try {
                    result = export.export(from, to, file);
                } catch (IOException e) {
                    err.println("haven admin: the bundle could not be written to " + file + ".");
                    return 1;
                }
                transactions.executeWithoutResult(status -> trail.record(AuditEntry.of(AuditAction.AUDIT_EXPORTED)
                        .detail("from", from.toString())
                        .detail("to", to.toString())
                        .detail("events", result.eventsInPeriod())
                        .build()));
                out.printf(
                        "Wrote %s: %d events of the period, %d chain positions, %d signed checkpoints.%n",
                        file, result.eventsInPeriod(), result.chainPositions(), result.checkpoints());
                out.println("Verify it anywhere with a JDK: unzip it, then java VerifyAuditBundle.java " + file);
                return 0;
            }
        };
    }

    @Bean
    AdminCommand auditPublicKeyCommand(Signatures signatures) {
        return new Command(
                "audit public-key",
                "  audit public-key\n      (the Ed25519 key that signs audit checkpoints, and its fingerprint)") {
            @Override
            public int run(Map<String, String> options, PrintStream out, PrintStream err) {
                out.print(signatures.publicKeyPem());
                out.println("SHA-256 fingerprint: " + fingerprint(signatures.publicKey()));
                return 0;
            }
        };
    }

    static String fingerprint(byte[] key) {
        try {
            return HexFormat.ofDelimiter(":")
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(key));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A date (YYYY-MM-DD, UTC; an end date counts whole) or an instant (2026-11-29T10:00:00Z). */
    static Instant startOf(String value, boolean end) {
        try {
            LocalDate date = LocalDate.parse(value.strip());
            return (end ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException notADate) {
            try {
                return Instant.parse(value.strip());
            } catch (DateTimeParseException e) {
                throw new AdminCommand.UsageProblem(
                        "'" + value + "' is not a date (YYYY-MM-DD) or an instant (YYYY-MM-DDTHH:MM:SSZ).");
            }
        }
    }

    private abstract static class Command implements AdminCommand {
        private final String name;
        private final String usage;

        Command(String name, String usage) {
            this.name = name;
            this.usage = usage;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String usage() {
            return usage;
        }
    }
}
