package org.haven.synthetic;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntSupplier;
import org.haven.cases.BulkCases;
import org.haven.cases.BulkCases.History;
import org.haven.cases.CaseStage;
import org.haven.cases.FollowUps;
import org.haven.cases.PersonInput;
import org.haven.cases.Vocabulary;
import org.haven.identity.NewUser;
import org.haven.identity.Organizations;
import org.haven.identity.Permission;
import org.haven.identity.Role;
import org.haven.identity.StaffDirectory;
import org.haven.identity.UserAdministration;
import org.haven.platform.DeferredIndexes;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates organizations, staff and case histories. The content of case {@code i} of organization
 * {@code o} comes from its own {@link SplittableRandom} seeded from (seed, o, i), so the same seed
 * gives the same people, names, stages and texts in the same order whatever the batching and threads;
 * ids are fresh. Nothing personal is printed: counts only.
 */
@Service
public class SyntheticData {

    /**
     * What to generate; organizations are named "{prefix} 1…N" and reused when they exist. With
     * {@code baseline}, the same cases are also written without encryption, tokens' keys or audit into
     * scratch tables dropped afterwards, to measure what protection costs in the same run.
     */
    public record Plan(int organizations, int cases, int reports, long seed, String prefix, boolean baseline) {
        public Plan(int organizations, int cases, long seed, String prefix) {
            this(organizations, cases, 0, seed, prefix, false);
        }
    }

    /**
     * What was generated and how long it took: staff set-up (password hashing), cases, reports; the
     * baseline's seconds for the same cases (0 without one).
     */
    public record Result(
            int organizations,
            int staff,
            int cases,
            int reports,
            int incidents,
            double setupSeconds,
            double caseSeconds,
            double reportSeconds,
            double baselineSeconds) {
        public double casesPerSecond() {
            return caseSeconds == 0 ? 0 : cases / caseSeconds;
        }

        public double seconds() {
            return setupSeconds + caseSeconds + reportSeconds;
        }

        /** Protected cases/s over baseline cases/s (0 without a baseline). */
        public double ratio() {
            return baselineSeconds == 0 ? 0 : baselineSeconds / caseSeconds;
        }
    }

    static final int BATCH = Integer.getInteger("haven.generate.batch", 2_000);
    static final int THREADS = Integer.getInteger("haven.generate.threads", 2);
    /**
     * From this many cases into empty case tables, their indexes and foreign keys are built after the
     * load instead of row by row (decision 36); {@code -Dhaven.generate.defer-indexes=false} keeps them.
     */
    static final int DEFER_FROM = 10_000;

    static final boolean DEFER = Boolean.parseBoolean(System.getProperty("haven.generate.defer-indexes", "true"));

    /** The audit trail's indexes set aside with the case tables' (decision 36). */
    static final List<String> AUDIT_INDEXES =
            List.of("audit_event_actor", "audit_event_organization", "audit_event_record");
    /** Histories are dated before this day, so they do not depend on the day they are generated. */
    static final LocalDate ANCHOR = LocalDate.of(2026, 1, 1);

    private static final CaseStage[] STAGES = CaseStage.values();
    /** Percentages of cases per stage, in {@link CaseStage} order. */
    private static final int[] STAGE_SHARE = {12, 15, 12, 20, 10, 15, 12, 4};

    private final Organizations organizations;
    private final UserAdministration administration;
    private final StaffDirectory directory;
    private final BulkCases bulk;
    private final TransactionTemplate transactions;
    private final SyntheticReports reports;
    private final DeferredIndexes deferred;

    SyntheticData(
            Organizations organizations,
            UserAdministration administration,
            StaffDirectory directory,
            BulkCases bulk,
            TransactionTemplate transactions,
            SyntheticReports reports,
            DeferredIndexes deferred) {
        this.reports = reports;
        this.deferred = deferred;
        this.organizations = organizations;
        this.administration = administration;
        this.directory = directory;
        this.bulk = bulk;
        this.transactions = transactions;
    }

