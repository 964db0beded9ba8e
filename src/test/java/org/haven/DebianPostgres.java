package org.haven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server from the Debian packages (its version differs from the embedded one), started
 * in a directory of its own, for tests that need the real {@code pg_dump} — the embedded binaries
 * do not include it, and pg_dump refuses servers newer than itself. As root, the server runs as the
 * {@code postgres} user, as PostgreSQL requires.
 */
public final class DebianPostgres implements AutoCloseable {

    public static final String USER = "haven";
    public static final String DATABASE = "haven";

    private final Path bin;
    private final Path data;
    private final int port;

    private DebianPostgres(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** The newest Debian PostgreSQL installed, or an error naming the package to install. */
    public static DebianPostgres start() {
        Path bin = installed();
        try {
            // As root the server runs as 'postgres', which must reach its directory: /tmp always lets it,
            // a checkout under a private home directory would not.
            Path base = root()
                    ? Files.createTempDirectory(Path.of("/tmp"), "haven-debian-pg")
                    : Files.createTempDirectory("haven-debian-pg");
            Path data = base.resolve("data");
            int port = freePort();
            if (root()) {
                run(List.of("chown", "postgres:postgres", base.toString()));
            }
            run(asPostgres(
                    bin.resolve("initdb").toString(),
                    "-D",
                    data.toString(),
                    "-U",
                    USER,
                    "-A",
                    "trust",
                    "-E",
                    "UTF8",
                    "--no-sync"));
            run(asPostgres(
                    bin.resolve("pg_ctl").toString(),
                    "-D",
                    data.toString(),
                    "-w",
                    "-l",
                    base.resolve("log").toString(),
                    "-o",
                    "-p " + port + " -k " + base + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "start"));
            DebianPostgres server = new DebianPostgres(bin, data, port);
            run(asPostgres(
                    bin.resolve("createdb").toString(),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    String.valueOf(port),
                    "-U",
                    USER,
                    DATABASE));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    /** The output of {@code pg_dump} of the whole database, as plain SQL. */
    public String dump() {
        try {
            Path out = Files.createTempFile("haven-dump", ".sql");
            Process process = new ProcessBuilder(
                            bin.resolve("pg_dump").toString(),
                            "-h",
                            "127.0.0.1",
                            "-p",
                            String.valueOf(port),
                            "-U",
                            USER,
                            "--no-owner",
                            DATABASE)
                    .redirectOutput(out.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("pg_dump failed");
            }
            String dump = Files.readString(out);
            Files.delete(out);
            return dump;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop"));
        } catch (RuntimeException ignored) {
            // already stopped
        }
        try (Stream<Path> files = Files.walk(data.getParent())) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // temporary files; the OS cleans up
        }
    }

    private static Path installed() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin ->
                            Files.isExecutable(bin.resolve("pg_dump")) && Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparing(bin ->
                            Integer.parseInt(bin.getParent().getFileName().toString())))
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException(
                    "This test needs Debian's PostgreSQL server and pg_dump: apt-get install postgresql", e);
        }
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (root()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("failed: " + command.get(command.size() > 4 ? 4 : 0));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
