package org.haven.cases;

import java.util.List;
import java.util.Map;
import org.haven.cases.Vocabulary.District;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Districts as the pages show them, as {@code @districts} in templates: the Khmer name on Khmer pages,
 * the romanized name on every other. A value that is not a known code (text typed before there was a
 * list) is shown as it was typed.
 */
@Component("districts")
public class DistrictNames {

    /** Each province's districts, provinces in the order of {@link Vocabulary#PROVINCES}. */
    public Map<String, List<District>> byProvince() {
        return Vocabulary.DISTRICTS;
    }

    /** The district's name in the page's language. */
    public String label(District district) {
        return district.name(LocaleContextHolder.getLocale());
    }

    /** The name of the district with this code in the page's language, the value itself if no code, or null. */
    public String name(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Vocabulary.findDistrict(value).map(this::label).orElse(value);
    }

    /** Whether the value is a district code (and not text typed before there was a list). */
    public boolean known(String value) {
        return Vocabulary.findDistrict(value).isPresent();
    }
}
