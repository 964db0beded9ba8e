package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.haven.HavenTest;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;

/** Connections in order of asking (decision 50), against the test's real PostgreSQL. */
@HavenTest
class FairConnectionPoolTests {

    @Autowired
    DatabaseEndpoint endpoint;

    @Autowired
    ApplicationRole role;

    private FairConnectionPool pool(int size, long timeoutMillis) {
        FairConnectionPool pool = new FairConnectionPool(size);
        DatabaseConfiguration.configure(pool, "fair-test", endpoint.url(), role.name(), role.password());
        pool.setConnectionTimeout(timeoutMillis);
        return pool;
    }

    private static void awaitWaiting(FairConnectionPool pool, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.waiting() < count) {
            assertThat(System.nanoTime()).as("threads waiting for their turn").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void aConnectionGivenBackGoesToWhoWaitedNotToWhoAsksAgain() throws Exception {
        try (FairConnectionPool pool = pool(1, 10_000)) {
            List<String> order = new CopyOnWriteArrayList<>();
            Connection first = pool.getConnection();
            ExecutorService thread = Executors.newSingleThreadExecutor();
            try {
                Future<?> waiter = thread.submit(() -> {
                    try (Connection connection = pool.getConnection()) {
                        order.add("waiter");
                        // Holds it a little, so that asking again at once could only win by jumping ahead.
                        Thread.sleep(200);
                    }
                    return null;
                });
                awaitWaiting(pool, 1);
                first.close();
                try (Connection again = pool.getConnection()) {
                    order.add("asked again");
                    assertThat(again.isValid(1)).isTrue();
                }
                waiter.get(10, TimeUnit.SECONDS);
            } finally {
                thread.shutdownNow();
            }
            assertThat(order).containsExactly("waiter", "asked again");
        }
    }

    @Test
    void waitersAreServedInTheOrderTheyCame() throws Exception {
        try (FairConnectionPool pool = pool(1, 10_000)) {
            List<Integer> order = new CopyOnWriteArrayList<>();
            Connection held = pool.getConnection();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> waiters = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    int number = i;
                    waiters.add(threads.submit(() -> {
                        try (Connection connection = pool.getConnection()) {
                            order.add(number);
                        }
                        return null;
                    }));
                    awaitWaiting(pool, i + 1);
                }
                held.close();
                for (Future<?> waiter : waiters) {
                    waiter.get(10, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }
            assertThat(order).containsExactly(0, 1, 2, 3);
        }
    }

    @Test
    void noTurnInTimeIsRefusedAsBusyAndTakesNothing() throws Exception {
        try (FairConnectionPool pool = pool(1, 300)) {
            Connection held = pool.getConnection();
            assertThatThrownBy(pool::getConnection)
                    .isInstanceOf(SQLTransientConnectionException.class)
                    .hasMessageContaining("not available");
            assertThat(pool.free()).isZero();
            held.close();
            // Closing twice gives the turn back once.
            held.close();
            assertThat(pool.free()).isOne();
            try (Connection next = pool.getConnection()) {
                assertThat(next.isValid(1)).isTrue();
                assertThat(pool.free()).isZero();
            }
            assertThat(pool.free()).isOne();
        }
    }

    @Test
    void theConnectionIsStillPostgresqlsForCopyAndNotifications(@Autowired DataSource application) throws Exception {
        assertThat(application).isInstanceOf(FairConnectionPool.class);
        try (Connection connection = application.getConnection();
                Connection other = application.getConnection()) {
            assertThat(connection.unwrap(PGConnection.class)).isNotNull();
            assertThat(connection).isEqualTo(connection).isNotEqualTo(other);
        }
    }
}
