package org.haven.intake;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.haven.intake.abuse.ProofOfWork;
import org.haven.intake.abuse.SpentTokens;
import org.haven.intake.abuse.SubmissionLimits;
import org.haven.intake.abuse.Verdict;
import org.haven.intake.abuse.WaitToken;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps floods off the public form without knowing who sends: each form carries a proof-of-work
 * challenge (solved by the page's script) and a wait token (for browsers without JavaScript, valid
 * after a delay a person needs anyway to fill the form); a submission needs one of the two, and then a
 * place in the global rate limit. Follow-up messages are limited per receipt code. The signing key and
 * the spent challenges and tokens ({@link SpentTokens}) are shared by every node through the database.
 */
@Component
class PublicFormGuard {

    /** What the form carries. */
    record Tokens(String challenge, String waitToken) {}

    /** Why a submission was held back, if it was. */
    enum Hold {
        NONE,
        TOO_FAST,
        BUSY
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final int difficulty;
    private final Duration delay;
    private final SubmissionLimits limits = new SubmissionLimits();
    private final SpentTokens spent;
    private volatile ProofOfWork pow;
    private volatile WaitToken wait;

    PublicFormGuard(
            JdbcClient jdbc,
            Clock clock,
            SpentTokens spent,
            @Value("${haven.intake.pow-difficulty:16}") int difficulty,
            @Value("${haven.intake.wait:20s}") Duration delay) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.spent = spent;
        this.difficulty = difficulty;
        this.delay = delay;
    }

    Tokens tokens() {
        start();
        return new Tokens(pow.issue(), wait.issue());
    }

    /** Whether a public report may be taken now. */
    Hold admit(String challenge, String solution, String waitToken) {
        start();
        boolean worked = challenge != null && solution != null && pow.verify(challenge, solution) == Verdict.ACCEPTED;
        if (!worked && (waitToken == null || wait.verify(waitToken) != Verdict.ACCEPTED)) {
            return Hold.TOO_FAST;
        }
        return limits.trySubmit().allowed() ? Hold.NONE : Hold.BUSY;
    }

    /** Whether the holder of this code may send another message now. */
    boolean admitFollowUp(String code) {
        return limits.tryFollowUp(code).allowed();
    }

    private void start() {
        if (pow == null) {
            synchronized (this) {
                if (pow == null) {
                    byte[] key = key();
                    wait = new WaitToken(key, delay, Duration.ofMinutes(30), clock, spent);
                    pow = new ProofOfWork(key, difficulty, Duration.ofMinutes(30), clock, spent);
                }
            }
        }
    }

    private byte[] key() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        jdbc.sql("INSERT INTO intake_secret (name, value) VALUES ('form-signing', ?) ON CONFLICT (name) DO NOTHING")
                .param(fresh)
                .update();
        return jdbc.sql("SELECT value FROM intake_secret WHERE name = 'form-signing'")
                .query(byte[].class)
                .single();
    }
}
