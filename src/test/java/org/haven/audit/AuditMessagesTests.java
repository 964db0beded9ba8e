package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import org.haven.audit.AuditEntry.Outcome;
import org.junit.jupiter.api.Test;

/** The access-log screen names every action, outcome and channel in both languages. */
class AuditMessagesTests {

    @Test
    void everyActionOutcomeAndChannelHasWordsInEnglishAndKhmer() throws Exception {
        for (String file : List.of("i18n/messages.properties", "i18n/messages_km.properties")) {
            Properties bundle = new Properties();
            try (var in = new InputStreamReader(
                    getClass().getClassLoader().getResourceAsStream(file), StandardCharsets.UTF_8)) {
                bundle.load(in);
            }
            String locale = file;
            for (AuditAction action : AuditAction.values()) {
                assertThat(bundle.containsKey("audit.action." + action))
                        .as(locale + " " + action)
                        .isTrue();
            }
            for (Outcome outcome : Outcome.values()) {
                assertThat(bundle.containsKey("audit.outcome." + outcome))
                        .as(locale + " " + outcome)
                        .isTrue();
            }
            for (String channel : List.of("web", "api", "admin", "system", "public")) {
                assertThat(bundle.containsKey("audit.channel." + channel))
                        .as(locale + " " + channel)
                        .isTrue();
            }
        }
    }
}
