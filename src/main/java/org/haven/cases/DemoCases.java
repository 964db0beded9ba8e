package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.haven.identity.CurrentUser;
import org.haven.identity.Organizations;
import org.haven.identity.Permission;
import org.haven.identity.StaffDirectory;
import org.haven.platform.InstallationFacts;
import org.haven.platform.OrganizationScope;
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
 * {@code ./haven start --demo}: fictional cases in every stage of the journey for the demo network's
 * caseworkers and supervisor, created once (recorded as the installation fact {@value #FACT}).
 *
 * <p>It runs when the application is ready, that is after every {@code ApplicationRunner}, so after
 * the identity module's demo network has created the organizations and accounts. Everything goes
 * through the real services, acted by the demo accounts themselves ({@link CurrentUser}s built from
 * the staff directory), so every name and note is encrypted, indexed and audited as if typed. Only
 * three things are written directly, because no screen lets anyone backdate them: the day a child went
 * home ({@code reintegrated_on}, set just before the case enters follow-up, so that the service plans
 * the follow-ups from it and some are overdue), and when a case was opened and last contacted
 * ({@code opened_at}, {@code last_contact_at}, set afterwards from the dates of its story). Dates typed
 * into forms (consents, assessments, notes, follow-ups, due dates) are given in the past through the
 * services themselves. The timeline and the audit trail, append-only, show the day of the seeding.
 *
 * <p>The stories are scripted, not random: the same cases every time, dated relative to the day of
 * the first demo start. All names are fictional; none of the stories is anyone's.
 */
@Component
@Profile("!admin")
@ConditionalOnBooleanProperty("haven.demo")
class DemoCases {

    static final String FACT = "demo.cases";
    static final String HOTLINE = "Mekong Child Safety Hotline (demo)";
    static final String SHELTER = "Riverside Aftercare Shelter (demo)";
    static final String HOTLINE_CASEWORKER = "caseworker@hotline.demo.example";
    static final String HOTLINE_SUPERVISOR = "supervisor@hotline.demo.example";
    static final String SHELTER_CASEWORKER = "caseworker@shelter.demo.example";
    private static final ZoneId CAMBODIA = ZoneId.of("Asia/Phnom_Penh");
    private static final long LOCK = 727002;
    private static final Logger log = LoggerFactory.getLogger(DemoCases.class);

    /** Who acts in the stories: the hotline's caseworker and supervisor, and the shelter's caseworker. */
    record Cast(CurrentUser caseworker, CurrentUser supervisor, CurrentUser shelterCaseworker) {}

    private final Cases cases;
    private final CaseFiles files;
    private final Consents consents;
    private final Assessments assessments;
    private final CarePlans plans;
    private final CaseNotes notes;
    private final FollowUps followUps;
    private final WorkItems work;
    private final Relations relations;
    private final Organizations organizations;
    private final StaffDirectory staff;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    DemoCases(
            Cases cases,
            CaseFiles files,
            Consents consents,
            Assessments assessments,
            CarePlans plans,
            CaseNotes notes,
            FollowUps followUps,
            WorkItems work,
            Relations relations,
            Organizations organizations,
            StaffDirectory staff,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Clock clock) {
        this.cases = cases;
        this.files = files;
        this.consents = consents;
        this.assessments = assessments;
        this.plans = plans;
        this.notes = notes;
        this.followUps = followUps;
        this.work = work;
        this.relations = relations;
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
                log.info("Demo cases ready in {} ms", (System.nanoTime() - started) / 1_000_000);
            }
        } catch (RuntimeException e) {
            // All or nothing: the transaction rolled back, the next start tries again.
            log.warn("Demo cases could not be seeded: {}", e.getClass().getSimpleName());
        }
    }

    /** Seeds the demo cases unless they were seeded before; all or nothing, one node at a time. */
    boolean seedOnce() {
        if (!InstallationFacts.notYet(jdbc, LOCK, FACT)) {
            return false;
        }
        Optional<Cast> cast = demoCast();
        if (cast.isEmpty()) {
            log.warn("Demo cases not seeded: the demo accounts are missing");
            return false;
        }
        seed(cast.get());
        InstallationFacts.record(jdbc, FACT, clock.instant());
        return true;
    }

    private Optional<Cast> demoCast() {
        Optional<CurrentUser> caseworker = account(HOTLINE, HOTLINE_CASEWORKER);
        Optional<CurrentUser> supervisor = account(HOTLINE, HOTLINE_SUPERVISOR);
        Optional<CurrentUser> shelter = account(SHELTER, SHELTER_CASEWORKER);
        if (caseworker.isEmpty() || supervisor.isEmpty() || shelter.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Cast(caseworker.get(), supervisor.get(), shelter.get()));
    }

    private Optional<CurrentUser> account(String organization, String email) {
        return organizations
                .findByName(organization)
                .flatMap(o -> staff.holding(o.id(), null, Permission.CASE_WRITE).stream()
                        .filter(m -> m.email().equalsIgnoreCase(email))
                        .findFirst())
                .map(DemoCases::signedIn);
    }

    /** The member as the services see them once signed in, with all of their role's permissions. */
    static CurrentUser signedIn(StaffDirectory.Member m) {
        return new CurrentUser(
                m.id(),
                m.organizationId(),
                m.teamId(),
                m.email(),
                m.displayName(),
                m.role(),
                m.language(),
                m.role().permissions());
    }

    /**
     * Writes every story (in the caller's transaction). The hotline's caseworker carries most cases,
     * so their day is full; the supervisor carries one and has a plan and a closure to approve.
     */
    void seed(Cast cast) {
        new Script(cast).play();
    }

    /** One child's case as the script writes it. */
    private final class Story {
        final CurrentUser by;
        final UUID id;
        final LocalDate opened;
        LocalDate lastContact;

        Story(CurrentUser by, UUID id, LocalDate opened) {
            this.by = by;
            this.id = id;
            this.opened = opened;
        }

        UUID id() {
            return id;
        }

        UUID organization() {
            return by.organizationId();
        }

        int version() {
            OrganizationScope.enter(jdbc, organization());
            return files.find(organization(), id).orElseThrow().version();
        }

        void contact(LocalDate day) {
            if (lastContact == null || day.isAfter(lastContact)) {
                lastContact = day;
            }
        }
    }

    private final class Script {

        private final CurrentUser caseworker;
        private final CurrentUser supervisor;
        private final CurrentUser shelter;
        private final LocalDate today = LocalDate.now(clock);

        Script(Cast cast) {
            this.caseworker = cast.caseworker();
            this.supervisor = cast.supervisor();
            this.shelter = cast.shelterCaseworker();
        }

        void play() {
            identified();
            assessment();
            reopenedAfterReExploitation();
            carePlans();
            services();
            reintegration();
            followUp();
            closure();
            transferred();
        }

        /** Two children met this week: one from a police operation, one reported by a hotel worker. */
        private void identified() {
            Story sreyneang = open(
                    caseworker,
                    2,
                    child("Sreyneang Sok", "ស្រីនាង សុខ", "FEMALE", 15, "KH", "KH-18"),
                    details(
                            "Possible",
                            null,
                            List.of("SexualExploitation"),
                            List.of("Prostitution"),
                            List.of("FalsePromises", "RestrictsMovement", "WithholdsDocuments"),
                            "Friend",
                            "KH",
                            "KH-18",
                            60,
                            3,
                            "A karaoke venue near the port, Preah Sihanouk",
                            "Found during a police operation at a karaoke venue. A friend had promised her work as a"
                                    + " waitress. Her identity card was kept by the manager."));
            guardian(
                    sreyneang,
                    "MOTHER",
                    true,
                    "Sopheap Sok (សុភាព សុខ)",
                    "012 000 101",
                    "Kampong Speu",
                    "Sells vegetables at the market; learned of the case from the police.");
            note(
                    sreyneang,
                    "CONTACT",
                    2,
                    "First meeting at the police station with the hotline social worker. She is tired and"
                            + " asked to call her mother; the call was made together.");
            flag(sreyneang, "URGENT_MEDICAL", "Needs a medical check-up this week.");
            task(sreyneang, caseworker, "Arrange a medical check-up at the clinic", 0);
            task(sreyneang, caseworker, "Visit the family in Kampong Speu", 5);

            Story lan = open(
                    caseworker,
                    4,
                    new PersonInput(
                            "Nguyễn Thị Lan",
                            null,
                            List.of("Lan Nguyen"),
                            "FEMALE",
                            null,
                            null,
                            "Speaks Vietnamese and a little Khmer.",
                            "Feminine",
                            16,
                            "VN",
                            List.of("vi"),
                            "KH-12",
                            null),
                    details(
                            "Possible",
                            null,
                            List.of("SexualExploitation", "ForcedLabour"),
                            List.of("PrivateSexualServices"),
                            List.of("DebtBondage", "FalsePromises"),
                            "Unknown",
                            "KH",
                            "KH-12",
                            90,
                            7,
                            "A guesthouse in Phnom Penh",
                            "Reported by a hotel worker. Brought from Vietnam with a promise of work in a restaurant;"
                                    + " told she owes the cost of the journey."));
            note(lan, "CONTACT", 4, "Met at the safe house with an interpreter on the phone. She wants to go home.");
            task(lan, caseworker, "Find a Vietnamese-speaking interpreter for the assessment", -1);
        }

        /** Two children being assessed; one of them carried by the supervisor herself. */
        private void assessment() {
            Story dara = open(
                    caseworker,
                    16,
                    child("Dara Chhim", "ដារា ឈឹម", "MALE", 13, "KH", "KH-1"),
                    details(
                            "Actual",
                            "Anti-Human Trafficking and Juvenile Protection Police",
                            List.of("ForcedLabour"),
                            List.of(),
                            List.of("TakesEarnings", "Threats", "ExcessiveWorkingHours"),
                            "Other",
                            "TH",
                            null,
                            200,
                            20,
                            "Street begging in Bangkok",
                            "Taken to Thailand to sell flowers and beg; returned through Poipet by the Thai"
                                    + " authorities."));
            guardian(
                    dara,
                    "GRANDPARENT",
                    true,
                    "Chhim Sarom (ឈឹម សារុំ)",
                    "012 000 102",
                    "Poipet, Banteay Meanchey",
                    "Has raised Dara since his parents left for work in Thailand.");
            consent(dara, "SERVICES", "GUARDIAN", "Chhim Sarom", null, 14, null);
            move(dara, caseworker, CaseStage.ASSESSMENT);
            assess(
                    dara,
                    "INITIAL",
                    10,
                    new int[] {2, 1, 0, 0, 2, 2, 3, 1, 2},
                    Map.of("EDUCATION", "Has not been to school for two years.", "FAMILY", "Grandmother is ill."),
                    "NOT_DONE",
                    "NOT_NEEDED");
            note(dara, "HOME_VISIT", 9, "Visited the grandmother in Poipet. The house is small but safe.");
            task(dara, caseworker, "Book the family assessment in Banteay Meanchey", -3);

            Story vichet = open(
                    supervisor,
                    8,
                    child("Vichet Touch", "វិចិត្រ ទូច", "MALE", 11, "KH", "KH-17"),
                    details(
                            "Possible",
                            null,
                            List.of("SexualExploitation"),
                            List.of("Pornography"),
                            List.of("FalsePromises"),
                            "Other",
                            "KH",
                            "KH-17",
                            45,
                            10,
                            "A rented room in Siem Reap",
                            "A foreign man offered English lessons and gifts. Reported by a guesthouse worker;"
                                    + " the specialized police unit is investigating."));
            guardian(vichet, "MOTHER", true, "Touch Sreyna (ទូច ស្រីណា)", null, "Siem Reap", null);
            consent(vichet, "SERVICES", "GUARDIAN", "Touch Sreyna", null, 7, null);
            consent(vichet, "SERVICES", "CHILD", "Vichet Touch", "Hotline counsellor Kimly", 7, null);
            move(vichet, supervisor, CaseStage.ASSESSMENT);
            note(vichet, "CONTACT", 6, "Met with his mother at the hotline office. He likes drawing.");
            task(vichet, supervisor, "Complete the initial assessment with the counsellor", 1);
        }

        /**
         * Went home, then was found back at the same venue at the first follow-up: the case reopened at
         * critical risk, and a new assessment shows the change.
         */
        private void reopenedAfterReExploitation() {
            Story sreyleak = open(
                    caseworker,
                    240,
                    child("Sreyleak Mao", "ស្រីលក្ខណ៍ ម៉ៅ", "FEMALE", 16, "KH", "KH-17"),
                    details(
                            "Actual",
                            "Siem Reap Provincial Court",
                            List.of("SexualExploitation"),
                            List.of("Prostitution"),
                            List.of("DebtBondage", "PsychoactiveSubstances", "RestrictsMovement"),
                            "IntimatePartner",
                            "KH",
                            "KH-17",
                            400,
                            245,
                            "A massage parlour in Siem Reap",
                            "A boyfriend took her to Siem Reap and left her at a massage parlour to pay a debt."));
            guardian(
                    sreyleak,
                    "AUNT_UNCLE",
                    true,
                    "Mao Chanthy (ម៉ៅ ចាន់ធី)",
                    "012 000 103",
                    "Puok district, Siem Reap",
                    "Her aunt; the mother works in Thailand.");
            guardian(sreyleak, "MOTHER", false, "Mao Sreypov (ម៉ៅ ស្រីពៅ)", null, "Thailand", null);
            consent(sreyleak, "SERVICES", "GUARDIAN", "Mao Chanthy", null, 238, null);
            move(sreyleak, caseworker, CaseStage.ASSESSMENT);
            assess(
                    sreyleak,
                    "INITIAL",
                    236,
                    new int[] {3, 2, 2, 2, 3, 2, 2, 2, 2},
                    Map.of("SUBSTANCE_USE", "Was given pills to stay awake."),
                    "NEGATIVE",
                    "IN_TREATMENT");
            move(sreyleak, caseworker, CaseStage.CARE_PLAN);
            UUID safety = goal(sreyleak, "SAFETY", "Lives somewhere safe, away from the boyfriend’s network");
            UUID health = goal(sreyleak, "MENTAL_HEALTH", "Sleeps well and feels less afraid");
            UUID work = goal(sreyleak, "LIVELIHOOD", "Learns a trade she chose: hairdressing");
            UUID shelterStay = service(sreyleak, safety, "SHELTER", "Riverside Aftercare Shelter", -150);
            UUID counselling = service(sreyleak, health, "COUNSELLING", "Hotline counsellor", -60);
            UUID training = service(sreyleak, work, "VOCATIONAL_TRAINING", "Siem Reap beauty school", -45);
            approvePlan(sreyleak);
            move(sreyleak, caseworker, CaseStage.SERVICES);
            serviceStatus(sreyleak, shelterStay, "DELIVERED");
            serviceStatus(sreyleak, counselling, "DELIVERED");
            serviceStatus(sreyleak, training, "DELIVERED");
            assess(
                    sreyleak,
                    "REVIEW",
                    45,
                    new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1},
                    Map.of("LIVELIHOOD", "Finished the hairdressing course."),
                    "NEGATIVE",
                    "COMPLETED");
            move(sreyleak, caseworker, CaseStage.REINTEGRATION);
            note(sreyleak, "HOME_VISIT", 44, "Went home with her aunt. She has a chair at a salon in the market.");
            goHome(sreyleak, 40);
            FollowUps.FollowUp first =
                    followUps.list(sreyleak.organization(), sreyleak.id()).get(0);
            followUps.record(
                    caseworker,
                    sreyleak.id(),
                    first.id(),
                    new FollowUps.FollowUpInput(
                            today.minusDays(5).toString(),
                            "REACHED",
                            "UNSAFE",
                            "NEITHER",
                            "NEEDS_CARE",
                            "RE_EXPLOITED",
                            "Found back at the same venue; the debt was used against her again."));
            sreyleak.contact(today.minusDays(5));
            assess(
                    sreyleak,
                    "REVIEW",
                    3,
                    new int[] {3, 2, 2, 3, 3, 2, 1, 2, 3},
                    Map.of("SAFETY", "The boyfriend knows where the aunt lives."),
                    "PENDING",
                    "NEEDED");
            flag(sreyleak, "SAFETY_CONCERN", "The boyfriend knows where the family lives. Do not share her location.");
            task(sreyleak, caseworker, "Safety planning with Sreyleak and her aunt", 0);
            finish(sreyleak);
        }

        /** One plan still a draft, one submitted and waiting for the supervisor. */
        private void carePlans() {
            Story kunthea = open(
                    caseworker,
                    21,
                    child("Kunthea Lim", "គន្ធា លឹម", "FEMALE", 14, "KH", "KH-2"),
                    details(
                            "Actual",
                            "Anti-Human Trafficking and Juvenile Protection Police",
                            List.of("SexualExploitation"),
                            List.of("RemoteInteractiveServices"),
                            List.of("Threats", "PsychologicalAbuse"),
                            "Other",
                            "KH",
                            "KH-2",
                            150,
                            25,
                            "Online, from home in Battambang",
                            "Groomed online by an adult who paid for video calls. Reported by her teacher."));
            guardian(kunthea, "MOTHER", true, "Lim Sophorn (លឹម សុភន)", "012 000 104", "Battambang", null);
            consent(kunthea, "SERVICES", "GUARDIAN", "Lim Sophorn", null, 20, null);
            move(kunthea, caseworker, CaseStage.ASSESSMENT);
            assess(
                    kunthea,
                    "INITIAL",
                    15,
                    new int[] {2, 0, 1, 0, 3, 1, 2, 1, 0},
                    Map.of("MENTAL_HEALTH", "Does not sleep; afraid the videos will be shown."),
                    "NOT_DONE",
                    "NOT_NEEDED");
            move(kunthea, caseworker, CaseStage.CARE_PLAN);
            UUID calm = goal(kunthea, "MENTAL_HEALTH", "Feels safe online and offline");
            UUID school = goal(kunthea, "EDUCATION", "Back in class every day");
            service(kunthea, calm, "COUNSELLING", "Hotline counsellor", 14);
            service(kunthea, school, "EDUCATION", "Her lower secondary school", 30);
            note(kunthea, "PHONE_CALL", 6, "Called her mother: Kunthea went back to school for two days.");

            Story bopha = open(
                    caseworker,
                    35,
                    child("Bopha Heng", "បុប្ផា ហេង", "FEMALE", 17, "KH", "KH-14"),
                    details(
                            "Actual",
                            "Ministry of Foreign Affairs and International Cooperation",
                            List.of("ForcedMarriage"),
                            List.of(),
                            List.of("FalsePromises", "RestrictsMovement", "WithholdsDocuments"),
                            "Other",
                            "CN",
                            null,
                            400,
                            50,
                            "A village in Jiangxi province, China",
                            "Married through a broker who promised factory work. Returned with the help of the"
                                    + " embassy."));
            guardian(bopha, "FATHER", true, "Heng Sovann (ហេង សុវណ្ណ)", "012 000 105", "Prey Veng", null);
            consent(bopha, "SERVICES", "CHILD", "Bopha Heng", "Hotline counsellor Kimly", 34, null);
            consent(bopha, "SERVICES", "GUARDIAN", "Heng Sovann", null, 34, null);
            consent(bopha, "SHARING", "CHILD", "Bopha Heng", null, 30, "Legal aid partner (demo): legal accompaniment");
            move(bopha, caseworker, CaseStage.ASSESSMENT);
            assess(
                    bopha,
                    "INITIAL",
                    28,
                    new int[] {1, 1, 2, 0, 2, 1, 2, 3, 2},
                    Map.of("LEGAL", "The broker is known to the police; she may be asked to testify."),
                    "NEGATIVE",
                    "NOT_NEEDED");
            move(bopha, caseworker, CaseStage.CARE_PLAN);
            UUID justice = goal(bopha, "LEGAL", "Is heard in court, prepared and accompanied");
            UUID income = goal(bopha, "LIVELIHOOD", "Earns her own income at home");
            UUID feel = goal(bopha, "MENTAL_HEALTH", "Trusts people around her again");
            service(bopha, justice, "LEGAL_ACCOMPANIMENT", "Legal aid partner", 45);
            service(bopha, income, "VOCATIONAL_TRAINING", "Sewing workshop, Prey Veng", 60);
            service(bopha, feel, "COUNSELLING", "Hotline counsellor", 21);
            plans.submit(caseworker, bopha.id(), bopha.version());
            note(bopha, "CONTACT", 3, "Went through the plan with Bopha and her father; both agreed to it.");
            finish(kunthea);
            finish(bopha);
        }

        /** Services under way: one case with a review assessment and a withdrawn consent. */
        private void services() {
            Story chanthou = open(
                    caseworker,
                    95,
                    child("Chanthou Prak", "ចាន់ធូ ប្រាក់", "FEMALE", 15, "KH", "KH-12"),
                    details(
                            "Actual",
                            "Phnom Penh Municipal Court",
                            List.of("SexualExploitation"),
                            List.of("Prostitution"),
                            List.of("DebtBondage", "PsychoactiveSubstances", "TakesEarnings"),
                            "Family",
                            "KH",
                            "KH-12",
                            300,
                            96,
                            "A beer garden in Phnom Penh",
                            "Sent to work by a relative to repay a family loan; identified at a beer garden."));
            guardian(
                    chanthou,
                    "MOTHER",
                    true,
                    "Prak Sreymao (ប្រាក់ ស្រីម៉ៅ)",
                    "012 000 106",
                    "Meanchey, Phnom Penh",
                    "Did not know about the loan; wants her daughter home.");
            consent(chanthou, "SERVICES", "GUARDIAN", "Prak Sreymao", null, 94, null);
            consent(chanthou, "STATISTICS", "CHILD", "Chanthou Prak", "Hotline counsellor Kimly", 94, null);
            UUID story = consent(chanthou, "STORY", "CHILD", "Chanthou Prak", "Hotline counsellor Kimly", 60, null);
            consents.withdraw(caseworker, chanthou.id(), story, today.minusDays(21));
            move(chanthou, caseworker, CaseStage.ASSESSMENT);
            assess(
                    chanthou,
                    "INITIAL",
                    92,
                    new int[] {3, 2, 3, 3, 2, 2, 2, 2, 1},
                    Map.of("SUBSTANCE_USE", "Was given methamphetamine to keep working."),
                    "PENDING",
                    "NEEDED");
            move(chanthou, caseworker, CaseStage.CARE_PLAN);
            UUID safe = goal(chanthou, "SAFETY", "Safe place to live while the court case runs");
            UUID healthy = goal(chanthou, "SUBSTANCE_USE", "Free of drugs, with support");
            UUID sexualHealth = goal(chanthou, "SEXUAL_HEALTH", "Tested and treated");
            UUID school = goal(chanthou, "EDUCATION", "Back at school in the next term");
            UUID shelterStay = service(chanthou, safe, "SHELTER", "Riverside Aftercare Shelter", 90);
            UUID clinic = service(chanthou, sexualHealth, "HIV_STI_CARE", "Partner health clinic", -70);
            UUID treatment = service(chanthou, healthy, "DRUG_TREATMENT", "Youth drug treatment centre", 20);
            service(chanthou, school, "EDUCATION", "Non-formal education class", -7);
            service(chanthou, safe, "LEGAL_ACCOMPANIMENT", "Legal aid partner", 30);
            approvePlan(chanthou);
            move(chanthou, caseworker, CaseStage.SERVICES);
            serviceStatus(chanthou, shelterStay, "IN_PROGRESS");
            serviceStatus(chanthou, clinic, "DELIVERED");
            serviceStatus(chanthou, treatment, "IN_PROGRESS");
            note(chanthou, "MEDICAL", 70, "Tests done at the clinic; treatment started for an infection.");
            note(chanthou, "CONTACT", 30, "Weekly meeting at the shelter. She asked about going back to school.");
            note(chanthou, "COURT", 12, "The investigating judge set a hearing date; she will be accompanied.");
            assess(
                    chanthou,
                    "REVIEW",
                    14,
                    new int[] {2, 1, 1, 2, 2, 2, 2, 2, 1},
                    Map.of("SUBSTANCE_USE", "Six weeks without drugs; still in the programme."),
                    "NEGATIVE",
                    "COMPLETED");
            flag(chanthou, "LEGAL_DEADLINE", "Court hearing next month: prepare and accompany her.");
            task(chanthou, caseworker, "Collect the school enrolment documents", -5);
            task(chanthou, caseworker, "Prepare Chanthou for the court hearing", 10);
            finish(chanthou);

            Story piseth = open(
                    caseworker,
                    60,
                    child("Piseth Meas", "ពិសិដ្ឋ មាស", "MALE", 12, "KH", "KH-18"),
                    details(
                            "Actual",
                            "Anti-Human Trafficking and Juvenile Protection Police",
                            List.of("SexualExploitation"),
                            List.of("PrivateSexualServices"),
                            List.of("FalsePromises", "PsychologicalAbuse"),
                            "Other",
                            "KH",
                            "KH-18",
                            120,
                            62,
                            "A guesthouse in Preah Sihanouk",
                            "A travelling offender gave boys money and meals. Identified after a guesthouse worker"
                                    + " called the hotline; the man was arrested."));
            guardian(piseth, "MOTHER", true, "Meas Kanha (មាស កញ្ញា)", "012 000 107", "Preah Sihanouk", null);
            consent(piseth, "SERVICES", "GUARDIAN", "Meas Kanha", null, 58, null);
            move(piseth, caseworker, CaseStage.ASSESSMENT);
            assess(
                    piseth,
                    "INITIAL",
                    55,
                    new int[] {2, 1, 1, 0, 2, 2, 1, 2, 1},
                    Map.of("FAMILY", "His mother works nights; an older sister looks after him."),
                    "NEGATIVE",
                    "NOT_NEEDED");
            move(piseth, caseworker, CaseStage.CARE_PLAN);
            UUID heard = goal(piseth, "LEGAL", "Gives his testimony once, by video, with support");
            UUID family = goal(piseth, "FAMILY", "Someone trusted is at home in the evening");
            service(piseth, heard, "LEGAL_ACCOMPANIMENT", "Legal aid partner", 25);
            UUID visit = service(piseth, family, "FAMILY_ASSESSMENT", "Hotline social worker", -20);
            service(piseth, heard, "COUNSELLING", "Hotline counsellor", 10);
            approvePlan(piseth);
            move(piseth, caseworker, CaseStage.SERVICES);
            serviceStatus(piseth, visit, "DELIVERED");
            note(piseth, "HOME_VISIT", 20, "Met his mother and sister at home; the sister will be home after school.");
            task(piseth, caseworker, "Ask the court about video testimony", -2);
            finish(piseth);
        }

        /** Services done; the child goes home soon. */
        private void reintegration() {
            Story sokha = open(
                    caseworker,
                    150,
                    child("Sokha Chea", "សុខា ជា", "FEMALE", 16, "KH", "KH-21"),
                    details(
                            "Actual",
                            "Royal Thai Police",
                            List.of("ForcedLabour"),
                            List.of(),
                            List.of("DebtBondage", "ExcessiveWorkingHours", "WithholdsDocuments"),
                            "Friend",
                            "TH",
                            null,
                            330,
                            155,
                            "A seafood processing plant in Samut Sakhon",
                            "Crossed to Thailand with a friend for factory work; her passport was kept."));
            guardian(sokha, "MOTHER", true, "Chea Sophy (ជា សុភី)", "012 000 108", "Takeo", null);
            consent(sokha, "SERVICES", "GUARDIAN", "Chea Sophy", null, 149, null);
            move(sokha, caseworker, CaseStage.ASSESSMENT);
            assess(
                    sokha,
                    "INITIAL",
                    145,
                    new int[] {1, 2, 0, 0, 2, 1, 2, 1, 3},
                    Map.of("LIVELIHOOD", "The family still owes money to the broker."),
                    "NEGATIVE",
                    "NOT_NEEDED");
            move(sokha, caseworker, CaseStage.CARE_PLAN);
            UUID income = goal(sokha, "LIVELIHOOD", "A safe job or training close to home");
            UUID family = goal(sokha, "FAMILY", "The family is ready to welcome her back");
            UUID training = service(sokha, income, "VOCATIONAL_TRAINING", "Takeo vocational centre", -30);
            UUID tracing = service(sokha, family, "FAMILY_ASSESSMENT", "Hotline social worker", -60);
            approvePlan(sokha);
            move(sokha, caseworker, CaseStage.SERVICES);
            serviceStatus(sokha, training, "DELIVERED");
            serviceStatus(sokha, tracing, "DELIVERED");
            assess(
                    sokha,
                    "REVIEW",
                    20,
                    new int[] {0, 1, 0, 0, 1, 1, 1, 1, 2},
                    Map.of("LIVELIHOOD", "Has a place in a tailoring shop in Takeo town."),
                    "NEGATIVE",
                    "NOT_NEEDED");
            move(sokha, caseworker, CaseStage.REINTEGRATION);
            note(sokha, "HOME_VISIT", 10, "The family prepared a room for her. Her mother is proud of her.");
            task(sokha, caseworker, "Confirm the day she goes home with her mother", 2);
            finish(sokha);
        }

        /** Back home: two cases with overdue follow-ups, one with a follow-up due this week. */
        private void followUp() {
            Story pisey = home(
                    child("Pisey Nhem", "ពិសី ញ៉ែម", "FEMALE", 15, "KH", "KH-3"),
                    "Nhem Saroeun (ញ៉ែម សារឿន)",
                    "GRANDPARENT",
                    260,
                    130);
            followUp(pisey, 0, 2, "REACHED", "SAFE", "IN_SCHOOL", "GOOD", "NONE", "Back in grade 8; happy at home.");
            finish(pisey);

            Story mai = home(
                    new PersonInput(
                            "Trần Thị Mai",
                            null,
                            List.of("Mai Tran"),
                            "FEMALE",
                            null,
                            null,
                            "Born in Phnom Penh; her family speaks Vietnamese at home.",
                            "Feminine",
                            17,
                            "VN",
                            List.of("vi", "km"),
                            "KH-12",
                            null),
                    "Trần Thị Hoa",
                    "MOTHER",
                    330,
                    215);
            followUp(mai, 0, 1, "REACHED", "SAFE", "IN_TRAINING", "GOOD", "NONE", "Started a cooking course.");
            followUp(
                    mai,
                    1,
                    3,
                    "REACHED",
                    "CONCERNS",
                    "NEITHER",
                    "NEEDS_CARE",
                    "AT_RISK",
                    "Left the course; a former recruiter was seen near the house.");
            task(mai, caseworker, "Phone call to check on Mai after the concerns at the last follow-up", -10);
            finish(mai);

            Story channary = home(
                    child("Channary Yim", "ចាន់ណារី យឹម", "FEMALE", 14, "KH", "KH-20"),
                    "Yim Sokhom (យឹម សុខុម)",
                    "MOTHER",
                    120,
                    (int) java.time.temporal.ChronoUnit.DAYS.between(today.minusMonths(1), today) - 4);
            finish(channary);
        }

        /** Two years of follow-up done: one closure waits for approval, one case is closed. */
        private void closure() {
            Story rachana = home(
                    child("Rachana Ouk", "រចនា អ៊ុក", "FEMALE", 19, "KH", "KH-17"),
                    "Ouk Sophal (អ៊ុក សុផល)",
                    "MOTHER",
                    900,
                    760);
            allFollowUps(rachana, "WORKING", "Works at a hotel reception in Siem Reap; feels safe.");
            cases.requestClosure(
                    caseworker,
                    rachana.id(),
                    rachana.version(),
                    "Two years of follow-up done. She works, lives with her mother and asked to close the case.");
            finish(rachana);

            Story mealea = home(
                    child("Mealea Chhun", "មាលា ឈុន", "FEMALE", 20, "KH", "KH-8"),
                    "Chhun Vanny (ឈុន វណ្ណី)",
                    "MOTHER",
                    1000,
                    790);
            allFollowUps(mealea, "IN_TRAINING", "Studies accounting in Phnom Penh and visits home every month.");
            cases.requestClosure(
                    caseworker,
                    mealea.id(),
                    mealea.version(),
                    "All follow-ups done and she is safe; she agreed the case can be closed.");
            cases.decideClosure(supervisor, mealea.id(), mealea.version(), true);
            finish(mealea);
        }

        /**
         * A girl who needed residential care: the hotline transferred her to the shelter with her
         * guardian’s consent, and the shelter’s caseworker opened her case there.
         */
        private void transferred() {
            Story thida = open(
                    caseworker,
                    30,
                    child("Thida Pen", "ធីតា ប៉ែន", "FEMALE", 13, "KH", "KH-4"),
                    details(
                            "Actual",
                            "Anti-Human Trafficking and Juvenile Protection Police",
                            List.of("SexualExploitation"),
                            List.of("Prostitution"),
                            List.of("Threats", "RestrictsMovement"),
                            "Family",
                            "KH",
                            "KH-12",
                            120,
                            31,
                            "A rented house in Phnom Penh",
                            "Sold by a stepfather; identified by the police. Cannot go home while he lives there."));
            guardian(thida, "FATHER", true, "Pen Sothea (ប៉ែន សុធា)", "012 000 109", "Kampong Chhnang", null);
            consent(
                    thida,
                    "SHARING",
                    "GUARDIAN",
                    "Pen Sothea",
                    null,
                    28,
                    "Riverside Aftercare Shelter (demo): residential care and case management");
            note(thida, "CONTACT", 27, "Explained the shelter to Thida and her father; she visited it with us first.");
            cases.move(caseworker, thida.id(), thida.version(), CaseStage.TRANSFERRED, null);
            finish(thida);

            Story there = open(
                    shelter,
                    25,
                    child("Thida Pen", "ធីតា ប៉ែន", "FEMALE", 13, "KH", "KH-4"),
                    details(
                            "Actual",
                            "Anti-Human Trafficking and Juvenile Protection Police",
                            List.of("SexualExploitation"),
                            List.of(),
                            List.of(),
                            "Family",
                            "KH",
                            "KH-12",
                            null,
                            null,
                            null,
                            "Referred by the hotline for residential care."));
            guardian(there, "FATHER", true, "Pen Sothea (ប៉ែន សុធា)", "012 000 109", "Kampong Chhnang", null);
            consent(there, "SERVICES", "GUARDIAN", "Pen Sothea", null, 25, null);
            move(there, shelter, CaseStage.ASSESSMENT);
            assess(
                    there,
                    "INITIAL",
                    20,
                    new int[] {2, 1, 1, 0, 2, 3, 1, 2, 0},
                    Map.of("FAMILY", "Cannot return home; the father is looking for a safe relative."),
                    "NEGATIVE",
                    "NOT_NEEDED");
            note(there, "CONTACT", 2, "Settled in; shares a room with two girls of her age.");
            task(there, shelter, "Family tracing: ask about the aunt in Kampong Chhnang", -4);
            finish(there);

            Story leakhena = open(
                    shelter,
                    3,
                    child("Leakhena Som", "លក្ខិណា សំ", "FEMALE", 15, "KH", "KH-22"),
                    details(
                            "Possible",
                            null,
                            List.of("ForcedLabour"),
                            List.of(),
                            List.of("FalsePromises"),
                            "Unknown",
                            "TH",
                            null,
                            null,
                            null,
                            null,
                            "Returned from Thailand through O’Smach; arrived at the shelter yesterday."));
            task(leakhena, shelter, "First meeting and consent with Leakhena", 0);
            finish(leakhena);

            Story sreyroth = open(
                    shelter,
                    40,
                    child("Sreyroth Kong", "ស្រីរ័ត្ន គង់", "FEMALE", 16, "KH", "KH-9"),
                    details(
                            "Actual",
                            "Koh Kong Provincial Court",
                            List.of("ForcedLabour"),
                            List.of(),
                            List.of("DebtBondage"),
                            "Other",
                            "KH",
                            "KH-9",
                            200,
                            45,
                            "A fishing port in Koh Kong",
                            "Worked to repay a debt of her family."));
            consent(sreyroth, "SERVICES", "CHILD", "Sreyroth Kong", "Shelter nurse Ratana", 39, null);
            move(sreyroth, shelter, CaseStage.ASSESSMENT);
            assess(
                    sreyroth,
                    "INITIAL",
                    35,
                    new int[] {1, 2, 1, 0, 1, 2, 2, 1, 2},
                    Map.of("HEALTH", "Skin infection, treated."),
                    "NEGATIVE",
                    "NOT_NEEDED");
            move(sreyroth, shelter, CaseStage.CARE_PLAN);
            UUID learn = goal(sreyroth, "EDUCATION", "Reads and writes Khmer with confidence");
            service(sreyroth, learn, "EDUCATION", "Shelter classroom", 60);
            finish(sreyroth);
        }

        // ---- the steps every story is made of ----

        /**
         * A case that went through the whole journey and went home {@code homeDaysAgo} days ago, its
         * follow-ups planned from that day.
         */
        private Story home(
                PersonInput person, String guardianName, String relationship, int openedDaysAgo, int homeDaysAgo) {
            Story story = open(
                    caseworker,
                    openedDaysAgo,
                    person,
                    details(
                            "Actual",
                            "Anti-Human Trafficking and Juvenile Protection Police",
                            List.of("SexualExploitation"),
                            List.of("Prostitution"),
                            List.of("FalsePromises", "DebtBondage"),
                            "Friend",
                            "KH",
                            person.province(),
                            openedDaysAgo + 120,
                            openedDaysAgo + 2,
                            null,
                            "Recruited by a friend with a promise of work in a restaurant."));
            guardian(story, relationship, true, guardianName, null, null, null);
            consent(story, "SERVICES", "GUARDIAN", guardianName, null, openedDaysAgo - 1, null);
            move(story, caseworker, CaseStage.ASSESSMENT);
            assess(
                    story,
                    "INITIAL",
                    openedDaysAgo - 4,
                    new int[] {2, 1, 2, 1, 2, 2, 2, 1, 2},
                    Map.of(),
                    "NEGATIVE",
                    "NEEDED");
            move(story, caseworker, CaseStage.CARE_PLAN);
            UUID family = goal(story, "FAMILY", "Lives safely with her family");
            UUID school = goal(story, "EDUCATION", "Back at school or in training");
            UUID visit = service(story, family, "FAMILY_ASSESSMENT", "Hotline social worker", -(homeDaysAgo + 20));
            UUID study = service(story, school, "EDUCATION", "School near home", -(homeDaysAgo + 5));
            approvePlan(story);
            move(story, caseworker, CaseStage.SERVICES);
            serviceStatus(story, visit, "DELIVERED");
            serviceStatus(story, study, "DELIVERED");
            assess(
                    story,
                    "REVIEW",
                    homeDaysAgo + 7,
                    new int[] {1, 0, 1, 0, 1, 1, 1, 0, 1},
                    Map.of(),
                    "NEGATIVE",
                    "COMPLETED");
            move(story, caseworker, CaseStage.REINTEGRATION);
            note(story, "HOME_VISIT", homeDaysAgo, "Went home today with the caseworker; the family welcomed her.");
            goHome(story, homeDaysAgo);
            return story;
        }

        /** The follow-ups planned for the case, each recorded a few days after it was due. */
        private void allFollowUps(Story story, String schoolOrWork, String last) {
            int count = followUps.list(story.organization(), story.id()).size();
            for (int i = 0; i < count; i++) {
                followUp(
                        story,
                        i,
                        3,
                        "REACHED",
                        "SAFE",
                        i < 2 ? "IN_SCHOOL" : schoolOrWork,
                        "GOOD",
                        "NONE",
                        i == count - 1 ? last : "Doing well; nothing to worry about.");
            }
        }

        private void followUp(
                Story story,
                int index,
                int daysLate,
                String contact,
                String safety,
                String schoolOrWork,
                String health,
                String exploitation,
                String text) {
            FollowUps.FollowUp planned =
                    followUps.list(story.organization(), story.id()).get(index);
            LocalDate done = planned.dueOn().plusDays(daysLate);
            followUps.record(
                    story.by,
                    story.id(),
                    planned.id(),
                    new FollowUps.FollowUpInput(
                            done.toString(), contact, safety, schoolOrWork, health, exploitation, text));
            if (contact.equals("REACHED")) {
                story.contact(done);
            }
        }

        /** The day the child went home, then the move to follow-up, which plans the follow-ups from it. */
        private void goHome(Story story, int daysAgo) {
            OrganizationScope.enter(jdbc, story.organization());
            jdbc.sql("UPDATE case_file SET reintegrated_on = ? WHERE organization_id = ? AND id = ?")
                    .params(today.minusDays(daysAgo), story.organization(), story.id())
                    .update();
            move(story, story.by, CaseStage.FOLLOW_UP);
        }

        private Story open(CurrentUser by, int daysAgo, PersonInput person, CaseDetails details) {
            UUID id = cases.open(by, new NewCase(person, null, details, true));
            return new Story(by, id, today.minusDays(daysAgo));
        }

        private void move(Story story, CurrentUser actor, CaseStage stage) {
            cases.move(actor, story.id(), story.version(), stage, null);
        }

        private UUID consent(
                Story story,
                String purpose,
                String givenBy,
                String giver,
                String witness,
                int daysAgo,
                String sharedWith) {
            return consents.record(
                    story.by,
                    story.id(),
                    new Consents.ConsentInput(
                            purpose,
                            sharedWith,
                            givenBy,
                            giver,
                            witness == null ? "SIGNED_PAPER" : "VERBAL_WITH_WITNESS",
                            witness,
                            today.minusDays(daysAgo).toString(),
                            null));
        }

        private void assess(
                Story story,
                String kind,
                int daysAgo,
                int[] ratings,
                Map<String, String> observed,
                String hivTest,
                String stiTreatment) {
            Map<String, Integer> typed = new java.util.LinkedHashMap<>();
            for (Assessments.Domain domain : Assessments.Domain.values()) {
                typed.put(domain.name(), ratings[domain.ordinal()]);
            }
            assessments.record(
                    story.by,
                    story.id(),
                    new Assessments.AssessmentInput(
                            kind, today.minusDays(daysAgo).toString(), typed, observed, hivTest, stiTreatment));
            story.contact(today.minusDays(daysAgo));
        }

        private UUID goal(Story story, String need, String description) {
            return plans.addGoal(story.by, story.id(), new CarePlans.GoalInput(need, description));
        }

        private UUID service(Story story, UUID goal, String type, String provider, int dueInDays) {
            return plans.addService(
                    story.by,
                    story.id(),
                    new CarePlans.ServiceInput(
                            goal,
                            type,
                            provider,
                            null,
                            today.plusDays(dueInDays).toString()));
        }

        private void serviceStatus(Story story, UUID service, String status) {
            OrganizationScope.enter(jdbc, story.organization());
            int version = plans
                    .plan(files.find(story.organization(), story.id()).orElseThrow())
                    .services()
                    .stream()
                    .filter(s -> s.id().equals(service))
                    .findFirst()
                    .orElseThrow()
                    .version();
            plans.updateService(story.by, story.id(), service, version, new CarePlans.ServiceUpdate(status));
        }

        private void approvePlan(Story story) {
            plans.submit(story.by, story.id(), story.version());
            plans.approve(supervisor, story.id(), story.version());
        }

        private void note(Story story, String kind, int daysAgo, String body) {
            notes.add(
                    story.by,
                    story.id(),
                    new CaseNotes.NoteInput(kind, today.minusDays(daysAgo).toString(), body));
            if (!kind.equals("OTHER") && !kind.equals("COURT")) {
                story.contact(today.minusDays(daysAgo));
            }
        }

        private void flag(Story story, String kind, String reason) {
            work.raise(story.by, story.id(), new WorkItems.FlagInput(kind, reason));
        }

        private void task(Story story, CurrentUser assignee, String title, int dueInDays) {
            work.addTask(
                    story.by,
                    story.id(),
                    new WorkItems.TaskInput(
                            title, assignee.id(), today.plusDays(dueInDays).toString()));
        }

        private void guardian(
                Story story,
                String relationship,
                boolean guardian,
                String name,
                String phone,
                String address,
                String about) {
            relations.add(
                    story.by,
                    story.id(),
                    new Relations.RelationInput(relationship, guardian, name, phone, address, about));
        }

        /** When the case was opened and last in contact, from the dates of its story. */
        private void finish(Story story) {
            OrganizationScope.enter(jdbc, story.organization());
            jdbc.sql("UPDATE case_file SET opened_at = ?, last_contact_at = ? WHERE organization_id = ? AND id = ?")
                    .params(
                            at(story.opened, LocalTime.of(9, 0)),
                            story.lastContact == null ? null : at(story.lastContact, LocalTime.of(15, 0)),
                            story.organization(),
                            story.id())
                    .update();
        }

        private Timestamp at(LocalDate day, LocalTime time) {
            return Timestamp.from(day.atTime(time).atZone(CAMBODIA).toInstant());
        }

        private PersonInput child(String name, String khmer, String sex, int age, String nationality, String province) {
            return new PersonInput(
                    name,
                    khmer,
                    List.of(),
                    sex,
                    null,
                    null,
                    null,
                    sex.equals("MALE") ? "Masculine" : "Feminine",
                    age,
                    nationality,
                    List.of("km"),
                    province,
                    null);
        }

        private CaseDetails details(
                String status,
                String decidedBy,
                List<String> types,
                List<String> sexual,
                List<String> means,
                String recruiter,
                String country,
                String province,
                Integer fromDaysAgo,
                Integer toDaysAgo,
                String places,
                String summary) {
            return new CaseDetails(
                    status,
                    decidedBy,
                    types,
                    sexual,
                    means,
                    recruiter,
                    country,
                    province,
                    fromDaysAgo == null ? null : today.minusDays(fromDaysAgo).toString(),
                    toDaysAgo == null ? null : today.minusDays(toDaysAgo).toString(),
                    places,
                    summary);
        }
    }
}
