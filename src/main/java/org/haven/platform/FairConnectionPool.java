package org.haven.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The application's connection pool, handing connections out first come, first served (decision 50).
 * Hikari lets a thread that asks for a connection take one that has just come back, ahead of threads
 * already waiting for one; with many requests and few connections (decision 49) some requests then wait
 * several turns while others jump ahead — case views at sixty-four clients had a p95 three times their
 * p50. Here a fair semaphore with a permit per connection comes first: a request waits its turn in it,
 * then takes a connection that is free for it, and gives its permit back when it closes the connection.
 *
 * <p>The wait in turn is bounded by the pool's connection timeout, then refused as Hikari refuses
 * ({@link SQLTransientConnectionException}, answered "busy" by {@code DatabaseBusy}). Holding a permit,
 * the request finds a connection at once unless one is being replaced, which Hikari's own timeout
 * bounds. As before, a request that takes a second connection while holding one needs two permits.
 */
final class FairConnectionPool extends HikariDataSource {

    /** One permit per connection. */
    private final Semaphore turns;

    /** A pool of {@code connections} connections (not resized later: the turns are as many). */
    FairConnectionPool(int connections) {
        setMaximumPoolSize(connections);
        this.turns = new Semaphore(connections, true);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Semaphore gate = turns;
        boolean entered;
        try {
            entered = gate.tryAcquire(getConnectionTimeout(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException(
                    getPoolName() + " - interrupted while waiting for a connection", e);
        }
        if (!entered) {
            throw new SQLTransientConnectionException(getPoolName()
                    + " - Connection is not available, request timed out after " + getConnectionTimeout() + "ms");
        }
        Connection connection;
        try {
            connection = super.getConnection();
        } catch (SQLException | RuntimeException | Error e) {
            gate.release();
            throw e;
        }
        return giveBackTurnOnClose(connection, gate);
    }

    /** How many wait for their turn now (for tests). */
    int waiting() {
        return turns.getQueueLength();
    }

    /** How many turns are free now (for tests). */
    int free() {
        return turns.availablePermits();
    }

    /**
     * The connection as the caller sees it: everything goes to Hikari's connection, and its first close
     * also gives the turn back. Equal only to itself, as Spring's transaction code expects.
     */
    private static Connection giveBackTurnOnClose(Connection connection, Semaphore gate) {
        AtomicBoolean closed = new AtomicBoolean();
        return (Connection) Proxy.newProxyInstance(
                Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close" -> {
                            try {
                                connection.close();
                            } finally {
                                if (closed.compareAndSet(false, true)) {
                                    gate.release();
                                }
                            }
                            return null;
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        default -> {
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        }
                    }
                });
    }
}
