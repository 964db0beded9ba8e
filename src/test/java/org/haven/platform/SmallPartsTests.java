package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SmallPartsTests {

    @Test
    void languageSwitchOnlyReturnsToLocalPaths() {
        assertThat(LanguageController.safeLocalPath("/account")).isEqualTo("/account");
        assertThat(LanguageController.safeLocalPath("https://evil.example")).isEqualTo("/");
        assertThat(LanguageController.safeLocalPath("//evil.example")).isEqualTo("/");
        assertThat(LanguageController.safeLocalPath("/\\evil.example")).isEqualTo("/");
        assertThat(LanguageController.safeLocalPath("/a\r\nSet-Cookie: x")).isEqualTo("/");
        assertThat(LanguageController.safeLocalPath(null)).isEqualTo("/");
    }

    @Test
    void problemDetailsEscapeTheirText() {
        assertThat(Problems.json(401, "Un\"auth\n", null))
                .isEqualTo("{\"type\":\"about:blank\",\"title\":\"Un\\\"auth\\n\",\"status\":401}");
    }

    @Test
    void idsAreVersion7AndTimeOrdered() throws InterruptedException {
        UUID first = Ids.next();
        Thread.sleep(2);
        UUID second = Ids.next();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(second.toString()).isGreaterThan(first.toString());
        Set<UUID> many = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            many.add(Ids.next());
        }
        assertThat(many).hasSize(10_000);
    }

    @Test
    void codesUseCrockfordBase32() {
        assertThat(Secrets.randomCode(16)).hasSize(16).matches("[0-9A-HJKMNP-TV-Z]+");
        assertThat(Secrets.randomToken(32)).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(Secrets.sha256("x")).hasSize(32);
    }

    @Test
    void databaseUrlsLoseTheirCredentials() {
        assertThat(DatabaseUrls.redact("jdbc:postgresql://u:p@db:5432/haven?password=x"))
                .isEqualTo("jdbc:postgresql://db:5432/haven");
    }

    @Test
    void localesFallBackToEnglish() {
        assertThat(HavenLocales.supported("km")).isEqualTo(HavenLocales.KHMER);
        assertThat(HavenLocales.supported("fr")).isEqualTo(HavenLocales.ENGLISH);
        assertThat(HavenLocales.supported(null)).isEqualTo(HavenLocales.ENGLISH);
    }
}
