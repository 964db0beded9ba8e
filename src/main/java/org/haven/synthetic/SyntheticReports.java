package org.haven.synthetic;

import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.haven.cases.Vocabulary;
import org.haven.intake.BulkReports;
import org.haven.intake.IncidentInput;
import org.haven.intake.PerpetratorInput;
import org.haven.intake.PublicReport;
import org.springframework.stereotype.Component;

/**
 * Reports and incidents: one incident for every {@link #REPORTS_PER_INCIDENT} reports of an
 * organization, with one to three alleged perpetrators (phone numbers, handles); most reports of an
 * incident's group name one of its perpetrators' numbers or handles and are linked to it by triage, a
 * few name one without being linked yet (what "already known" suggestions are for), the rest name
 * nobody known. Like cases, report {@code i} and incident {@code j} of organization {@code o} come
 * from their own random streams seeded from (seed, o, i or j).
 */
@Component
class SyntheticReports {

    /** How many reports and incidents were written. */
    record Counts(int reports, int incidents) {}

    static final int REPORTS_PER_INCIDENT = 4;
    private static final long REPORT_STREAM = 0x5EED_0001L;
    private static final long INCIDENT_STREAM = 0x5EED_0002L;

    private static final List<String> PLACES = List.of(
            "Golden Star Karaoke",
            "Riverside Guesthouse",
            "Lucky Massage",
            "Sunrise Beer Garden",
            "Angkor Nights Club",
            "Mekong View Hotel",
            "Happy Family Restaurant",
            "Blue Lotus Spa",
            "Night Market Stall 14",
            "Diamond KTV");
    private static final List<String> STREETS =
            List.of("Street 51", "Street 136", "National Road 5", "Riverside Road", "Street 278", "Market Road");
    private static final List<String> WHAT = List.of(
            "Young girls are brought to the karaoke late at night by a man on a motorbike.",
            "A boy sells flowers until 2 am and an adult takes all the money.",
            "Children are kept upstairs and do not go to school.",
            "A woman recruits girls from the village for work in the city.",
            "Foreign men are seen taking children into rooms.",
            "An online account offers photos of children for money.",
            "Teenagers were taken across the border by a broker.");
    private static final List<String> SUMMARIES = List.of(
            "Several reports about minors working at night; owner known to police.",
            "Recruitment of girls from rural districts through a local broker.",
            "Online grooming and sale of images; account linked to a phone number.",
            "Begging ring using children at the night market.");
    private static final List<String> NATIONALITIES = List.of("Cambodian", "Thai", "Vietnamese", "Chinese", "Unknown");
    private static final List<String> DESCRIPTIONS = List.of(
            "Man around 40, short hair, drives a black pickup.",
            "Woman in her thirties, calls herself 'aunt'.",
            "Young man with tattoos on both arms.",
            "Older man, speaks Khmer and Thai.");
    private static final String[] PREFIXES = {"012", "015", "017", "077", "085", "089", "092", "096", "097"};

    private final BulkReports bulk;

    SyntheticReports(BulkReports bulk) {
        this.bulk = bulk;
    }

    Counts generate(SyntheticData.Plan plan, List<SyntheticData.Staff> staff, PrintStream out) {
        if (plan.reports() == 0) {
            return new Counts(0, 0);
        }
        long started = System.nanoTime();
        int reports = 0;
        int incidents = 0;
        for (int o = 1; o <= plan.organizations(); o++) {
            SyntheticData.Staff s = staff.get(o - 1);
            int total = plan.reports() / plan.organizations() + (o <= plan.reports() % plan.organizations() ? 1 : 0);
            int groups = Math.max(1, total / REPORTS_PER_INCIDENT);
            int batch = SyntheticData.BATCH - SyntheticData.BATCH % REPORTS_PER_INCIDENT;
            for (int from = 0; from < total; from += batch) {
                int to = Math.min(total, from + batch);
                int firstGroup = from / REPORTS_PER_INCIDENT;
                int lastGroup = Math.min(groups, (to + REPORTS_PER_INCIDENT - 1) / REPORTS_PER_INCIDENT);
                List<BulkReports.Incident> batchIncidents = new ArrayList<>();
                for (int j = firstGroup; j < lastGroup; j++) {
                    batchIncidents.add(incident(plan.seed(), o, j, s));
                }
                List<BulkReports.Report> batchReports = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    batchReports.add(report(plan.seed(), o, i, groups, firstGroup, lastGroup, s, batchIncidents));
                }
                bulk.load(s.organization(), batchIncidents, batchReports);
                reports += batchReports.size();
                incidents += batchIncidents.size();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(
                "Reports: %,d and incidents: %,d in %.1f s (%.0f reports/s).%n",
                reports, incidents, seconds, reports / seconds);
        return new Counts(reports, incidents);
    }

    /** Incident {@code j} of organization {@code o}: a function of (seed, o, j) only. */
    static BulkReports.Incident incident(long seed, int o, int j, SyntheticData.Staff staff) {
        SplittableRandom random = new SplittableRandom(SyntheticData.mix(seed ^ INCIDENT_STREAM, o, j));
        String province = SyntheticNames.pick(random, Vocabulary.PROVINCES);
        List<Vocabulary.District> districts = Vocabulary.DISTRICTS.getOrDefault(province, List.of());
        String district = districts.isEmpty()
                ? null
                : SyntheticNames.pick(random, districts).code();
        LocalDate firstSeen = SyntheticData.ANCHOR.minusDays(30 + random.nextInt(300));
        String status = IncidentInput.STATUSES.get(random.nextInt(IncidentInput.STATUSES.size()));
        List<String> outcomes = status.equals("OPEN")
                ? List.of()
                : IncidentInput.OUTCOMES.subList(0, 1 + random.nextInt(IncidentInput.OUTCOMES.size()));
        IncidentInput input = new IncidentInput(
                SyntheticNames.pick(random, PLACES),
                (1 + random.nextInt(300)) + " " + SyntheticNames.pick(random, STREETS),
                null,
                province,
                district,
                "KH",
                random.nextInt(100) < 80 ? List.of("SexualExploitation") : List.of("ForcedLabour"),
                firstSeen,
                firstSeen.plusDays(random.nextInt(30)),
                SyntheticNames.pick(random, SUMMARIES),
                status,
                outcomes);
        List<PerpetratorInput> perpetrators = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int p = 0; p < count; p++) {
            perpetrators.add(new PerpetratorInput(
                    SyntheticNames.pick(random, NATIONALITIES),
                    random.nextBoolean() ? "Bong " + (char) ('A' + random.nextInt(26)) : null,
                    phone(random) + (random.nextInt(100) < 30 ? ", " + phone(random) : ""),
                    random.nextInt(100) < 50 ? "@" + handle(random) : null,
                    random.nextInt(100) < 30 ? "Black Toyota pickup" : null,
                    SyntheticNames.pick(random, DESCRIPTIONS)));
        }
        Instant at = SyntheticData.ANCHOR
                .withDayOfYear(1)
                .minusYears(1)
                .plusDays(random.nextInt(360))
                .atTime(10, 0)
                .toInstant(ZoneOffset.UTC);
        return new BulkReports.Incident(input, perpetrators, staff.triage(), at);
    }

