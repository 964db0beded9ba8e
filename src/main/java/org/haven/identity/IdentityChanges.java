package org.haven.identity;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Knows when an API token or an account may have changed — in this process or in any other (another
 * node, an operator command) — so that the token checks {@link ApiTokens} keeps in memory are never used
 * past a change (decision 43). Every committed change of {@code api_token} or {@code staff_user} sends a
 * notification (the triggers of V16) to a connection of its own that listens for them; a change made
 * here also counts at once, without waiting for its notification. Each change moves the generation on;
 * what was kept at an earlier generation is no longer current. While that connection is not listening
 * (before the first token check, after the database went away) nothing is current, so nothing is kept.
 */
@Component
class IdentityChanges implements DisposableBean {

    static final String CHANNEL = "haven_identity";

    private static final Logger log = LoggerFactory.getLogger(IdentityChanges.class);

    private final HikariDataSource pool;
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean listening;
    private volatile boolean stopped;
    private volatile Thread listener;

    IdentityChanges(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * The generation to keep something at, or -1 when changes cannot be known now (keep nothing). The
     * first call starts listening.
     */
    long generation() {
        if (listener == null) {
            start();
        }
        return listening ? generation.get() : -1;
    }

    /** Whether something kept at {@code kept} still holds: no change since, and still listening. */
    boolean current(long kept) {
        return kept >= 0 && listening && generation.get() == kept;
    }

    /**
     * A change of a token or an account made by this process. It counts now, for what is read from here
     * on, and again when its transaction ends, for what was read in between while it was not committed.
     */
    void changedHere() {
        generation.incrementAndGet();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    generation.incrementAndGet();
                }
            });
        }
    }

    /** Whether the listening connection is up (for tests and health). */
    boolean listening() {
        return listening;
    }

    private synchronized void start() {
        if (listener != null || stopped) {
            return;
        }
        listener = new Thread(this::listen, "haven-identity-changes");
        listener.setDaemon(true);
        listener.start();
    }

    private void listen() {
        while (!stopped) {
            try (Connection connection =
                    DriverManager.getConnection(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection notifications = connection.unwrap(PGConnection.class);
                // Whatever changed while nobody listened.
                generation.incrementAndGet();
                listening = true;
                while (!stopped) {
                    PGNotification[] received = notifications.getNotifications(500);
                    if (received != null && received.length > 0) {
                        generation.incrementAndGet();
                    }
                }
            } catch (SQLException e) {
                if (!stopped) {
                    log.warn(
                            "Not listening for changes of tokens and accounts (SQL state {}): every token check"
                                    + " goes to the database until it listens again",
                            e.getSQLState());
                }
            } finally {
                listening = false;
                generation.incrementAndGet();
            }
            pause();
        }
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        stopped = true;
        listening = false;
        Thread running;
        synchronized (this) {
            running = listener;
        }
        if (running != null) {
            running.interrupt();
            running.join(5_000);
        }
    }
}
