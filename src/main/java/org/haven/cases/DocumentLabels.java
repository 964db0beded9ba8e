package org.haven.cases;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Collection;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;

/**
 * Words and dates of one language for documents that leave Haven: message keys, codes shown through
 * {@code code.<List>.<NAME>}, dates in the locale's medium style on Cambodia's clock. An unknown code is
 * shown as itself rather than failing the document.
 */
final class DocumentLabels {

    /** Cambodia's time zone: documents show when things happened where the work is done. */
    static final ZoneId ZONE = ZoneId.of("Asia/Phnom_Penh");

    private final MessageSource messages;
    private final Locale locale;
    private final DateTimeFormatter dates;
    private final DateTimeFormatter times;

    DocumentLabels(MessageSource messages, Locale locale) {
        this.messages = messages;
        this.locale = locale;
        this.dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        this.times = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale)
                .withZone(ZONE);
    }

    Locale locale() {
        return locale;
    }

    /** The message {@code key} with its arguments. */
    String text(String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }

    /** The name of {@code code} in list {@code list}, or "" for no code. */
    String code(String list, String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return messages.getMessage("code." + list + "." + code, null, code, locale);
    }

    /** The names of several codes of one list, comma-separated. */
    String codes(String list, Collection<String> codes) {
        return codes == null ? "" : codes.stream().map(c -> code(list, c)).collect(Collectors.joining(", "));
    }

    /** A sentence fragment made a label: its first letter upper-case (a no-op in Khmer). */
    String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(locale) + text.substring(1);
    }

    String date(LocalDate date) {
        return date == null ? "" : dates.format(date);
    }

    String date(Instant instant) {
        return instant == null ? "" : dates.format(instant.atZone(ZONE).toLocalDate());
    }

    String dateTime(Instant instant) {
        return instant == null ? "" : times.format(instant);
    }

    /** A country's name from its ISO 3166-1 alpha-2 code, in this language. */
    String country(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        try {
            String name = new Locale.Builder().setRegion(code.strip()).build().getDisplayCountry(locale);
            return name.isBlank() ? code : name;
        } catch (IllformedLocaleException e) {
            return code;
        }
    }
}