    /**
     * Report {@code i} of organization {@code o}: a function of (seed, o, i) and of the incident of its
     * group (i / {@link #REPORTS_PER_INCIDENT}), whose perpetrator it may name.
     */
    static BulkReports.Report report(
            long seed,
            int o,
            int i,
            int groups,
            int firstGroup,
            int lastGroup,
            SyntheticData.Staff staff,
            List<BulkReports.Incident> incidents) {
        SplittableRandom random = new SplittableRandom(SyntheticData.mix(seed ^ REPORT_STREAM, o, i));
        int group = i / REPORTS_PER_INCIDENT;
        int roll = random.nextInt(100);
        boolean hasGroup = group < groups && group >= firstGroup && group < lastGroup;
        // 65 % name their group's perpetrator and are linked, 15 % name one but are not linked yet.
        boolean names = hasGroup && roll < 80;
        boolean linked = hasGroup && roll < 65;
        String phones = random.nextInt(100) < 40 ? phone(random) : null;
        String handles = null;
        String province = SyntheticNames.pick(random, Vocabulary.PROVINCES);
        String district = null;
        String place = null;
        if (names) {
            BulkReports.Incident incident = incidents.get(group - firstGroup);
            PerpetratorInput perpetrator = SyntheticNames.pick(random, incident.perpetrators());
            phones = perpetrator.phones().split(",")[0].strip();
            handles = perpetrator.handles() != null && random.nextBoolean() ? perpetrator.handles() : null;
            province = incident.input().province();
            district = incident.input().district();
            place = incident.input().establishment();
        }
        PublicReport content = new PublicReport(
                SyntheticNames.pick(random, WHAT),
                province,
                district,
                "KH",
                place,
                random.nextBoolean() ? "Most nights after 10 pm" : "Last week",
                random.nextInt(100) < 70 ? 1 + random.nextInt(6) : null,
                random.nextBoolean() ? "about 12 to 16" : null,
                List.of("GIRLS", "BOYS", "BOTH", "UNKNOWN").get(random.nextInt(4)),
                SyntheticNames.pick(random, NATIONALITIES),
                SyntheticNames.pick(random, DESCRIPTIONS),
                random.nextInt(100) < 20 ? "White van" : null,
                phones,
                handles,
                random.nextInt(100) < 5);
        Instant received = SyntheticData.ANCHOR
                .minusDays(1 + random.nextInt(360))
                .atTime(random.nextInt(24), 0)
                .toInstant(ZoneOffset.UTC);
        return new BulkReports.Report(
                content,
                random.nextInt(100) < 75 ? "WEB" : "PHONE",
                random.nextInt(100) < 70 ? "km" : "en",
                received,
                linked ? group - firstGroup : -1,
                linked ? staff.triage() : null);
    }

    private static String phone(SplittableRandom random) {
        return PREFIXES[random.nextInt(PREFIXES.length)] + " " + (100 + random.nextInt(900)) + " "
                + (100 + random.nextInt(900));
    }

    private static String handle(SplittableRandom random) {
        StringBuilder handle = new StringBuilder();
        for (int c = 0; c < 8; c++) {
            handle.append((char) ('a' + random.nextInt(26)));
        }
        return handle.append(random.nextInt(100)).toString();
    }
}
