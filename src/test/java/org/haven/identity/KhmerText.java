package org.haven.identity;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/** Reads the Khmer bundle, so browser tests compare against the real translation. */
final class KhmerText {

    private KhmerText() {}

    static String of(String key) {
        Properties khmer = new Properties();
        try (var in = KhmerText.class.getResourceAsStream("/i18n/messages_km.properties")) {
            khmer.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return khmer.getProperty(key);
    }
}
