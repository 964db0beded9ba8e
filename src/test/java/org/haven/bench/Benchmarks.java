package org.haven.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.haven.HavenApplication;
import org.haven.audit.AuditBenchmarks;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./haven bench}: the benchmarks of docs/benchmarks.md in one run, printed as Markdown (and
 * written to target/benchmarks.md). Arguments: {@code [crypto] [audit] [verify]} (default: crypto and audit, which includes verify), and
 * {@code --events N} for the verification run (default 1,000,000).
 */
public final class Benchmarks {

    public static void main(String[] args) throws Exception {
        boolean crypto = args.length == 0 || List.of(args).contains("crypto");
        boolean audit = args.length == 0 || List.of(args).contains("audit");
        boolean verify = audit || List.of(args).contains("verify");
        long events = 1_000_000;
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("--events")) {
                events = Long.parseLong(args[i + 1]);
            }
        }
        StringBuilder report = new StringBuilder();
        report.append("Run on ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(System.getProperty("java.version"))
                .append(".\n\n");
        if (crypto) {
            report.append(crypto());
        }
        if (audit || verify) {
            report.append(audit(audit, events));
        }
        System.out.println();
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmarks.md"), report);
        System.exit(0);
    }

    private static String crypto() throws Exception {
        Options options = new OptionsBuilder()
                .include("org.haven.vault.FieldCryptoBenchmark")
                .forks(1)
                .threads(1)
                .warmupIterations(3)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(5)
                .measurementTime(TimeValue.seconds(2))
                .build();
        List<RunResult> results = new ArrayList<>(new Runner(options).run());
        StringBuilder table = new StringBuilder("### Field encryption and blind indexes (JMH, one thread)\n\n")
                .append("| operation | operations per second | error (99.9%) | µs per operation |\n")
                .append("|---|---:|---:|---:|\n");
        results.sort(
                (a, b) -> a.getParams().getBenchmark().compareTo(b.getParams().getBenchmark()));
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark().replaceFirst(".*\\.", "");
            double score = result.getPrimaryResult().getScore();
            table.append("| ")
                    .append(name)
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%,.0f", score))
                    .append(" | ± ")
                    .append(String.format(
                            Locale.ROOT, "%,.0f", result.getPrimaryResult().getScoreError()))
                    .append(" | ")
                    .append(String.format(Locale.ROOT, "%.2f", 1e6 / score))
                    .append(" |\n");
        }
        return table.append('\n').toString();
    }

    private static String audit(boolean writersToo, long events) throws Exception {
        Path home = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "bench-home");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(HavenApplication.class)
                .run(
                        "--haven.home=" + home,
                        "--server.port=0",
                        "--haven.database.durable=true",
                        "--haven.database.pool-size=40",
                        "--logging.level.root=WARN")) {
            AuditBenchmarks benchmarks = new AuditBenchmarks(context);
            StringBuilder out = new StringBuilder();
            List<AuditBenchmarks.Writers> writers = writersToo
                    ? benchmarks.writers(new int[] {1, 8, 32}, Duration.ofSeconds(3), Duration.ofSeconds(10))
                    : List.of();
            if (!writers.isEmpty()) {
                out.append("### Audited writes against plain inserts (same PostgreSQL, same run; each a committed"
                                + " transaction)\n\n")
                        .append("| writers | plain inserts/s | audited events/s | audited / plain |"
                                + " audited with encrypted details/s | with details / plain | sealing backlog after the"
                                + " run |\n")
                        .append("|---:|---:|---:|---:|---:|---:|---:|\n");
                for (AuditBenchmarks.Writers row : writers) {
                    out.append(String.format(
                            Locale.ROOT,
                            "| %d | %,.0f | %,.0f | %.0f%% | %,.0f | %.0f%% | %d ms |%n",
                            row.writers(),
                            row.plain(),
                            row.audited(),
                            100 * row.audited() / row.plain(),
                            row.auditedWithDetails(),
                            100 * row.auditedWithDetails() / row.plain(),
                            row.sealLag().toMillis()));
                }
            }
            AuditBenchmarks.Verification verification = benchmarks.verification(events);
            double verifyRate = verification.events() / seconds(verification.verify());
            double rawRate = verification.events() / seconds(verification.rawStream());
            double cpuRate = verification.events() / seconds(verification.verifyCpu());
            out.append("\n### Audit verification (one verifying thread)\n\n")
                    .append("| events in the chain | sealing | verify (wall) | verify events/s (wall) | events per"
                            + " CPU-second of the verifying thread | PostgreSQL alone streaming the same rows"
                            + " (binary COPY, discarded), events/s | verify / raw |\n")
                    .append("|---:|---:|---:|---:|---:|---:|---:|\n")
                    .append(String.format(
                            Locale.ROOT,
                            "| %,d | %.1f s | %.1f s | %,.0f | %,.0f | %,.0f | %.0f%% |%n",
                            verification.events(),
                            seconds(verification.seal()),
                            seconds(verification.verify()),
                            verifyRate,
                            cpuRate,
                            rawRate,
                            100 * verifyRate / rawRate));
            return out.append('\n').toString();
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
