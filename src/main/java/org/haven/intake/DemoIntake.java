package org.haven.intake;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Organizations;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.intake.routing.Partners;
import org.haven.intake.routing.Routings;
import org.haven.platform.InstallationFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code ./haven start --demo}: the hotline's intake and triage journey, created once (recorded as the
 * installation fact {@value #FACT}): six fictional reports in the triage queue (one with a child in
 * danger now, in Khmer and English, from the web and the phone), two incidents with their alleged
 * perpetrators (one sharing a phone number with a report nobody linked yet), a partner registry with the
 * demo shelter inside Haven (vetted by a second triage officer) and an unvetted partner outside, one
 * report routed to the shelter, and the demo triage officer on call.
 *
 * <p>It runs when the application is ready, after the identity module's demo network exists, and goes
 * through the real services acted by the demo accounts, so every report is encrypted, tokenized and
 * audited as if typed. Every name, number, handle and place is invented (numbers 012 555 0xx, handles
 * {@code @demo_…}); none of the stories is anyone's.
 */
@Component
@Profile("!admin")
@ConditionalOnBooleanProperty("haven.demo")
class DemoIntake {

    static final String FACT = "demo.intake";
    static final String HOTLINE = IntakeOrganization.DEMO_HOTLINE;
    static final String SHELTER = "Riverside Aftercare Shelter (demo)";
    static final String TRIAGE = "triage@hotline.demo.example";
    static final String SECOND_TRIAGE = "triage2@hotline.demo.example";
    static final String OPERATOR = "operator@hotline.demo.example";
    /** The karaoke manager's number: in incident A, and in one phone report nobody linked yet. */
    static final String SHARED_PHONE = "012 555 011";

    private static final long LOCK = 727003;
    private static final Logger log = LoggerFactory.getLogger(DemoIntake.class);