    /** The staff of one generated organization; {@code triage} (a triage officer) only when reports are wanted. */
    record Staff(UUID organization, List<UUID> teams, List<UUID> caseworkers, List<UUID> supervisors, UUID triage) {}

    public Result generate(Plan plan, PrintStream out) {
        long started = System.nanoTime();
        List<Staff> staff = new ArrayList<>();
        int people = 0;
        for (int o = 1; o <= plan.organizations(); o++) {
            int share = share(plan, o);
            int index = o;
            Staff s = transactions.execute(status -> staff(plan, index, share));
            staff.add(s);
            people += s.caseworkers().size() + s.supervisors().size() + (s.triage() == null ? 0 : 1);
        }
        double setup = (System.nanoTime() - started) / 1e9;
        out.printf("Organizations ready: %d, staff accounts: %d (%.1f s).%n", staff.size(), people, setup);
        int year = ANCHOR.getYear() - 1;
        bulk.times().reset();
        long casesStarted = System.nanoTime();
        boolean defer = DEFER && plan.cases() >= DEFER_FROM && deferred.empty(bulk.tables(""));
        int done = deferring(
                defer,
                bulk.tables(""),
                out,
                () -> writeCases(plan, staff, out, (s, count) -> {
                    int first = bulk.reserveReferences(s.organization(), year, count);
                    return histories -> bulk.load(s.organization(), year, first, histories);
                }));
        double caseSeconds = (System.nanoTime() - casesStarted) / 1e9;
        out.printf("Cases: %,d in %.1f s (%.0f cases/s).%n", done, caseSeconds, done / caseSeconds);
        print(out);
        long reportsStarted = System.nanoTime();
        SyntheticReports.Counts reports = this.reports.generate(plan, staff, out);
        double reportSeconds = (System.nanoTime() - reportsStarted) / 1e9;
        double baselineSeconds = 0;
        if (plan.baseline() && done > 0) {
            String schema = "baseline_" + Long.toHexString(System.nanoTime());
            bulk.createBaseline(schema);
            try {
                bulk.times().reset();
                long baselineStarted = System.nanoTime();
                int[] next = new int[plan.organizations()];
                PrintStream quiet = new PrintStream(java.io.OutputStream.nullOutputStream());
                deferring(
                        defer,
                        bulk.tables(schema + "."),
                        out,
                        () -> writeCases(plan, staff, quiet, (s, count) -> {
                            int o = staff.indexOf(s);
                            int first;
                            synchronized (next) {
                                first = next[o] + 1;
                                next[o] += count;
                            }
                            return histories -> bulk.loadBaseline(schema, s.organization(), year, first, histories);
                        }));
                baselineSeconds = (System.nanoTime() - baselineStarted) / 1e9;
                out.printf(
                        "Baseline (same rows, no encryption, unkeyed tokens, no audit): %.1f s (%.0f cases/s);"
                                + " protected/baseline speed %.2f.%n",
                        baselineSeconds, done / baselineSeconds, baselineSeconds / caseSeconds);
                print(out);
            } finally {
                bulk.dropBaseline(schema);
            }
        }
        bulk.times().reset();
        return new Result(
                staff.size(),
                people,
                done,
                reports.reports(),
                reports.incidents(),
                setup,
                caseSeconds,
                reportSeconds,
                baselineSeconds);
    }

