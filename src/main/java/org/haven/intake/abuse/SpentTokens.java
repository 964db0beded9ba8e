package org.haven.intake.abuse;

import java.time.Instant;

/**
 * The set of challenges and wait tokens already used, so each is accepted only once. An entry only has
 * to be kept until the token it names has expired. {@link InMemorySpentTokens} is right for one node
 * only: with several application nodes behind a load balancer a token spent on one node could be
 * replayed on another. {@link JdbcSpentTokens}, the one Haven runs with, keeps them in PostgreSQL,
 * shared by every node.
 * Ids are random nonces chosen by the server: they say nothing about a reporter.
 */
public interface SpentTokens {

    /** What happened when a token was marked as spent. */
    enum Outcome {
        /** Not seen before; now recorded. */
        FIRST_USE,
        /** Already recorded. */
        ALREADY_SPENT,
        /** Cannot record more right now; callers must refuse the token (fail closed). */
        STORE_FULL
    }

    /**
     * Atomically records {@code tokenId} as spent unless it already is.
     *
     * @param tokenId a server-chosen random id, unique per token and kind
     * @param now the current time
     * @param keepUntil the time after which the token would be refused as expired anyway
     */
    Outcome spend(String tokenId, Instant now, Instant keepUntil);
}
