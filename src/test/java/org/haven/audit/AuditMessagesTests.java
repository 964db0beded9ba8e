package org.haven.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.haven.audit.AuditEntry.Outcome;
import org.junit.jupiter.api.Test;

/** The access-log screen names every action, outcome and channel in both languages. */
class AuditMessagesTests {

    @Test
    void everyActionOutcomeAndChannelHasWordsInEnglishAndKhmer() {
        for (Locale locale : List.of(Locale.ROOT, Locale.forLanguageTag("km"))) {
            ResourceBundle bundle = ResourceBundle.getBundle("i18n/messages", locale);
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
