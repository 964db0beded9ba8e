package org.haven.intake.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class InMemorySpentTokensTests {

    private final Instant start = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void aTokenCanBeSpentOnlyOnce() {
        InMemorySpentTokens store = new InMemorySpentTokens(10);

        assertThat(store.spend("a", start, start.plusSeconds(60))).isEqualTo(SpentTokens.Outcome.FIRST_USE);
        assertThat(store.spend("a", start, start.plusSeconds(60))).isEqualTo(SpentTokens.Outcome.ALREADY_SPENT);
        assertThat(store.spend("b", start, start.plusSeconds(60))).isEqualTo(SpentTokens.Outcome.FIRST_USE);
    }

    @Test
    void expiredEntriesAreDroppedSoASteadyStreamStaysWithinCapacity() {
        InMemorySpentTokens store = new InMemorySpentTokens(20);
        Instant now = start;
        for (int i = 0; i < 10_000; i++) {
            now = now.plusSeconds(1);
            assertThat(store.spend("t" + i, now, now.plusSeconds(10))).isEqualTo(SpentTokens.Outcome.FIRST_USE);
            assertThat(store.size()).isLessThanOrEqualTo(11);
        }
    }

    @Test
    void aFullStoreOfLiveEntriesRefusesNewTokensAndStillRemembersTheOldOnes() {
        InMemorySpentTokens store = new InMemorySpentTokens(2);
        store.spend("a", start, start.plusSeconds(60));
        store.spend("b", start, start.plusSeconds(60));

        assertThat(store.spend("c", start, start.plusSeconds(60))).isEqualTo(SpentTokens.Outcome.STORE_FULL);
        assertThat(store.spend("a", start, start.plusSeconds(60))).isEqualTo(SpentTokens.Outcome.ALREADY_SPENT);
        Instant later = start.plusSeconds(61);
        assertThat(store.spend("c", later, later.plusSeconds(60))).isEqualTo(SpentTokens.Outcome.FIRST_USE);
    }

    @Test
    void aShortLivedEntryBehindALongLivedOneIsStillDroppedWhenTheStoreIsFull() {
        InMemorySpentTokens store = new InMemorySpentTokens(2);
        store.spend("long", start, start.plus(Duration.ofHours(1)));
        store.spend("short", start, start.plus(Duration.ofMinutes(1)));
        Instant later = start.plus(Duration.ofMinutes(2));

        assertThat(store.spend("new", later, later.plus(Duration.ofMinutes(1))))
                .isEqualTo(SpentTokens.Outcome.FIRST_USE);
        assertThat(store.spend("long", later, later.plus(Duration.ofHours(1))))
                .isEqualTo(SpentTokens.Outcome.ALREADY_SPENT);
    }
}
