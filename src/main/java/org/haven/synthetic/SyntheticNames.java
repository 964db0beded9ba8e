package org.haven.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Fictional names, written for Haven: common Khmer family and given names in Khmer script with the
 * romanizations people actually write, and common Vietnamese, Thai and English names. Combinations
 * are random; any resemblance to a real person is chance.
 */
final class SyntheticNames {

    /** A name part: romanizations (the first the usual one) and the Khmer spelling, if Khmer. */
    record Part(List<String> romanized, String khmer) {
        String usual() {
            return romanized.get(0);
        }
    }

    /** A generated name: as written (romanized), in Khmer script if Khmer, and other spellings. */
    record Name(String name, String khmer, List<String> aliases, String nationality, String language) {}

    private static Part k(String khmer, String... romanized) {
        return new Part(List.of(romanized), khmer);
    }

    private static final List<Part> KHMER_FAMILY = List.of(
            k("សុខ", "Sok", "Sokh"),
            k("ចាន់", "Chan", "Chann"),
            k("គីម", "Kim", "Kym"),
            k("ហេង", "Heng", "Hing"),
            k("កែវ", "Keo", "Kaev"),
            k("មាស", "Meas", "Meah"),
            k("ជា", "Chea", "Cheah"),
            k("សេង", "Seng", "Sengh"),
            k("លី", "Ly", "Lee"),
            k("ផាន", "Phan", "Phann"),
            k("ប្រាក់", "Prak", "Prakh"),
            k("អ៊ុក", "Ouk", "Ok"),
            k("ទូច", "Touch", "Tuch"),
            k("ម៉ៅ", "Mao", "Mau"),
            k("យឹម", "Yim", "Yem"),
            k("ប៉ែន", "Pen", "Penh"),
            k("ទេព", "Tep", "Teb"),
            k("ឈឹម", "Chhim", "Chim"),
            k("សំ", "Sam", "Som"),
            k("ញឹម", "Nhim", "Nhem"));

    private static final List<Part> KHMER_GIRLS = List.of(
            k("ស្រីនាង", "Sreyneang", "Srey Neang", "Sreyneng"),
            k("ស្រីមុំ", "Sreymom", "Srey Mom"),
            k("សុភា", "Sophea", "Sophia"),
            k("ចន្ទនារី", "Channary", "Chanary"),
            k("បុប្ផា", "Bopha", "Bopa"),
            k("ចិន្តា", "Chenda", "Chinda"),
            k("គន្ធា", "Kunthea", "Kuntheaa"),
            k("សុខា", "Sokha", "Sokhar"),
            k("ពិសី", "Pisey", "Piseiy"),
            k("រស្មី", "Raksmey", "Reaksmey", "Rasmey"),
            k("ធីតា", "Thida", "Tida"),
            k("វណ្ណា", "Vanna", "Vana"),
            k("នារី", "Nary", "Neary"),
            k("ស្រីពៅ", "Sreypov", "Srey Pov"),
            k("កុលាប", "Kolab", "Kulab"),
            k("ដារា", "Dara", "Darah"));

    private static final List<Part> KHMER_BOYS = List.of(
            k("វណ្ណៈ", "Vannak", "Vanak"),
            k("សុគុណ", "Sokun", "Sokhun"),
            k("ឫទ្ធី", "Rithy", "Rity"),
            k("វិសាល", "Visal", "Vesal"),
            k("ពិសិដ្ឋ", "Piseth", "Piset"),
            k("សុវណ្ណ", "Sovann", "Sovan"),
            k("កុសល", "Kosal", "Kossal"),
            k("វាសនា", "Veasna", "Vesna"),
            k("សំណាង", "Samnang", "Somnang"),
            k("ចំរើន", "Chamroeun", "Chamreun"),
            k("ដារា", "Dara", "Darah"),
            k("បុរី", "Bory", "Borey"));

    private static final List<String> VIETNAMESE_FAMILY =
            List.of("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô");
    private static final List<String> VIETNAMESE_GIRLS =
            List.of("Lan", "Hoa", "Mai", "Linh", "Trang", "Hương", "Phương", "Thảo", "Ngọc", "Hằng");
    private static final List<String> VIETNAMESE_BOYS =
            List.of("Nam", "Minh", "Tuấn", "Hùng", "Dũng", "Quang", "Huy", "Long");

    private static final List<String> THAI_FAMILY =
            List.of("Saetang", "Srisuk", "Wongsawat", "Rattanakorn", "Boonmee", "Jaidee", "Kaewmanee", "Sukjai");
    private static final List<String> THAI_GIRLS =
            List.of("Malee", "Siriporn", "Kanya", "Pim", "Ratana", "Suda", "Nok", "Orathai");
    private static final List<String> THAI_BOYS = List.of("Somchai", "Nattapong", "Arthit", "Wichai", "Anan");

    private static final List<String> ENGLISH_FAMILY =
            List.of("Smith", "Brown", "Wilson", "Taylor", "Walker", "Clarke", "Carter", "Evans");
    private static final List<String> ENGLISH_GIRLS =
            List.of("Emma", "Olivia", "Grace", "Lily", "Ruby", "Sophie", "Chloe");
    private static final List<String> ENGLISH_BOYS = List.of("Jack", "Thomas", "Daniel", "Samuel", "Oliver");

    private SyntheticNames() {}

    /** Mostly Khmer (80%), then Vietnamese (12%), Thai (5%) and English (3%). */
    static Name child(SplittableRandom random, boolean girl) {
        int roll = random.nextInt(100);
        if (roll < 80) {
            Part family = pick(random, KHMER_FAMILY);
            Part given = pick(random, girl ? KHMER_GIRLS : KHMER_BOYS);
            String usual = family.usual() + " " + given.usual();
            String other = pick(random, family.romanized()) + " " + pick(random, given.romanized());
            List<String> aliases = other.equals(usual) ? List.of(given.usual() + " " + family.usual()) : List.of(other);
            return new Name(usual, family.khmer() + " " + given.khmer(), aliases, "KH", "km");
        }
        if (roll < 92) {
            String name = pick(random, VIETNAMESE_FAMILY) + " " + (girl ? "Thị " : "Văn ")
                    + pick(random, girl ? VIETNAMESE_GIRLS : VIETNAMESE_BOYS);
            String plain = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFD)
                    .replaceAll("\\p{M}", "")
                    .replace('Đ', 'D')
                    .replace('đ', 'd');
            return new Name(name, null, List.of(plain), "VN", "vi");
        }
        if (roll < 97) {
            return new Name(
                    pick(random, girl ? THAI_GIRLS : THAI_BOYS) + " " + pick(random, THAI_FAMILY),
                    null,
                    List.of(),
                    "TH",
                    "th");
        }
        return new Name(
                pick(random, girl ? ENGLISH_GIRLS : ENGLISH_BOYS) + " " + pick(random, ENGLISH_FAMILY),
                null,
                List.of(),
                "GB",
                "en");
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
