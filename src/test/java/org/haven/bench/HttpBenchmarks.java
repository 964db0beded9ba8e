package org.haven.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.haven.intake.abuse.InMemorySpentTokens;
import org.haven.intake.abuse.ProofOfWork;

/**
 * {@code ./haven bench http [--cases N] [--duration 20s] [--clients 1,16,64] [--no-flood]}: HTTP load on
 * the built jar with wrk (Lua scripts in {@code bench/http}), and the same reads and writes as plain SQL
 * on the same PostgreSQL in the same run. Haven runs as {@code ./haven start} would, in a bench home
 * under target/, on a free port of 127.0.0.1; the load goes only there, bounded in time. Writes
 * target/benchmarks-http.md; wrk's own output and Haven's log stay in target/bench-http/.
 */
public final class HttpBenchmarks {

    record Settings(
            int cases,
            Duration duration,
            List<Integer> clients,
            boolean flood,
            Duration warmUp,
            boolean profile,
            List<String> only,
            boolean reuse) {

        /** Whether the operation (its wrk script's name, e.g. case_view) is to be measured. */
        boolean measures(String script) {
            return only.isEmpty() || only.contains(script);
        }

        static Settings parse(String... args) {
            int cases = 10_000;
            Duration duration = Duration.ofSeconds(20);
            List<Integer> clients = List.of(1, 16, 64);
            boolean flood = true;
            boolean profile = false;
            boolean reuse = false;
            Duration warmUp = null;
            List<String> only = List.of();
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "http" -> {
                        continue;
                    }
                    case "--cases" ->
                        cases = Integer.parseInt(value.replace("_", "").replace(",", ""));
                    case "--duration" -> duration = seconds(value);
                    case "--warm-up" -> warmUp = seconds(value);
                    case "--clients" ->
                        clients = Stream.of(value.split(","))
                                .map(String::strip)
                                .map(Integer::valueOf)
                                .toList();
                    case "--no-flood" -> {
                        flood = false;
                        continue;
                    }
                    case "--profile" -> {
                        profile = true;
                        continue;
                    }
                    case "--reuse" -> {
                        reuse = true;
                        continue;
                    }
                    case "--only" ->
                        only = Stream.of(value.split(",")).map(String::strip).toList();
                    default ->
                        throw new IllegalArgumentException(
                                "unknown option " + args[i]
                                        + "; usage: ./haven bench http [--cases N] [--duration 20s] [--clients 1,16,64]"
                                        + " [--no-flood] [--profile] [--only case_view,person_search,...] [--reuse] [--warm-up 30s]");
                }
                i++;
            }
            if (cases < 100 || duration.isNegative() || duration.toSeconds() < 1 || duration.toMinutes() > 10) {
                throw new IllegalArgumentException("--cases at least 100, --duration 1s to 10m");
            }
            if (clients.stream().anyMatch(c -> c < 1 || c > 256)) {
                throw new IllegalArgumentException("--clients between 1 and 256");
            }
            List<String> scripts =
                    List.of("case_view", "person_search", "case_list", "case_update", "note_create", "report_submit");
            if (!scripts.containsAll(only)) {
                throw new IllegalArgumentException("--only takes some of " + String.join(",", scripts));
            }
            return new Settings(
                    cases,
                    duration,
                    clients,
                    flood,
                    // The JVM compiles Haven's request path for a minute or two under load: a short warm-up
                    // measures the compiler as much as Haven (docs/benchmarks.md, "Warm-up").
                    warmUp != null ? warmUp : Duration.ofSeconds(Math.min(30, 2 * duration.toSeconds())),
                    profile,
                    only,
                    reuse);
        }

        static Duration seconds(String text) {
            Matcher m = Pattern.compile("(\\d+)(s|m)?").matcher(text.strip());
            if (!m.matches()) {
                throw new IllegalArgumentException("a duration like 20s or 2m: " + text);
            }
            long n = Long.parseLong(m.group(1));
            return "m".equals(m.group(2)) ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
        }
    }

    /** One line of the results: Haven through HTTP and the raw statements, same clients and duration. */
    record Row(String operation, int clients, WrkResult haven, RawSql.Run raw) {}

    private static final long SEED = 20261129L;
    private static final List<String> FILTERS =
            List.of("risk=HIGH&open=true", "risk=CRITICAL&open=true", "stage=IDENTIFIED&risk=LOW", "open=true");
    private static final List<String[]> RAW_FILTERS = List.of(
            new String[] {null, "HIGH"},
            new String[] {null, "CRITICAL"},
            new String[] {"IDENTIFIED", "LOW"},
            new String[] {null, null});

    private final Settings settings;
    private final Path root = Path.of("").toAbsolutePath();
    private final Path jar = root.resolve("target/haven.jar");
    private final Path work = root.resolve("target/bench-http");
    private final Path home = work.resolve("home");
    private final Path lua = root.resolve("bench/http");
    private final String javaBin = ProcessHandle.current().info().command().orElse("java");
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final StringBuilder log = new StringBuilder();
    private int port;
    private Process server;
    private String token;

    private HttpBenchmarks(Settings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        HttpBenchmarks bench = new HttpBenchmarks(settings);
        int status = 0;
        try {
            String report = bench.run();
            System.out.println();
            System.out.println(report);
            Files.writeString(Path.of("target", "benchmarks-http.md"), report);
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        } finally {
            bench.stopServer();
        }
        System.exit(status);
    }

    private String run() throws Exception {
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/haven.jar is missing: ./haven bench http builds it");
        }
        // With --reuse, a home generated earlier for as many cases is used again (generating 1M cases takes
        // a while); its generation time comes from the marker written then.
        Path marker = home.resolve("bench-data.txt");
        boolean reusing = settings.reuse()
                && Files.exists(marker)
                && Files.readString(marker).startsWith(settings.cases() + " ");
        if (reusing) {
            progress("reusing the data set in " + home + " (--reuse)");
            try (Stream<Path> old = Files.list(work)) {
                for (Path file : old.filter(f -> !f.equals(home)).toList()) {
                    deleteRecursively(file);
                }
            }
        } else {
            deleteRecursively(work);
            Files.createDirectories(home);
        }
        port = freePort();
        Duration firstStart = startServer(reusing ? "start with the data set reused" : "first start, empty home");

        boolean generator = admin("help").contains("generate --");
        UUID organization;
        Duration generation = null;
        if (reusing) {
            generation = Duration.ofMillis(
                    Long.parseLong(Files.readString(marker).strip().split(" ")[1]));
            organization = null;
        } else if (generator) {
            progress("generating " + settings.cases() + " cases with ./haven admin generate");
            long t0 = System.nanoTime();
            // Its report holds phases, times and row counts only (no names, no token): kept for the record.
            String report = admin(
                    "generate",
                    "--organizations",
                    "1",
                    "--cases",
                    Integer.toString(settings.cases()),
                    "--reports",
                    "0",
                    "--seed",
                    Long.toString(SEED));
            generation = Duration.ofNanos(System.nanoTime() - t0);
            Files.writeString(work.resolve("generate.txt"), report);
            organization = null;
            Files.writeString(marker, settings.cases() + " " + generation.toMillis() + "\n");
        } else {
            organization = UUID.fromString(
                    admin("create-organization", "--name", "Bench Hotline").strip());
        }
        RawSql raw = new RawSql(
                databasePort(),
                Files.readString(home.resolve("postgres-password")).strip());
        if (organization == null) {
            organization = largestOrganization(raw);
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
        // A new bench caseworker each run, so that a reused home takes another one.
        String email =
                "bench-caseworker-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(4)) + "@example.org";
        UUID user = UUID.fromString(lastLine(adminWithInput(
                password + "\n",
                "create-user",
                "--organization",
                organization.toString(),
                "--email",
                email,
                "--name",
                "Bench Caseworker",
                "--role",
                "CASEWORKER")));
        token = lastLine(admin("create-token", "--email", email, "--name", "http-bench", "--expires-in", "1d"));

        List<SyntheticNames.Name> names = SyntheticNames.people(settings.cases(), SEED);
        if (!generator) {
            long t0 = System.nanoTime();
            createCasesThroughApi(names);
            generation = Duration.ofNanos(System.nanoTime() - t0);
        }
        shapeDataSet(raw, organization, user, !generator);
        List<UUID> cases = caseIds(raw, organization);
        List<String> terms = SyntheticNames.searchTerms(names, 400, SEED + 1);
        Collections.shuffle(cases, new Random(SEED));
        raw.prepare(organization, names.stream().map(SyntheticNames.Name::latin).toList());

        Path caseFile = write("cases.txt", cases.stream().map(UUID::toString).toList());
        Path termFile = write("terms.txt", terms);
        Path filterFile = write("filters.txt", FILTERS);

        ProofOfWork pow = proofOfWork(raw);

        progress("warming up");
        for (String script : List.of("case_view", "person_search", "case_list")) {
            if (!settings.measures(script)) {
                continue;
            }
            wrk(
                    script,
                    16,
                    settings.warmUp(),
                    script.equals("case_view") ? caseFile : script.equals("person_search") ? termFile : filterFile);
        }
        if (settings.measures("person_search")) {
            awaitSearchPostings(termFile);
        }
        if (settings.measures("case_update")) {
            wrk("case_update", 16, settings.warmUp(), versionsFile(raw, organization));
        }
        if (settings.measures("note_create")) {
            wrk("note_create", 16, settings.warmUp(), caseFile);
        }
        if (settings.measures("report_submit")) {
            wrk("report_submit", 16, settings.warmUp(), forms(pow, 500));
        }

        List<Row> rows = new ArrayList<>();
        for (int clients : clientsFor("case_view")) {
            rows.add(new Row(
                    "case view",
                    clients,
                    wrk("case_view", clients, settings.duration(), caseFile),
                    raw.run(clients, settings.duration(), RawSql.caseView(cases))));
        }
        for (int clients : clientsFor("person_search")) {
            rows.add(new Row(
                    "person search",
                    clients,
                    wrk("person_search", clients, settings.duration(), termFile),
                    raw.run(clients, settings.duration(), RawSql.personSearch(terms))));
        }
        for (int clients : clientsFor("case_list")) {
            rows.add(new Row(
                    "filtered case list",
                    clients,
                    wrk("case_list", clients, settings.duration(), filterFile),
                    raw.run(clients, settings.duration(), RawSql.caseList(organization, RAW_FILTERS))));
        }
        for (int clients : clientsFor("case_update")) {
            rows.add(new Row(
                    "case update",
                    clients,
                    wrk("case_update", clients, settings.duration(), versionsFile(raw, organization)),
                    raw.run(clients, settings.duration(), RawSql.caseUpdate(organization, user, cases, clients))));
        }
        for (int clients : clientsFor("note_create")) {
            rows.add(new Row(
                    "note creation",
                    clients,
                    wrk("note_create", clients, settings.duration(), caseFile),
                    raw.run(clients, settings.duration(), RawSql.noteInsert(organization, user, cases))));
        }
        for (int clients : clientsFor("report_submit")) {
            rows.add(new Row(
                    "public report",
                    clients,
                    wrk("report_submit", clients, settings.duration(), forms(pow, reportForms())),
                    raw.run(clients, settings.duration(), RawSql.reportInsert(organization))));
        }

        WrkResult[] flood = null;
        if (settings.flood()) {
            flood = flood(caseFile, forms(pow, reportForms()), pow, termFile);
        }
        long rss = residentKilobytes(server.pid());
        String heap = heapUsed(server.pid());
        raw.cleanUp();
        stopServer();
        Duration secondStart = startServer("start with the data set");
        long rssIdle = residentKilobytes(server.pid());
        stopServer();

        return report(rows, flood, firstStart, secondStart, rss, rssIdle, heap, generator, generation, cases.size());
    }

    // ---- Haven, started as ./haven start would

    private Duration startServer(String what) throws Exception {
        progress("starting Haven (" + what + ") on 127.0.0.1:" + port);
        ProcessBuilder builder = new ProcessBuilder(
                        javaBin,
                        "-Xmx1g", // as ./haven start
                        "-XX:+ExitOnOutOfMemoryError",
                        "-jar",
                        jar.toString(),
                        "--haven.demo=false",
                        "--server.address=127.0.0.1",
                        // Challenges are solved by the runner, not by a browser: see docs/benchmarks.md.
                        "--haven.intake.pow-difficulty=1")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("haven.log").toFile()));
        // Settings to compare (for instance --haven.intake.public-concurrency=8), from the environment.
        String extra =
                System.getenv().getOrDefault("HAVEN_BENCH_SERVER_ARGS", "").strip();
        if (!extra.isEmpty()) {
            builder.command().addAll(List.of(extra.split("\\s+")));
            progress("with " + extra);
        }
        builder.environment().put("HAVEN_HOME", home.toString());
        builder.environment().put("HAVEN_PORT", Integer.toString(port));
        long t0 = System.nanoTime();
        server = builder.start();
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        while (true) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Haven stopped while starting; see target/bench-http/haven.log");
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(health)
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    break;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - t0 > TimeUnit.MINUTES.toNanos(5)) {
                throw new IllegalStateException("Haven did not answer /actuator/health within 5 minutes");
            }
            Thread.sleep(100);
        }
        Duration started = Duration.ofNanos(System.nanoTime() - t0);
        progress(String.format(Locale.ROOT, "Haven answered /actuator/health after %.1f s", seconds(started)));
        return started;
    }

    private void stopServer() {
        if (server != null && server.isAlive()) {
            server.destroy();
            try {
                if (!server.waitFor(60, TimeUnit.SECONDS)) {
                    server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private String admin(String... args) throws Exception {
        return adminWithInput("", args);
    }

    /** An operator command against the running server's database; its output (never echoed) is returned. */
    private String adminWithInput(String input, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin));
        if (args[0].equals("generate")) {
            // As ./haven admin generate runs it (decision 44).
            command.add("@" + root.resolve("src/main/launcher/generate-jvm.args"));
        }
        command.addAll(List.of("-jar", jar.toString(), "admin"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(
                        work.resolve("admin.log").toFile()));
        builder.environment().put("HAVEN_HOME", home.toString());
        Process process = builder.start();
        process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("./haven admin " + args[0] + " failed; see target/bench-http/admin.log");
        }
        return out;
    }

    // ---- The data set

    private void createCasesThroughApi(List<SyntheticNames.Name> names) throws Exception {
        progress("creating " + names.size() + " cases through POST /api/v1/cases (no ./haven admin generate yet)");
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            futures.add(pool.submit(() -> {
                Random random = new Random();
                for (int i = next.getAndIncrement(); i < names.size(); i = next.getAndIncrement()) {
                    SyntheticNames.Name name = names.get(i);
                    random.setSeed(SEED + i);
                    String body = "{\"person\":{\"name\":" + json(name.latin())
                            + (name.khmer() == null ? "" : ",\"nameKhmer\":" + json(name.khmer()))
                            + ",\"sex\":\"" + (random.nextInt(4) == 0 ? "MALE" : "FEMALE") + "\""
                            + ",\"birthDate\":\"" + LocalDate.of(2006, 1, 1).plusDays(random.nextInt(5_000)) + "\""
                            + ",\"phone\":\"+855 1" + random.nextInt(10) + " " + (100_000 + random.nextInt(900_000))
                            + "\",\"narrative\":\"Met at the provincial shelter; fictional benchmark record.\"}"
                            + ",\"createAnyway\":true}";
                    HttpResponse<Void> response = http.send(
                            api("/api/v1/cases")
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() != 201 && failed.incrementAndGet() > names.size() / 100) {
                        throw new IllegalStateException("POST /api/v1/cases answers " + response.statusCode());
                    }
                    if (i > 0 && i % 1_000 == 0) {
                        progress(String.format(
                                Locale.ROOT,
                                "%,d cases, %.0f/s",
                                i,
                                i / seconds(Duration.ofNanos(System.nanoTime() - t0))));
                    }
                }
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> future : futures) {
            future.get();
        }
    }

    /**
     * Data-set shaping straight in the database (not audited; bench data only): the bench caseworker
     * holds every case of the organization (so one token sees them all), and, for cases opened through
     * the API (which opens them all at MEDIUM risk), risk levels spread evenly for the filtered list.
     */
    private void shapeDataSet(RawSql raw, UUID organization, UUID user, boolean spreadRisk) throws Exception {
        try (Connection connection = raw.connect()) {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE case_file SET caseworker_id = ? WHERE organization_id = ? AND caseworker_id IS DISTINCT FROM ?")) {
                update.setObject(1, user);
                update.setObject(2, organization);
                update.setObject(3, user);
                update.executeUpdate();
            }
            if (spreadRisk) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE case_file SET risk_level = (ARRAY['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'])"
                                + "[1 + abs(hashtext(id::text)) % 4] WHERE organization_id = ?")) {
                    update.setObject(1, organization);
                    update.executeUpdate();
                }
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("VACUUM ANALYZE");
            }
        }
    }

    private static UUID largestOrganization(RawSql raw) throws Exception {
        try (Connection connection = raw.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT organization_id FROM case_file GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")) {
            if (!rows.next()) {
                throw new IllegalStateException("./haven admin generate made no cases");
            }
            return rows.getObject(1, UUID.class);
        }
    }

    private static List<UUID> caseIds(RawSql raw, UUID organization) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection connection = raw.connect();
                PreparedStatement select =
                        connection.prepareStatement("SELECT id FROM case_file WHERE organization_id = ? ORDER BY id")) {
            select.setObject(1, organization);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return ids;
    }

    /** "id version" lines for the update script, read fresh before each run (earlier runs moved them on). */
    private Path versionsFile(RawSql raw, UUID organization) throws Exception {
        List<String> lines = new ArrayList<>();
        try (Connection connection = raw.connect();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT id, version, risk_level FROM case_file WHERE organization_id = ?"
                                + " ORDER BY md5(id::text)")) {
            select.setObject(1, organization);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    lines.add(rows.getObject(1, UUID.class) + " " + rows.getInt(2) + " " + rows.getString(3));
                }
            }
        }
        return write("versions.txt", lines);
    }

    private int databasePort() throws IOException {
        return Integer.parseInt(Files.readAllLines(home.resolve("postgres/postmaster.pid"))
                .get(3)
                .strip());
    }

    // ---- The public form

    /**
     * Challenges issued with the server's own form-signing key (read from its database, as an operator
     * could) by Haven's own {@link ProofOfWork}, and solved here: a SHA-256 puzzle is no work for Lua.
     * The server runs at difficulty 1; verifying costs the same at any difficulty.
     */
    private ProofOfWork proofOfWork(RawSql raw) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report?lang=en"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        byte[] key;
        try (Connection connection = raw.connect();
                Statement statement = connection.createStatement();
                ResultSet rows =
                        statement.executeQuery("SELECT value FROM intake_secret WHERE name = 'form-signing'")) {
            rows.next();
            key = rows.getBytes(1);
        }
        return new ProofOfWork(key, 1, Duration.ofMinutes(30), Clock.systemUTC(), new InMemorySpentTokens());
    }

    /**
     * Enough fresh forms for every submission of one run, up to a thousand a second. A challenge is spent
     * when it is verified, also when the global limit then answers "busy"; with forms only for the limit
     * (as before 2026-11-30), a server that answered faster went round its forms again before the run
     * ended, and the reused challenges were counted as refusals while the limit had room.
     */
    private int reportForms() {
        return (int) (1_500 + 1_000 * settings.duration().toSeconds());
    }

    private Path forms(ProofOfWork pow, int count) throws Exception {
        List<String> lines = new ArrayList<>(count);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < count; i++) {
            String challenge = pow.issue();
            long solution = 0;
            while (Integer.numberOfLeadingZeros(
                                    sha.digest((challenge + solution).getBytes(StandardCharsets.UTF_8))[0] & 0xFF)
                            - 24
                    < 1) {
                solution++;
            }
            lines.add("lang=en&pow-challenge=" + challenge + "&pow-solution=" + solution
                    + "&what="
                    + URLEncoder.encode(
                            "Two girls, about 14, were brought to a karaoke bar near the market late at night by an"
                                    + " older man who keeps their phones. Fictional benchmark report " + i + ".",
                            StandardCharsets.UTF_8)
                    + "&country=KH&place=" + URLEncoder.encode("near the night market", StandardCharsets.UTF_8)
                    + "&childrenCount=2&childrenSex=GIRLS");
        }
        return write("forms.txt", lines);
    }

    // ---- wrk

    private WrkResult wrk(String script, int clients, Duration duration, Path data) throws Exception {
        String label = script + "-" + clients;
        boolean profiled = settings.profile() && duration.compareTo(settings.warmUp()) > 0;
        if (profiled) {
            jcmd("JFR.start", "name=" + label, "settings=profile");
        }
        Process process = startWrk(label, script, clients, duration, data);
        WrkResult result = finish(process, label);
        if (profiled) {
            jcmd("JFR.stop", "name=" + label, "filename=" + work.resolve(label + ".jfr"));
        }
        return result;
    }

    /** The client counts to measure the operation at: none when --only leaves it out. */
    private List<Integer> clientsFor(String script) {
        return settings.measures(script) ? settings.clients() : List.of();
    }

    /** A diagnostic command to the running Haven (JFR with --profile); its output goes to jcmd.log. */
    private void jcmd(String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of("jcmd", Long.toString(server.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        work.resolve("jcmd.log").toFile()))
                .start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed; see jcmd.log");
        }
    }

    private Process startWrk(String label, String script, int clients, Duration duration, Path data) throws Exception {
        int threads = Math.min(clients, 2);
        progress(String.format(Locale.ROOT, "wrk %s, %d connections, %d s", script, clients, duration.toSeconds()));
        ProcessBuilder builder = new ProcessBuilder(
                        "wrk",
                        "-t",
                        Integer.toString(threads),
                        "-c",
                        Integer.toString(clients),
                        "-d",
                        duration.toSeconds() + "s",
                        "--timeout",
                        "15s", // beyond the 10 s a request may wait for its share and then be told so
                        "-s",
                        lua.resolve(script + ".lua").toString(),
                        "http://127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("wrk-" + label + ".txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("HAVEN_BENCH_TOKEN", token);
        env.put("HAVEN_BENCH_DATA", data.toString());
        env.put("HAVEN_BENCH_THREADS", Integer.toString(threads));
        env.put("HAVEN_BENCH_LUA", lua.toString());
        return builder.start();
    }

    private WrkResult finish(Process process, String label) throws Exception {
        if (!process.waitFor(settings.duration().toSeconds() + 120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not finish");
        }
        String output = Files.readString(work.resolve("wrk-" + label + ".txt"));
        WrkResult result = WrkResult.parse(output);
        progress(String.format(
                Locale.ROOT,
                "  %.0f req/s, p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, %d non-2xx",
                result.perSecond(),
                result.p50Millis(),
                result.p95Millis(),
                result.p99Millis(),
                result.statusErrors()));
        return result;
    }

    /**
     * Staff case views while 64 connections flood the public form: 16 connections reading without pause
     * (compared with the same alone, measured before), then fifty staff online at a person's pace (each
     * about a case a second), alone and with the flood; then the same fifty while 64 connections search
     * people by name without pause (decision 38). Returns staff and flood of the first, then the paced
     * staff alone, with the flood, and that flood, then the paced staff with the searches, and those.
     */
    private WrkResult[] flood(Path caseFile, Path forms, ProofOfWork pow, Path terms) throws Exception {
        progress("flood: public form at 64 connections while staff read cases at 16");
        Process flood = startWrk("flood-public", "report_submit", 64, settings.duration(), forms);
        Thread.sleep(500);
        Process staff =
                startWrk("flood-staff", "case_view", 16, settings.duration().minusSeconds(1), caseFile);
        WrkResult staffResult = finish(staff, "flood-staff");
        WrkResult floodResult = finish(flood, "flood-public");
        progress("fifty staff online at a person's pace, alone, then with the public form flooded");
        WrkResult pacedAlone = wrk("case_view_paced", 50, settings.duration(), caseFile);
        Thread.sleep(Math.min(5_000, settings.duration().toMillis())); // the form's rate limit refills
        Process pacedFlood =
                startWrk("flood-public-paced", "report_submit", 64, settings.duration(), forms(pow, reportForms()));
        Thread.sleep(500);
        Process paced = startWrk(
                "flood-staff-paced", "case_view_paced", 50, settings.duration().minusSeconds(1), caseFile);
        WrkResult pacedResult = finish(paced, "flood-staff-paced");
        WrkResult pacedFloodResult = finish(pacedFlood, "flood-public-paced");
        progress("fifty staff online at a person's pace while 64 connections search people by name");
        Process searching = startWrk("flood-search", "person_search", 64, settings.duration(), terms);
        Thread.sleep(500);
        Process pacedSearched = startWrk(
                "flood-staff-search", "case_view_paced", 50, settings.duration().minusSeconds(1), caseFile);
        WrkResult pacedSearchedResult = finish(pacedSearched, "flood-staff-search");
        WrkResult searchingResult = finish(searching, "flood-search");
        return new WrkResult[] {
            staffResult, floodResult, pacedAlone, pacedResult, pacedFloodResult, pacedSearchedResult, searchingResult
        };
    }

    // ---- Memory

    private static long residentKilobytes(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }

    /** "used of committed" from jcmd GC.heap_info, in MiB. */
    private String heapUsed(long pid) {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(pid), "GC.heap_info")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
            if (m.find()) {
                return String.format(
                        Locale.ROOT,
                        "%,d MiB used of %,d MiB committed",
                        Long.parseLong(m.group(2)) / 1024,
                        Long.parseLong(m.group(1)) / 1024);
            }
            return "unknown (jcmd: " + out.lines().findFirst().orElse("") + ")";
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    // ---- The report

    /** One row of a staff table: throughput and latencies. */
    private static String staffRow(String label, WrkResult staff) {
        return String.format(
                Locale.ROOT,
                "| %s | %,.0f | %.1f | %.1f | %.1f |%n",
                label,
                staff.perSecond(),
                staff.p50Millis(),
                staff.p95Millis(),
                staff.p99Millis());
    }

    /** What the public form did during a flood. */
    private static String floodLine(String label, WrkResult flood) {
        return String.format(
                Locale.ROOT,
                "%n%s: %,.0f submissions/s answered (p95 %.1f ms), %,.0f reports/s accepted, %,d answered busy or"
                        + " refused.%n",
                label,
                flood.perSecond(),
                flood.p95Millis(),
                flood.acceptedPerSecond(),
                flood.refused());
    }

    private String report(
            List<Row> rows,
            WrkResult[] flood,
            Duration firstStart,
            Duration secondStart,
            long rss,
            long rssIdle,
            String heap,
            boolean generator,
            Duration generation,
            int cases) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "Run on %d cores, Java %s; %,d cases (%s in %.0f s, %.0f cases/s); %d s per run; wrk %s.%n%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"),
                cases,
                generator ? "./haven admin generate" : "opened through POST /api/v1/cases, 8 clients",
                seconds(generation),
                cases / seconds(generation),
                settings.duration().toSeconds(),
                wrkVersion()));
        out.append("### Haven over HTTP (wrk) against the same work as plain SQL (JDBC), same PostgreSQL, same run\n\n")
                .append("| operation | clients | Haven req/s | p50 ms | p95 ms | p99 ms | non-2xx | raw SQL ops/s |"
                        + " raw p50 ms | raw p95 ms | raw p99 ms | Haven / raw (throughput) |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            WrkResult h = row.haven();
            RawSql.Run r = row.raw();
            String errors = Long.toString(h.statusErrors() + h.socketErrors());
            double havenRate = h.perSecond();
            if (row.operation().equals("public report")) {
                errors = String.format(Locale.ROOT, "%,d refused", h.refused());
                havenRate = h.acceptedPerSecond();
            } else if (row.operation().equals("case update")) {
                errors = Long.toString(h.refused() + h.socketErrors());
            }
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %,.0f | %.1f | %.1f | %.1f | %s | %,.0f | %.2f | %.2f | %.2f | %.1f%% |%n",
                    row.operation(),
                    row.clients(),
                    havenRate,
                    h.p50Millis(),
                    h.p95Millis(),
                    h.p99Millis(),
                    errors,
                    r.perSecond(),
                    r.p50Millis(),
                    r.p95Millis(),
                    r.p99Millis(),
                    100 * havenRate / r.perSecond()));
        }
        out.append("\nPublic report: Haven req/s counts receipts only (accepted reports); the global limit of the"
                + " public form (300 a second, bursts of 1,000) answers the rest with the form again (\"busy\").\n");
        if (flood != null) {
            WrkResult alone = rows.stream()
                    .filter(r -> r.operation().equals("case view") && r.clients() == 16)
                    .map(Row::haven)
                    .findFirst()
                    .orElse(null);
            out.append("\n### Staff while the public form is flooded\n\n")
                    .append("| staff case views, 16 clients | req/s | p50 ms | p95 ms | p99 ms |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            if (alone != null) {
                out.append(staffRow("alone", alone));
            }
            out.append(staffRow("public form flooded by 64 connections", flood[0]))
                    .append(floodLine("The flood", flood[1]))
                    .append(
                            "\n| fifty staff online, each opening a case about once a second | req/s | p50 ms | p95 ms |"
                                    + " p99 ms |\n|---|---:|---:|---:|---:|\n")
                    .append(staffRow("alone", flood[2]))
                    .append(staffRow("public form flooded by 64 connections", flood[3]))
                    .append(staffRow("64 connections searching people by name", flood[5]))
                    .append(floodLine("That flood", flood[4]))
                    .append(String.format(
                            Locale.ROOT,
                            "%nThose searches: %,.0f/s answered (p95 %.1f ms), %,d asked to search again (503),"
                                    + " %,d other errors.%n",
                            flood[6].accepted() / flood[6].seconds(),
                            flood[6].p95Millis(),
                            flood[6].refused(),
                            flood[6].statusErrors() + flood[6].socketErrors() - flood[6].refused()));
        }
        out.append("\n### Start-up and memory\n\n")
                .append("| measure | value |\n|---|---:|\n")
                .append(String.format(
                        Locale.ROOT,
                        "| start-up, empty home (process start to the first 200 from /actuator/health) | %.1f s |%n",
                        seconds(firstStart)))
                .append(String.format(
                        Locale.ROOT, "| start-up with the %,d cases | %.1f s |%n", cases, seconds(secondStart)))
                .append(String.format(
                        Locale.ROOT, "| resident memory of the JVM after the load (VmRSS) | %,d MiB |%n", rss / 1024))
                .append(String.format(Locale.ROOT, "| heap after the load (jcmd GC.heap_info) | %s |%n", heap))
                .append(String.format(
                        Locale.ROOT,
                        "| resident memory of the JVM just after start with the data | %,d MiB |%n",
                        rssIdle / 1024))
                .append("\nThe embedded PostgreSQL runs in processes of its own, not counted above.\n");
        return out.toString();
    }

    private static String wrkVersion() {
        try {
            Process wrk =
                    new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            wrk.waitFor();
            Matcher m = Pattern.compile("wrk (\\S+)").matcher(out);
            return m.find() ? m.group(1) : "?";
        } catch (Exception e) {
            return "?";
        }
    }

    // ---- Small things

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private Path write(String name, List<String> lines) throws IOException {
        return Files.write(work.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String lastLine(String text) {
        List<String> lines = text.strip().lines().toList();
        if (lines.isEmpty()) {
            throw new IllegalStateException("an operator command printed nothing");
        }
        return lines.get(lines.size() - 1).strip();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * From haven.search.memory-index.min-people people on, the first search builds the organization's
     * postings in memory in the background, searches using SQL meanwhile (decision 39): measure once
     * they are built, and say how long that took.
     */
    private void awaitSearchPostings(Path termFile) throws Exception {
        Path log = work.resolve("haven.log");
        long t0 = System.nanoTime();
        Duration limit = Duration.ofMinutes(10);
        for (String text = Files.readString(log);
                !text.contains("Search postings in memory");
                text = Files.readString(log)) {
            if (text.contains("Search postings not kept in memory")
                    || text.contains("Search postings could not be built")) {
                progress("search postings not in memory (see haven.log): searches use SQL");
                return;
            }
            if (settings.cases() < 20_000
                    || Duration.ofNanos(System.nanoTime() - t0).compareTo(limit) > 0) {
                progress("search postings not in memory: searches use SQL");
                return;
            }
            wrk("person_search", 1, Duration.ofSeconds(5), termFile);
        }
        progress("search postings in memory after "
                + Duration.ofNanos(System.nanoTime() - t0).toSeconds() + " s more of searching");
    }

    private void progress(String message) {
        System.err.println("bench http: " + message);
        log.append(message).append('\n');
    }

    private static double seconds(Duration duration) {
        return duration == null ? Double.NaN : duration.toNanos() / 1e9;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
