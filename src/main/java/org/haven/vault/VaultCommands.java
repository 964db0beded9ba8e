package org.haven.vault;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.haven.platform.AdminCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code ./haven admin rotate-keys} and {@code ./haven admin erase-organization}. */
@Configuration(proxyBeanMethods = false)
@Profile("admin")
class VaultCommands {

    @Bean
    AdminCommand rotateKeysCommand(KeyRotation rotation, JdbcClient jdbc) {
        return new AdminCommand() {
            @Override
            public String name() {
                return "rotate-keys";
            }

            @Override
            public String usage() {
                return "  rotate-keys [--organization ID]\n"
                        + "      (new encryption keys, then re-encryption in batches; resumes after interruptions)";
            }

            @Override
            public int run(Map<String, String> options, PrintStream out, PrintStream err) {
                List<UUID> organizations = options.containsKey("organization")
                        ? List.of(uuid(options.get("organization")))
                        : jdbc.sql("SELECT organization_id FROM vault_keyset WHERE purpose = 'FIELDS'"
                                        + " AND destroyed_at IS NULL AND organization_id <> ? ORDER BY 1")
                                .param(FieldCipher.INSTALLATION)
                                .query(UUID.class)
                                .list();
                if (organizations.isEmpty()) {
                    out.println("No organization has encryption keys yet: nothing to rotate.");
                    return 0;
                }
                for (UUID organization : organizations) {
                    KeyRotation.Progress before = rotation.progress(organization);
                    if (before.finished()) {
                        out.println(organization + ": new primary key " + rotation.start(organization));
                    } else {
                        out.println(organization + ": resuming the rotation to key " + before.targetKeyId());
                    }
                    KeyRotation.Progress after = rotation.proceed(
                            organization,
                            Integer.MAX_VALUE,
                            total -> out.println(organization + ": " + total + " values re-encrypted"));
                    out.println(organization + ": done, " + after.reencrypted() + " values re-encrypted, "
                            + after.remaining() + " left.");
                }
                out.println("The old keys are kept for the append-only audit trail. Running servers drop them"
                        + " as primary within " + OrganizationKeys.CACHE_LIFETIME.toSeconds() + " seconds.");
                return 0;
            }
        };
    }

    @Bean
    AdminCommand rotateMasterKeyCommand(MasterKeyRotation rotation) {
        return new AdminCommand() {
            @Override
            public String name() {
                return "rotate-master-key";
            }

            @Override
            public String usage() {
                return "  rotate-master-key\n"
                        + "      (with Haven stopped: a new master key re-wraps every key; then destroy old copies of the"
                        + " key file)";
            }

            @Override
            public int run(Map<String, String> options, PrintStream out, PrintStream err) {
                MasterKeyRotation.Result result;
                try {
                    result = rotation.rotate();
                } catch (MasterKeyRotation.StillRunning running) {
                    err.println("haven admin: " + running.getMessage());
                    return 1;
                }
                out.println("The master key was replaced (new key " + result.newKeyId() + "): " + result.keysets()
                        + " keysets re-wrapped and " + result.sealedValues() + " sealed values re-sealed.");
                out.println("BACK UP THE NEW KEY FILE NOW. Then destroy every copy of the old one: only with it could"
                        + " an older database backup be read, including the data of erased organizations.");
                return 0;
            }
        };
    }

    @Bean
    AdminCommand eraseOrganizationCommand(OrganizationErasure erasure) {
        return new AdminCommand() {
            @Override
            public String name() {
                return "erase-organization";
            }

            @Override
            public String usage() {
                return "  erase-organization ID\n"
                        + "      (destroys the organization's keys: its encrypted data becomes unrecoverable;"
                        + " asks for the id again)";
            }

            @Override
            public int run(Map<String, String> options, PrintStream out, PrintStream err) {
                String named = options.getOrDefault("organization", options.get(AdminCommand.ARGUMENT));
                if (named == null || named.isBlank()) {
                    throw new UsageProblem("name the organization: erase-organization ID.");
                }
                UUID organization = uuid(named);
                if (erasure.erased(organization)) {
                    err.println("haven admin: the keys of organization " + organization + " were already destroyed.");
                    return 1;
                }
                out.println("This destroys the encryption keys of organization " + organization + ".");
                out.println("Everything encrypted for it becomes unreadable for good, here and in every backup.");
                out.println("Type the organization id again to confirm:");
                out.flush();
                String typed = readLine();
                if (!organization.toString().equals(typed == null ? "" : typed.strip())) {
                    err.println("haven admin: not confirmed; nothing was erased.");
                    return 1;
                }
                int destroyed = erasure.erase(organization);
                out.println("Erased: " + destroyed + " keysets of organization " + organization + " destroyed.");
                out.println("Rotate the master key and destroy its old copies so no older backup can restore them.");
                return 0;
            }
        };
    }

    private static UUID uuid(String value) {
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new AdminCommand.UsageProblem("'" + value + "' is not an organization id.");
        }
    }

    private static String readLine() {
        try {
            return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
