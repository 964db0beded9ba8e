package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.Test;

/** Name searches' share, on real threads. */
class SearchShareTests {

    @Test
    void beyondItsShareASearchWaitsItsTurnThenIsAskedToComeBack() throws Exception {
        SearchShare share = new SearchShare(1, Duration.ofMillis(200));
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = threads.submit(() -> share.run(() -> {
                inside.countDown();
                await(release);
                return "first";
            }));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

            boolean[] ran = {false};
            assertThatThrownBy(() -> share.run(() -> ran[0] = true))
                    .isInstanceOf(Refusal.class)
                    .hasMessage("search.busy")
                    .satisfies(refused ->
                            assertThat(((Refusal) refused).status().code).isEqualTo(503));
            assertThat(ran[0]).as("the refused search never ran").isFalse();

            // A search that waits while the share frees in time gets in.
            SearchShare patient = new SearchShare(1, Duration.ofSeconds(10));
            CountDownLatch working = new CountDownLatch(1);
            Future<String> busy = threads.submit(() -> patient.run(() -> {
                working.countDown();
                sleep(300);
                return "busy";
            }));
            assertThat(working.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(patient.run(() -> "queued")).isEqualTo("queued");
            assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo("busy");

            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("first");
            assertThat(share.available()).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailingSearchGivesItsPlaceBack() {
        SearchShare share = new SearchShare(2, Duration.ofMillis(100));
        assertThatThrownBy(() -> share.run(() -> {
                    throw new IllegalStateException("the search failed");
                }))
                .hasMessage("the search failed");
        assertThat(share.available()).isEqualTo(2);
        assertThat(new SearchShare(0, Duration.ZERO).available())
                .as("by default twice the processors")
                .isEqualTo(Math.max(2, 2 * Runtime.getRuntime().availableProcessors()));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