    private final Reports reports;
    private final Triage triage;
    private final Incidents incidents;
    private final OnCall onCall;
    private final Partners partners;
    private final Routings routings;
    private final Organizations organizations;
    private final StaffDirectory staff;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoIntake(
            Reports reports,
            Triage triage,
            Incidents incidents,
            OnCall onCall,
            Partners partners,
            Routings routings,
            Organizations organizations,
            StaffDirectory staff,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.reports = reports;
        this.triage = triage;
        this.incidents = incidents;
        this.onCall = onCall;
        this.partners = partners;
        this.routings = routings;
        this.organizations = organizations;
        this.staff = staff;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        long started = System.nanoTime();
        try {
            if (Boolean.TRUE.equals(transactions.execute(status -> seedOnce()))) {
                log.info("Demo intake ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // All or nothing: the transaction rolled back, the next start tries again.
            log.warn("Demo intake could not be seeded: {}", e.getClass().getSimpleName());
        }
    }

    /** Seeds the demo intake unless it was seeded before (in the caller's transaction), one node at a time. */
    boolean seedOnce() {
        if (!InstallationFacts.notYet(jdbc, LOCK, FACT)) {
            return false;
        }
        Optional<CurrentUser> officer = account(HOTLINE, TRIAGE, Permission.REPORT_TRIAGE);
        Optional<CurrentUser> second = account(HOTLINE, SECOND_TRIAGE, Permission.REPORT_TRIAGE);
        Optional<CurrentUser> operator = account(HOTLINE, OPERATOR, Permission.REPORT_INTAKE);
        Optional<UUID> shelter = organizations.findByName(SHELTER).map(Organizations.Organization::id);
        if (officer.isEmpty() || second.isEmpty() || operator.isEmpty() || shelter.isEmpty()) {
            log.warn("Demo intake not seeded: the demo accounts are missing");
            return false;
        }
        seed(officer.get(), second.get(), operator.get(), shelter.get());
        InstallationFacts.record(jdbc, FACT, clock.instant());
        return true;
    }

    private Optional<CurrentUser> account(String organization, String email, Permission permission) {
        return organizations
                .findByName(organization)
                .flatMap(o -> staff.holding(o.id(), null, permission).stream()
                        .filter(m -> m.email().equalsIgnoreCase(email))
                        .findFirst())
                .map(m -> new CurrentUser(
                        m.id(),
                        m.organizationId(),
                        m.teamId(),
                        m.email(),
                        m.displayName(),
                        m.role(),
                        m.language(),
                        m.role().permissions()));
    }

    private void seed(CurrentUser officer, CurrentUser second, CurrentUser operator, UUID shelter) {
        UUID hotline = officer.organizationId();
        LocalDate today = LocalDate.now(clock);
        // On call first, so the report of a child in danger now alerts the officer on shift.
        onCall.take(officer, null, 12);

        UUID karaoke = web(
                hotline,
                "km",
                report(
                        "ក្មេងស្រីពីរនាក់ អាយុប្រហែល ១៤ ឆ្នាំ ត្រូវបានគេបង្ខំឱ្យធ្វើការនៅខារ៉ាអូខេក្បែរកំពង់ផែ។ ពួកគេនៅទីនោះឥឡូវនេះ។",
                        "1801",
                        2,
                        "GIRLS",
                        "The manager, about 40; a white van brings the girls at night.",
                        SHARED_PHONE,
                        "@demo_boss_sihanouk",
                        true));
        UUID scout = web(
                hotline,
                "en",
                report(
                        "An account on social media offers 'modelling jobs' to girls of 13 and 14 and asks them for"
                                + " photos. My niece was asked to meet him at a cafe in Phnom Penh last week.",
                        "1201",
                        1,
                        "GIRLS",
                        "Says he is a photographer.",
                        "012 555 022",
                        "@demo_modelscout",
                        false));
        UUID market = web(
                hotline,
                "en",
                report(
                        "Every night small children, 6 to 10, sell flowers at the night market until after midnight."
                                + " A man on a blue tuk-tuk collects their money and takes them away at closing time.",
                        "1702",
                        5,
                        "BOTH",
                        "A man in his thirties with a blue tuk-tuk.",
                        null,
                        null,
                        false));
        UUID car = web(
                hotline,
                "km",
                report(
                        "ក្មេងស្រីម្នាក់នៅភូមិខ្ញុំឈប់ទៅសាលា ហើយមានឡានខ្មៅមួយមកយកនាងរាល់ល្ងាច។",
                        "0201",
                        1,
                        "GIRLS",
                        null,
                        null,
                        null,
                        false));
        triage.intake(
                operator,
                report(
                        "Caller says a man recruiting 'restaurant staff' for Sihanoukville asked her neighbour's"
                                + " daughter, 15, to leave with him tomorrow morning, for 300 dollars a month.",
                        "0102",
                        1,
                        "GIRLS",
                        "Calls himself a recruiter.",
                        SHARED_PHONE,
                        null,
                        false),
                "PHONE");
        triage.intake(
                operator,
                report(
                        "Caller's nephew, 15, was offered work on a fishing boat in Thailand by a broker who"
                                + " contacts boys through a messaging app.",
                        "1802",
                        1,
                        "BOYS",
                        "A broker, said to be Thai.",
                        null,
                        "@demo_boatjobs",
                        false),
                "PHONE");

        classify(officer, karaoke, "IMMEDIATE", "CHILD_SEX_TRAFFICKING", "UNDER_REVIEW");
        classify(officer, scout, "HIGH", "ONLINE_EXPLOITATION", "UNDER_REVIEW");
        classify(officer, market, "NORMAL", "FORCED_LABOUR_BEGGING", "UNDER_REVIEW");
        reports.ask(officer, car, "សូមអរគុណ។ តើអ្នកអាចប្រាប់យើងពីឈ្មោះភូមិ និងពេលដែលអ្នកឃើញឡាននោះចុងក្រោយបានទេ?");

        UUID venue = incidents
                .open(
                        officer,
                        new IncidentInput(
                                "Golden Lotus Karaoke (demo)",
                                "Port road, Preah Sihanouk (fictional address)",
                                null,
                                "KH-18",
                                "1801",
                                "KH",
                                List.of("SexualExploitation"),
                                today.minusDays(40),
                                today,
                                "Girls under 16 made to work as hostesses; brought and taken away in a white van.",
                                "UNDER_INVESTIGATION",
                                List.of("INVESTIGATED")))
                .id();
        incidents.addPerpetrator(
                officer,
                venue,
                new PerpetratorInput(
                        "Cambodian",
                        "Boss Lek (demo)",
                        SHARED_PHONE,
                        "@demo_boss_sihanouk",
                        "White van, plate 0X-0000 (fictional)",
                        "Manager of the venue, about 40."));
        incidents.linkReport(officer, venue, karaoke);
        UUID online = incidents
                .open(
                        officer,
                        new IncidentInput(
                                null,
                                null,
                                null,
                                "KH-12",
                                "1201",
                                "KH",
                                List.of("SexualExploitation"),
                                today.minusDays(10),
                                today.minusDays(3),
                                "A fake 'model scout' asks young girls for photos and meetings.",
                                "OPEN",
                                List.of()))
                .id();
        incidents.addPerpetrator(
                officer,
                online,
                new PerpetratorInput(null, "Mr Photo (demo)", "012 555 022", "@demo_modelscout", null, null));
        incidents.linkReport(officer, online, scout);

        UUID inside = partners.register(
                officer,
                new Partners.PartnerInput(
                        SHELTER,
                        "INSIDE",
                        shelter,
                        null,
                        List.of("CHILD_SEX_TRAFFICKING", "FORCED_LABOUR_BEGGING"),
                        List.of(),
                        List.of("KH"),
                        null,
                        true));
        partners.change(
                second,
                inside,
                partners.read(second, inside).version(),
                new Partners.PartnerInput(null, null, null, null, null, null, null, true, null));
        partners.register(
                officer,
                new Partners.PartnerInput(
                        "Border Outreach Project (demo)",
                        "OUTSIDE",
                        null,
                        "Duty desk 012 555 099, outreach@partner.demo.example (fictional)",
                        List.of("FORCED_LABOUR_BEGGING", "OTHER"),
                        List.of("KH-1", "KH-2"),
                        List.of("KH", "TH"),
                        null,
                        true));
        routings.route(
                officer,
                market,
                triage.read(officer, market).version(),
                inside,
                routings.prefill(officer, market, Locale.ENGLISH));
        log.info("Demo intake: {} reports, {} incidents, {} partners, {} routing", 6, 2, 2, 1);
    }

    private UUID web(UUID hotline, String language, PublicReport report) {
        return reports.store(hotline, report, language, "WEB", null).id();
    }

    private void classify(CurrentUser officer, UUID report, String urgency, String category, String status) {
        triage.classify(
                officer,
                report,
                triage.read(officer, report).version(),
                new Triage.Classification(urgency, category, null, null, status));
    }

    /** A report as the person typed it; the province is the district's (as the form fills it in). */
    private static PublicReport report(
            String what,
            String district,
            int children,
            String sex,
            String adults,
            String phones,
            String handles,
            boolean dangerNow) {
        String province =
                org.haven.cases.Vocabulary.findDistrict(district).orElseThrow().province();
        return new PublicReport(
                what, province, district, "KH", null, null, children, null, sex, null, adults, null, phones, handles,
                dangerNow);
    }
}
