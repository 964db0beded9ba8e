package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.haven.cases.Vocabulary.District;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.Test;

/** Cambodia's districts as Haven knows them, and how a district is checked against its province. */
class VocabularyDistrictsTests {

    static List<District> all() {
        return Vocabulary.DISTRICTS.values().stream().flatMap(List::stream).toList();
    }

    @Test
    void everyProvinceHasItsDistrictsInTheOrderOfTheProvinces() {
        assertThat(Vocabulary.DISTRICTS.keySet()).containsExactlyElementsOf(Vocabulary.PROVINCES);
        Vocabulary.DISTRICTS.forEach(
                (province, districts) -> assertThat(districts).as(province).isNotEmpty());
        assertThat(all()).hasSizeBetween(190, 230);
    }

    @Test
    void codesAreUniqueFourDigitsAndStartWithTheProvinceNumber() {
        Set<String> seen = new HashSet<>();
        for (District d : all()) {
            assertThat(seen.add(d.code())).as("repeated " + d.code()).isTrue();
            assertThat(d.code()).matches("\\d{4}");
            int province = Integer.parseInt(d.province().substring("KH-".length()));
            assertThat(d.code()).as(d.englishName()).startsWith(String.format("%02d", province));
        }
    }

    @Test
    void everyNameIsGivenAndEveryKhmerNameIsInKhmerScript() {
        List<String> notKhmer = new ArrayList<>();
        for (District d : all()) {
            assertThat(d.englishName()).as(d.code()).isNotBlank().matches("[A-Za-z' ]+");
            boolean khmer = !d.khmerName().isBlank()
                    && d.khmerName()
                            .codePoints()
                            .allMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.KHMER);
            if (!khmer) {
                notKhmer.add(d.code() + " " + d.khmerName());
            }
        }
        assertThat(notKhmer).isEmpty();
    }

    @Test
    void phnomPenhHasItsFourteenKhans() {
        assertThat(Vocabulary.DISTRICTS.get("KH-12"))
                .extracting(District::englishName)
                .containsExactly(
                        "Chamkar Mon",
                        "Doun Penh",
                        "Prampir Meakkakra",
                        "Tuol Kouk",
                        "Dangkao",
                        "Mean Chey",
                        "Russey Keo",
                        "Saensokh",
                        "Pou Senchey",
                        "Chraoy Chongvar",
                        "Praek Pnov",
                        "Chbar Ampov",
                        "Boeng Keng Kang",
                        "Kamboul");
        District chamkarMon = Vocabulary.findDistrict("1201").orElseThrow();
        assertThat(chamkarMon.province()).isEqualTo("KH-12");
        assertThat(chamkarMon.name(Locale.forLanguageTag("km"))).isEqualTo("ចំការមន");
        assertThat(chamkarMon.name(Locale.ENGLISH)).isEqualTo("Chamkar Mon");
        assertThat(chamkarMon.name(Locale.forLanguageTag("th"))).isEqualTo("Chamkar Mon");
    }

    @Test
    void aDistrictMustLieInItsProvince() {
        assertThat(Vocabulary.district("KH-12", "1201")).isEqualTo("1201");
        assertThat(Vocabulary.district("KH-17", " 1707 ")).isEqualTo("1707");
        assertThat(Vocabulary.district(null, "1707"))
                .as("any province when none is given")
                .isEqualTo("1707");
        assertThat(Vocabulary.district("KH-12", "")).isNull();
        assertThat(Vocabulary.district("KH-12", null)).isNull();
        for (String wrong : new String[] {"1707", "9999", "0101", "Puok district"}) {
            assertThatThrownBy(() -> Vocabulary.district("KH-12", wrong))
                    .as(wrong)
                    .isInstanceOfSatisfying(
                            Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("case.field.invalid"));
        }
        assertThat(Vocabulary.isDistrictOf("KH-17", "1201")).isFalse();
        assertThat(Vocabulary.isDistrictOf("", "1201")).isTrue();
        assertThat(Vocabulary.isDistrictOf("KH-17", " ")).isTrue();
    }

    @Test
    void pagesShowTheNameAndKeepTextTypedBeforeThereWasAList() {
        DistrictNames names = new DistrictNames();
        org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.forLanguageTag("km"));
        try {
            assertThat(names.name("1707")).isEqualTo("ពួក");
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
        org.springframework.context.i18n.LocaleContextHolder.setLocale(Locale.forLanguageTag("vi"));
        try {
            assertThat(names.name("1707")).isEqualTo("Puok");
            assertThat(names.name("Puok district, Siem Reap")).isEqualTo("Puok district, Siem Reap");
            assertThat(names.name(null)).isNull();
            assertThat(names.known("Puok district, Siem Reap")).isFalse();
            assertThat(names.known("1707")).isTrue();
        } finally {
            org.springframework.context.i18n.LocaleContextHolder.resetLocaleContext();
        }
    }
}
