package org.haven.platform;

import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Things an installation did once (such as seeding the demo), recorded in {@code installation_fact} so
 * that no start and no other node does them again. Both calls belong in the caller's transaction: the
 * advisory lock holds until it ends, so two nodes starting together cannot both go ahead.
 */
public final class InstallationFacts {

    private InstallationFacts() {}

    /** Takes the transaction's lock {@code lock}; whether {@code fact} is still to be done. */
    public static boolean notYet(JdbcClient jdbc, long lock, String fact) {
        jdbc.sql("SELECT pg_advisory_xact_lock(?)::text")
                .param(lock)
                .query(String.class)
                .single();
        return jdbc.sql("SELECT count(*) FROM installation_fact WHERE name = ?")
                        .param(fact)
                        .query(Integer.class)
                        .single()
                == 0;
    }

    /** Records that {@code fact} was done at {@code at}. */
    public static void record(JdbcClient jdbc, String fact, Instant at) {
        jdbc.sql("INSERT INTO installation_fact (name, value) VALUES (?, ?)")
                .params(fact, at.toString())
                .update();
    }
}