    /**
     * Runs {@code load}; when {@code defer}, with the tables' indexes and foreign keys set aside before
     * and built again after it, the building timed as part of it.
     */
    private int deferring(boolean defer, List<String> tables, PrintStream out, IntSupplier load) {
        if (!defer) {
            return load.getAsInt();
        }
        // Of the audit trail, the two indexes its events land in at random places (by actor or
        // organization, then by when, the histories' dates spread over years) and the one by record
        // (a quarter of the trail's COPY time at 100,000 cases); never its (xid, seq) order, which the
        // sealer reads while the load runs, nor its key.
        int count = deferred.defer(tables, AUDIT_INDEXES);
        out.printf("Indexes, keys and autovacuum settings set aside for the load: %d.%n", count);
        int done;
        try {
            done = load.getAsInt();
        } catch (RuntimeException failed) {
            try {
                deferred.restore();
            } catch (RuntimeException alsoFailed) {
                // Still recorded: the next start builds them.
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        long started = System.nanoTime();
        deferred.restore();
        deferred.analyze(tables);
        bulk.times().since("db: build indexes and keys after the load, analyze", started);
        out.printf("Indexes and keys built again in %.1f s.%n", (System.nanoTime() - started) / 1e9);
        return done;
    }

    /** Where the time went, by phase, and rows per table: names and counts only. */
    private void print(PrintStream out) {
        bulk.times().seconds().forEach((phase, s) -> out.printf("    %-50s %8.2f s%n", phase, s));
        bulk.times().counts().forEach((table, n) -> out.printf("    rows %-45s %,8d%n", table, n));
    }

    /** A batch's writer: given the organization's staff and the batch size, what writes its histories. */
    interface Loader {
        java.util.function.Consumer<List<History>> batch(Staff staff, int count);
    }

    /**
     * Builds and writes the cases in batches on {@link #THREADS} threads (each seals and encodes its
     * batch, then copies it in its own transaction, so one thread's sealing overlaps the other's
     * writing); returns how many.
     */
    private int writeCases(Plan plan, List<Staff> staff, PrintStream out, Loader loader) {
        long started = System.nanoTime();
        int done = 0;
        ExecutorService workers = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<Integer>> pending = new ArrayList<>();
            for (int o = 1; o <= plan.organizations(); o++) {
                Staff s = staff.get(o - 1);
                int total = share(plan, o);
                for (int from = 0; from < total; from += BATCH) {
                    int count = Math.min(BATCH, total - from);
                    var write = loader.batch(s, count);
                    int orgIndex = o;
                    int start = from;
                    pending.add(workers.submit(() -> {
                        List<History> histories = new ArrayList<>(count);
                        for (int i = start; i < start + count; i++) {
                            histories.add(history(plan.seed(), orgIndex, i, s));
                        }
                        write.accept(histories);
                        return count;
                    }));
                }
            }
            for (Future<Integer> batch : pending) {
                done += batch.get();
                double seconds = (System.nanoTime() - started) / 1e9;
                out.printf("  %,d cases (%.0f cases/s)%n", done, done / seconds);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Generation interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Generation failed", e.getCause());
        } finally {
            workers.shutdownNow();
        }
        return done;
    }

    private static int share(Plan plan, int o) {
        return plan.cases() / plan.organizations() + (o <= plan.cases() % plan.organizations() ? 1 : 0);
    }

    Staff staff(Plan plan, int o, int cases) {
        String name = plan.prefix() + " " + o;
        var organization = organizations.findByName(name).orElseGet(() -> organizations.create(name));
        String domain = slug(name) + ".synthetic.example";
        int perTeam = Math.max(1, Math.min(10, cases / 100));
        List<UUID> teams = new ArrayList<>();
        List<UUID> caseworkers = new ArrayList<>();
        List<UUID> supervisors = new ArrayList<>();
        for (int t = 1; t <= 2; t++) {
            String teamName = "Synthetic team " + t;
            UUID team = organizations.teams(organization.id()).stream()
                    .filter(x -> x.name().equals(teamName))
                    .findFirst()
                    .orElseGet(() -> organizations.createTeam(organization.id(), teamName))
                    .id();
            teams.add(team);
            List<UUID> approvers = directory.holding(organization.id(), team, Permission.CASE_APPROVE).stream()
                    .map(StaffDirectory.Member::id)
                    .toList();
            List<UUID> workers =
                    new ArrayList<>(directory.holding(organization.id(), team, Permission.CASE_WRITE).stream()
                            .map(StaffDirectory.Member::id)
                            .filter(id -> !approvers.contains(id))
                            .sorted()
                            .toList());
            supervisors.add(
                    approvers.isEmpty()
                            ? account(organization.id(), team, "supervisor" + t + "@" + domain, Role.SUPERVISOR)
                            : approvers.stream().sorted().findFirst().orElseThrow());
            for (int c = workers.size() + 1; c <= perTeam; c++) {
                workers.add(
                        account(organization.id(), team, "caseworker" + t + "-" + c + "@" + domain, Role.CASEWORKER));
            }
            caseworkers.addAll(workers.subList(0, perTeam));
        }
        UUID triage = null;
        if (plan.reports() > 0) {
            triage = directory.holding(organization.id(), teams.get(0), Permission.REPORT_TRIAGE).stream()
                    .map(StaffDirectory.Member::id)
                    .sorted()
                    .findFirst()
                    .orElseGet(() -> account(organization.id(), teams.get(0), "triage@" + domain, Role.TRIAGE_OFFICER));
        }
        return new Staff(organization.id(), teams, caseworkers, supervisors, triage);
    }

    private UUID account(UUID organization, UUID team, String email, Role role) {
        {
            // Nobody signs in with a synthetic account unless an administrator resets it.
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String displayName = (role == Role.SUPERVISOR ? "Synthetic supervisor " : "Synthetic caseworker ")
                    + email.substring(0, email.indexOf('@'));
            return administration
                    .createActive(
                            new NewUser(organization, team, email, displayName, role, "en"),
                            HexFormat.of().formatHex(secret))
                    .id();
        }
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }

    /** The history of case {@code i} of organization {@code o}: a function of (seed, o, i) only. */
    static History history(long seed, int o, int i, Staff staff) {
        SplittableRandom random = new SplittableRandom(mix(seed, o, i));
        boolean girl = random.nextInt(100) < 70;
        SyntheticNames.Name name = SyntheticNames.child(random, girl);
        int age = 8 + random.nextInt(10);
        String province = SyntheticNames.pick(random, Vocabulary.PROVINCES);
        String phone = random.nextInt(100) < 55 ? phone(random) : null;
        String birthDate = random.nextInt(100) < 40
                ? ANCHOR.minusYears(age).minusDays(random.nextInt(365)).toString()
                : null;
        PersonInput child = new PersonInput(
                name.name(),
                name.khmer(),
                name.aliases(),
                girl ? "FEMALE" : "MALE",
                birthDate,
                phone,
                SyntheticTexts.narrative(random),
                girl ? "Feminine" : "Masculine",
                birthDate == null ? age : null,
                name.nationality(),
                List.of(name.language()),
                province,
                null);
        CaseStage stage = stage(random);
        List<CaseStage> path = path(random, stage);
        CaseStage reached = path.isEmpty() ? CaseStage.IDENTIFIED : path.get(path.size() - 1);
        CaseStage furthest = stage == CaseStage.TRANSFERRED
                ? (path.size() >= 2 ? path.get(path.size() - 2) : CaseStage.IDENTIFIED)
                : stage == CaseStage.CLOSED ? CaseStage.FOLLOW_UP : reached;
        int team = random.nextInt(staff.teams().size());
        List<UUID> teamWorkers = staff.caseworkers()
                .subList(
                        team * staff.caseworkers().size() / 2,
                        (team + 1) * staff.caseworkers().size() / 2);
        UUID worker = SyntheticNames.pick(random, teamWorkers);
        // Closed cases went through two years of follow-up; others opened within the last two years.
        LocalDate opened = stage == CaseStage.CLOSED
                ? ANCHOR.minusDays(800 + random.nextInt(300))
                : ANCHOR.minusDays(60 + random.nextInt(700));
        Instant openedAt = opened.atTime(8, random.nextInt(60)).toInstant(ZoneOffset.UTC);
        boolean assessed = furthest.ordinal() > CaseStage.ASSESSMENT.ordinal()
                || (furthest == CaseStage.ASSESSMENT && random.nextBoolean());
        List<BulkCases.Assessment> assessments = new ArrayList<>();
        if (assessed) {
            assessments.add(SyntheticTexts.assessment(random, "INITIAL", opened.plusDays(3)));
            if (furthest.ordinal() >= CaseStage.SERVICES.ordinal() && random.nextBoolean()) {
                assessments.add(SyntheticTexts.assessment(random, "REVIEW", opened.plusDays(90)));
            }
        }
        List<BulkCases.Note> notes = new ArrayList<>();
        int noteCount = 1 + random.nextInt(4);
        for (int n = 0; n < noteCount; n++) {
            notes.add(SyntheticTexts.note(random, opened.plusDays(1 + n * 9L + random.nextInt(7))));
        }
        LocalDate reintegrated = null;
        List<BulkCases.FollowUp> followUps = new ArrayList<>();
        if (furthest == CaseStage.FOLLOW_UP) {
            reintegrated = opened.plusDays(7L * path.size());
            for (int months : FollowUps.DEFAULT_SCHEDULE) {
                LocalDate due = reintegrated.plusMonths(months);
                boolean done = stage == CaseStage.CLOSED || due.isBefore(ANCHOR);
                followUps.add(new BulkCases.FollowUp(
                        months,
                        done ? due.plusDays(random.nextInt(5)) : null,
                        random.nextInt(100) < 90 ? "NONE" : "AT_RISK",
                        done ? SyntheticTexts.followUpNote(random) : null));
            }
        }
        Instant ended = switch (stage) {
            case CLOSED -> reintegrated.plusMonths(25).atTime(10, 0).toInstant(ZoneOffset.UTC);
            case TRANSFERRED -> openedAt.plusSeconds(86_400L * 7 * path.size());
            default -> null;
        };
        return new History(
                child,
                stage,
                path,
                worker,
                staff.teams().get(team),
                staff.supervisors().get(team),
                openedAt,
                SyntheticTexts.summary(random),
                SyntheticTexts.exploitation(random),
                SyntheticNames.pick(random, Vocabulary.PROVINCES),
                assessments,
                notes,
                furthest.ordinal() >= CaseStage.SERVICES.ordinal(),
                reintegrated,
                followUps,
                stage == CaseStage.CLOSED ? SyntheticTexts.closure(random) : null,
                ended);
    }

    private static CaseStage stage(SplittableRandom random) {
        int roll = random.nextInt(100);
        for (int s = 0; s < STAGES.length; s++) {
            roll -= STAGE_SHARE[s];
            if (roll < 0) {
                return STAGES[s];
            }
        }
        return CaseStage.IDENTIFIED;
    }

    /** The moves from IDENTIFIED to {@code stage} the workflow allows, forward only. */
    private static List<CaseStage> path(SplittableRandom random, CaseStage stage) {
        List<CaseStage> path = new ArrayList<>();
        CaseStage last = switch (stage) {
            case CLOSED -> CaseStage.FOLLOW_UP;
            case TRANSFERRED -> STAGES[random.nextInt(CaseStage.FOLLOW_UP.ordinal() + 1)];
            default -> stage;
        };
        for (int s = CaseStage.ASSESSMENT.ordinal(); s <= last.ordinal(); s++) {
            path.add(STAGES[s]);
        }
        if (stage == CaseStage.CLOSED || stage == CaseStage.TRANSFERRED) {
            path.add(stage);
        }
        return path;
    }

    private static String phone(SplittableRandom random) {
        String[] prefixes = {"012", "015", "016", "017", "077", "078", "085", "089", "092", "096", "097", "098"};
        return prefixes[random.nextInt(prefixes.length)] + " " + (100 + random.nextInt(900)) + " "
                + (100 + random.nextInt(900));
    }

    static long mix(long seed, int o, int i) {
        long z = seed * 0x9E3779B97F4A7C15L + o * 0xBF58476D1CE4E5B9L + i * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
