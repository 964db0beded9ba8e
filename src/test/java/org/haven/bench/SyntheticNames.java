package org.haven.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Fictional names for the HTTP benchmark's people, deterministic by seed: Khmer (romanized, with the
 * Khmer script for most), Vietnamese, Thai and English, and search terms made from them as staff type
 * them: whole names, one part, a letter swapped, the Khmer script.
 */
final class SyntheticNames {

    record Name(String latin, String khmer) {}

    private static final String[][] KHMER_GIVEN = {
        {"Sokha", "សុខា"},
        {"Dara", "តារា"},
        {"Sreymom", "ស្រីមុំ"},
        {"Pisey", "ពិសី"},
        {"Vanna", "វណ្ណា"},
        {"Kanha", "កញ្ញា"},
        {"Sophea", "សុភា"},
        {"Bopha", "បុប្ផា"},
        {"Chanthy", "ចាន់ធី"},
        {"Rachana", "រចនា"},
        {"Sokunthea", "សុគន្ធា"},
        {"Malis", "ម្លិះ"},
        {"Thida", "ធីតា"},
        {"Srey Leak", "ស្រីល័ក្ខ"},
        {"Sovann", "សុវណ្ណ"},
        {"Piseth", "ពិសិដ្ឋ"},
        {"Vibol", "វិបុល"},
        {"Rithy", "ឫទ្ធី"},
        {"Samnang", "សំណាង"},
        {"Chenda", "ចិន្តា"}
    };
    private static final String[][] KHMER_FAMILY = {
        {"Chea", "ជា"}, {"Sok", "សុខ"}, {"Kim", "គឹម"}, {"Heng", "ហេង"}, {"Keo", "កែវ"}, {"Meas", "មាស"},
        {"Long", "ឡុង"}, {"Prak", "ប្រាក់"}, {"Chan", "ចាន់"}, {"Ly", "លី"}, {"Nov", "នៅ"}, {"Phan", "ផាន"},
        {"Sam", "សំ"}, {"Touch", "ទូច"}, {"Yim", "យឹម"}, {"Mao", "ម៉ៅ"}
    };
    private static final String[] VIETNAMESE_FAMILY = {"Nguyen", "Tran", "Le", "Pham", "Hoang", "Vo", "Dang", "Bui"};
    private static final String[] VIETNAMESE_GIVEN = {
        "Thi Lan", "Thi Hoa", "Van Minh", "Thu Huong", "Ngoc Anh", "Thi Mai", "Van Nam", "Kim Ngan", "Thanh Tam"
    };
    private static final String[] THAI_GIVEN = {"Somchai", "Malee", "Suda", "Nattaya", "Kanya", "Arun", "Ploy"};
    private static final String[] THAI_FAMILY = {"Srisuk", "Chaiyaporn", "Boonmee", "Saetang", "Wongsa"};
    private static final String[] ENGLISH_GIVEN = {"Emily", "Grace", "Lily", "Daniel", "Sarah", "Joseph", "Anna"};
    private static final String[] ENGLISH_FAMILY = {"Johnson", "Smith", "Brown", "Taylor", "Wilson", "Evans"};

    private SyntheticNames() {}

    /** {@code count} names, about two thirds Khmer. */
    static List<Name> people(int count, long seed) {
        Random random = new Random(seed);
        List<Name> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int culture = random.nextInt(12);
            if (culture < 8) {
                String[] family = pick(random, KHMER_FAMILY);
                String[] given = pick(random, KHMER_GIVEN);
                boolean script = random.nextInt(5) > 0;
                names.add(new Name(family[0] + " " + given[0], script ? family[1] + " " + given[1] : null));
            } else if (culture < 10) {
                names.add(new Name(pick(random, VIETNAMESE_FAMILY) + " " + pick(random, VIETNAMESE_GIVEN), null));
            } else if (culture < 11) {
                names.add(new Name(pick(random, THAI_GIVEN) + " " + pick(random, THAI_FAMILY), null));
            } else {
                names.add(new Name(pick(random, ENGLISH_GIVEN) + " " + pick(random, ENGLISH_FAMILY), null));
            }
        }
        return names;
    }

    /** {@code count} search terms typed after {@code people}'s names. */
    static List<String> searchTerms(List<Name> people, int count, long seed) {
        Random random = new Random(seed);
        List<String> terms = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Name name = people.get(random.nextInt(people.size()));
            String latin = name.latin();
            switch (i % 4) {
                case 0 -> terms.add(latin);
                case 1 -> terms.add(swapTwoLetters(latin, random));
                case 2 -> terms.add(name.khmer() != null ? name.khmer() : latin.toLowerCase(java.util.Locale.ROOT));
                default -> terms.add(latin.substring(latin.indexOf(' ') + 1));
            }
        }
        return terms;
    }

    private static String swapTwoLetters(String text, Random random) {
        for (int attempt = 0; attempt < 10; attempt++) {
            int at = 1 + random.nextInt(text.length() - 2);
            if (Character.isLetter(text.charAt(at)) && Character.isLetter(text.charAt(at + 1))) {
                return text.substring(0, at) + text.charAt(at + 1) + text.charAt(at) + text.substring(at + 2);
            }
        }
        return text;
    }

    private static String[] pick(Random random, String[][] values) {
        return values[random.nextInt(values.length)];
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
