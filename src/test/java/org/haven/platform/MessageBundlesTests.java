package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every user-facing string exists in English and Khmer: both bundles have the same keys, every key a
 * template or a refusal uses exists, and no template carries text outside the bundles.
 */
class MessageBundlesTests {

    static final Path TEMPLATES = Path.of("src/main/resources/templates");
    static final Path SOURCES = Path.of("src/main/java");

    static Properties bundle(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessageBundlesTests.class.getResourceAsStream("/i18n/" + name)) {
            assertThat(in).as(name).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void englishAndKhmerHaveTheSameKeys() throws IOException {
        Set<String> english = new TreeSet<>(bundle("messages.properties").stringPropertyNames());
        Set<String> khmer = new TreeSet<>(bundle("messages_km.properties").stringPropertyNames());
        assertThat(khmer)
                .as("keys missing from or extra in messages_km.properties")
                .isEqualTo(english);
    }

    @Test
    void khmerValuesAreWrittenInKhmer() throws IOException {
        Properties khmer = bundle("messages_km.properties");
        List<String> notKhmer = new ArrayList<>();
        for (String key : khmer.stringPropertyNames()) {
            String value = khmer.getProperty(key);
            boolean hasLetters = value.replaceAll("\\{\\d+}", "").codePoints().anyMatch(Character::isLetter);
            boolean hasKhmer =
                    value.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.KHMER);
            // Names of languages are written in their own script, so a reader finds theirs.
            if (hasLetters && !hasKhmer && !key.equals("app.name") && !key.startsWith("report.language.")) {
                notKhmer.add(key);
            }
        }
        assertThat(notKhmer).as("Khmer values without Khmer script").isEmpty();
    }

    /** The public form speaks Thai, Vietnamese and Chinese too: every one of its sentences, in that script. */
    @Test
    void thePublicFormIsCompleteInThaiVietnameseAndChinese() throws IOException {
        Properties english = bundle("messages.properties");
        Set<String> reportKeys = new TreeSet<>();
        english.stringPropertyNames().stream()
                .filter(k -> k.startsWith("report."))
                .forEach(reportKeys::add);
        assertThat(reportKeys).isNotEmpty();
        java.util.Map<String, Character.UnicodeScript> scripts = java.util.Map.of(
                "th",
                Character.UnicodeScript.THAI,
                "vi",
                Character.UnicodeScript.LATIN,
                "zh",
                Character.UnicodeScript.HAN);
        for (var language : scripts.entrySet()) {
            Properties bundle = bundle("messages_" + language.getKey() + ".properties");
            assertThat(new TreeSet<>(bundle.stringPropertyNames()))
                    .as(language.getKey())
                    .isEqualTo(reportKeys);
            for (String key : reportKeys) {
                String value = bundle.getProperty(key);
                boolean inScript =
                        value.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == language.getValue());
                assertThat(inScript || key.startsWith("report.language."))
                        .as(language.getKey() + " " + key)
                        .isTrue();
                assertThat(value).as(language.getKey() + " " + key).doesNotContain("'");
            }
        }
    }

    @Test
    void everyKeyUsedInTemplatesExists() throws IOException {
        Properties english = bundle("messages.properties");
        Properties khmer = bundle("messages_km.properties");
        Pattern literal = Pattern.compile("#\\{([a-zA-Z][\\w.]*)");
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher matcher = literal.matcher(Files.readString(template));
            while (matcher.find()) {
                String key = matcher.group(1);
                if (!english.containsKey(key) || !khmer.containsKey(key)) {
                    missing.add(TEMPLATES.relativize(template) + ": " + key);
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyRefusalHasAMessage() throws IOException {
        Properties english = bundle("messages.properties");
        Pattern refusal = Pattern.compile("IdentityException\\(\\s*\"([\\w.]+)\"");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path source : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher matcher = refusal.matcher(Files.readString(source));
                while (matcher.find()) {
                    if (!english.containsKey(matcher.group(1))) {
                        missing.add(source.getFileName() + ": " + matcher.group(1));
                    }
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void templatesHaveNoHardCodedText() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path template : templates()) {
            for (String offence : hardCodedText(Files.readString(template))) {
                offenders.add(TEMPLATES.relativize(template) + ": " + offence);
            }
        }
        assertThat(offenders).as("put user-facing text in the message bundles").isEmpty();
    }

    @Test
    void theCheckFindsTextAndHumanAttributes() {
        String html = "<p>Sign in</p><input placeholder=\"Email\"><input name=\"x\" value=\"en\">"
                + "<img th:alt=\"#{a}\"><!-- a comment --><p th:text=\"#{b}\"></p>";
        assertThat(hardCodedText(html)).containsExactly("text 'Sign in'", "placeholder='Email'");
    }

    /** Text nodes and human-readable attributes that are not taken from the message bundles. */
    static List<String> hardCodedText(String template) {
        List<String> offences = new ArrayList<>();
        String html = template.replaceAll("(?s)<!--.*?-->", "");
        for (String line : html.replaceAll("(?s)<[^>]*>", "\n").split("\n")) {
            String stripped = line.strip();
            if (!stripped.isEmpty() && stripped.codePoints().anyMatch(Character::isLetterOrDigit)) {
                offences.add("text '" + stripped + "'");
            }
        }
        Matcher attributes = Pattern.compile("\\s(placeholder|title|alt|aria-label|value)=\"([^\"]*)\"")
                .matcher(html);
        while (attributes.find()) {
            String name = attributes.group(1);
            String value = attributes.group(2);
            boolean machineValue = name.equals("value") && value.matches("[\\w-]*");
            if (!machineValue && value.codePoints().anyMatch(Character::isLetter)) {
                offences.add(name + "='" + value + "'");
            }
        }
        return offences;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
    }
}
