package org.haven.intake.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code static/js/report-pow.js} and {@link ProofOfWork} agree on names, encoding and the hash. */
class ReportPowScriptTests {

    private static final String SCRIPT = "/static/js/report-pow.js";

    private final MutableClock clock = new MutableClock();

    private static String script() throws IOException {
        try (InputStream in = ReportPowScriptTests.class.getResourceAsStream(SCRIPT)) {
            assertThat(in).as(SCRIPT).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The script's algorithm step by step, written apart from ProofOfWork so that a drift shows. */
    private static String solveAsTheScriptDoes(String challenge) throws Exception {
        String base64 = challenge.replace('-', '+').replace('_', '/');
        byte[] bytes = Base64.getDecoder().decode(base64 + "=".repeat((4 - base64.length() % 4) % 4));
        int difficulty = bytes[25]; // DIFFICULTY_BYTE in the script
        for (long counter = 0; ; counter++) {
            byte[] hash =
                    MessageDigest.getInstance("SHA-256").digest((challenge + counter).getBytes(StandardCharsets.UTF_8));
            int bits = 0;
            for (byte b : hash) {
                if (b != 0) {
                    bits += Integer.numberOfLeadingZeros(b & 0xff) - 24; // Math.clz32(b) - 24
                    break;
                }
                bits += 8;
            }
            if (bits >= difficulty) {
                return String.valueOf(counter);
            }
        }
    }

    @Test
    void theScriptsAlgorithmSolvesChallengesAtTheDefaultDifficulty() throws Exception {
        ProofOfWork pow = new ProofOfWork(
                Keys.random(),
                ProofOfWork.DEFAULT_DIFFICULTY,
                Duration.ofMinutes(30),
                clock,
                new InMemorySpentTokens());
        for (int i = 0; i < 3; i++) {
            String challenge = pow.issue();
            assertThat(pow.verify(challenge, solveAsTheScriptDoes(challenge))).isEqualTo(Verdict.ACCEPTED);
        }
    }

    @Test
    void theScriptReadsAndWritesTheFormFieldsTheServerNames() throws Exception {
        String script = script();

        assertThat(ProofOfWork.CHALLENGE_ATTRIBUTE).isEqualTo("data-pow-challenge");
        assertThat(script)
                .contains("form[" + ProofOfWork.CHALLENGE_ATTRIBUTE + "]")
                .contains("form.dataset.powChallenge")
                .contains("input[name=\"" + ProofOfWork.SOLUTION_FIELD + "\"]")
                .contains("crypto.subtle.digest(\"SHA-256\", encoder.encode(challenge + counter))")
                .contains("const DIFFICULTY_BYTE = 25;")
                .doesNotContain("eval(", "innerHTML", "http:", "https:");
    }

    /** Runs the real script in Node with a stand-in page, when Node is installed. */
    @Test
    void theScriptItselfProducesSolutionsTheServerAccepts() throws Exception {
        Assumptions.assumeTrue(nodeIsInstalled(), "node is not installed");
        ProofOfWork pow = new ProofOfWork(Keys.random(), 12, Duration.ofMinutes(30), clock, new InMemorySpentTokens());
        String challenge = pow.issue();
        Path harness = Files.createTempFile("report-pow", ".js");
        Files.writeString(harness, """
                const input = { value: "" };
                const form = { dataset: { powChallenge: "%s" }, querySelector: () => input };
                let ready;
                globalThis.window = globalThis;
                globalThis.document = {
                  addEventListener: (type, handler) => { ready = handler; },
                  querySelectorAll: () => [form],
                };
                %s
                ready().then(() => console.log(form.dataset.powState + " " + input.value));
                """.formatted(challenge, script()));
        try {
            Process node = new ProcessBuilder("node", harness.toString())
                    .redirectErrorStream(true)
                    .start();
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String[] output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
                    .trim()
                    .split(" ");

            assertThat(output[0]).isEqualTo("solved");
            assertThat(pow.verify(challenge, output[1])).isEqualTo(Verdict.ACCEPTED);
        } finally {
            Files.deleteIfExists(harness);
        }
    }

    private static boolean nodeIsInstalled() {
        try {
            Process probe = new ProcessBuilder("node", "--version").start();
            return probe.waitFor(10, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException | InterruptedException absent) {
            return false;
        }
    }
}
