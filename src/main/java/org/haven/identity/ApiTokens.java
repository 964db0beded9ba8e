package org.haven.identity;

import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.haven.platform.Ids;
import org.haven.platform.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Personal API tokens: 256 random bits shown once, stored as SHA-256, limited to a subset of the
 * owner's permissions (and always to what the owner's role grants today), expiring, revocable.
 */
@Service
public class ApiTokens {

    static final String PREFIX = "hvn_";
    static final Duration LONGEST_LIFETIME = Duration.ofDays(366);
    static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    /** A token as listed to its owner: never the secret. */
    public record TokenView(
            UUID id,
            String name,
            Set<Permission> permissions,
            Instant expiresAt,
            Instant createdAt,
            Instant lastUsedAt,
            Instant revokedAt) {

        public boolean usable(Instant now) {
            return revokedAt == null && expiresAt.isAfter(now);
        }
    }

    /** A newly created token; {@code secret} is shown once and never stored. */
    public record CreatedToken(TokenView token, String secret) {}

    private final JdbcClient jdbc;
    private final StaffUsers users;
    private final Clock clock;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;

    /** A usable token and its owner (whose columns {@link StaffUsers#map} reads). */
    private static final String TOKEN_WITH_OWNER = "SELECT t.id AS token_id, t.permissions AS token_permissions,"
            + " t.last_used_at AS token_last_used_at, t.expires_at AS token_expires_at, " + StaffUsers.COLUMNS_OF_U
            + " FROM api_token t JOIN staff_user u ON u.id = t.user_id"
            + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND t.expires_at > ?";

    /**
     * A token check's answer kept in memory (decision 43), by the SHA-256 of the token: valid while no
     * token or account changed since it was read ({@link IdentityChanges}), before the token expires, and
     * for {@link #KEPT_FOR} at most.
     */
    private record Kept(
            CurrentUser user,
            UUID tokenId,
            UUID organizationId,
            Instant expiresAt,
            Instant lastUsed,
            long generation,
            Instant keptAt) {

        /** The same answer, its use recorded at {@code at}. */
        Kept usedAt(Instant at) {
            return new Kept(user, tokenId, organizationId, expiresAt, at, generation, keptAt);
        }
    }

    static final Duration KEPT_FOR = Duration.ofSeconds(30);
    private static final int MOST_KEPT = 10_000;

    private final Map<ByteBuffer, Kept> kept = new ConcurrentHashMap<>();
    private final IdentityChanges changes;

    ApiTokens(
            JdbcClient jdbc,
            StaffUsers users,
            Clock clock,
            IdentityEvents events,
            IdentityChanges changes,
            PlatformTransactionManager transactionManager) {
        this.changes = changes;
        this.transactions = new TransactionTemplate(transactionManager);
        this.events = events;
        this.jdbc = jdbc;
        this.users = users;
        this.clock = clock;
    }

    /**
     * Creates a token for {@code userId}.
     *
     * @param permissions the permissions wanted; empty means all of the owner's
     * @throws IdentityException when a permission is not the owner's, or the lifetime is not 1 hour to 366 days
     */
    @Transactional
    public CreatedToken create(UUID userId, String name, Set<Permission> permissions, Duration lifetime) {
        StaffUser owner = users.findById(userId)
                .filter(StaffUser::active)
                .orElseThrow(() -> new IdentityException("token.ownerInactive"));
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new IdentityException("token.name.invalid");
        }
        if (lifetime == null
                || lifetime.compareTo(Duration.ofHours(1)) < 0
                || lifetime.compareTo(LONGEST_LIFETIME) > 0) {
            throw new IdentityException("token.lifetime.invalid");
        }
        Set<Permission> granted =
                permissions == null || permissions.isEmpty() ? owner.role().permissions() : EnumSet.copyOf(permissions);
        if (!owner.role().permissions().containsAll(granted)) {
            throw new IdentityException("token.permissions.notYours");
        }
        granted.add(Permission.SIGN_IN);
        String secret = PREFIX + Secrets.randomToken(32);
        UUID id = Ids.next();
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        jdbc.sql("INSERT INTO api_token (id, user_id, name, token_hash, permissions, expires_at, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        id,
                        userId,
                        trimmed,
                        Secrets.sha256(secret),
                        names(granted),
                        Timestamp.from(expires),
                        Timestamp.from(now))
                .update();
        events.other(
                IdentityEvent.Kind.TOKEN_CREATED,
                owner.organizationId(),
                userId,
                id,
                "api_token",
                java.util.Map.of("name", trimmed, "permissions", String.join(" ", names(granted))));
        return new CreatedToken(new TokenView(id, trimmed, granted, expires, now, null, null), secret);
    }

    /** The tokens of {@code userId}, newest first. */
    public List<TokenView> list(UUID userId) {
        return jdbc.sql("SELECT id, name, permissions, expires_at, created_at, last_used_at, revoked_at"
                        + " FROM api_token WHERE user_id = ? ORDER BY created_at DESC")
                .param(userId)
                .query(ApiTokens::map)
                .list();
    }

    /**
     * Revokes one of the owner's tokens.
     *
     * @return false when {@code userId} has no such token
     */
    @Transactional
    public boolean revoke(UUID userId, UUID tokenId) {
        changes.changedHere();
        boolean revoked =
                jdbc.sql("UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = ? AND user_id = ?")
                                .params(tokenId, userId)
                                .update()
                        == 1;
        if (revoked) {
            users.findById(userId)
                    .ifPresent(owner -> events.other(
                            IdentityEvent.Kind.TOKEN_REVOKED,
                            owner.organizationId(),
                            userId,
                            tokenId,
                            "api_token",
                            java.util.Map.of()));
        }
        return revoked;
    }

    /** Revokes every token of {@code userId} (suspension). */
    void revokeAll(UUID userId) {
        changes.changedHere();
        jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE user_id = ? AND revoked_at IS NULL")
                .param(userId)
                .update();
    }

    /**
     * The person a presented token acts for, limited to the token's permissions, or empty when the
     * token is unknown, revoked, expired, or its owner is no longer active.
     */
    public Optional<CurrentUser> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        ByteBuffer hash = ByteBuffer.wrap(Secrets.sha256(presented));
        Kept answer = kept.get(hash);
        if (usable(answer, now)) {
            // One request records the use, not every request arriving in the same instant.
            if (useDue(answer.lastUsed(), now) && kept.replace(hash, answer, answer.usedAt(now))) {
                recordUse(
                        answer.tokenId(), answer.organizationId(), answer.user().id(), now);
            }
            return Optional.of(answer.user());
        }
        // Read before the token: a change committed while it is read makes the answer stale at once.
        long generation = changes.generation();
        record Row(UUID id, Set<Permission> permissions, Instant lastUsed, Instant expiresAt, StaffUser owner) {}
        // One statement outside any transaction: every API request not answered from memory starts here, so
        // the token and its owner come in one round trip; a transaction is opened only to record something.
        Optional<Row> row = jdbc.sql(TOKEN_WITH_OWNER)
                .params(hash.array(), Timestamp.from(now))
                .query((rs, n) -> new Row(
                        rs.getObject("token_id", UUID.class),
                        permissions(rs.getArray("token_permissions")),
                        instant(rs.getTimestamp("token_last_used_at")),
                        instant(rs.getTimestamp("token_expires_at")),
                        StaffUsers.map(rs, n)))
                .optional();
        if (row.isEmpty()) {
            kept.remove(hash);
            // The presented value is never recorded: it may be a live secret pasted by mistake.
            transactions.executeWithoutResult(status -> events.publish(new IdentityEvent(
                    IdentityEvent.Kind.TOKEN_USED,
                    false,
                    null,
                    null,
                    null,
                    "api_token",
                    java.util.List.of(),
                    java.util.Map.of())));
            return Optional.empty();
        }
        StaffUser owner = row.get().owner();
        if (!owner.active()) {
            kept.remove(hash);
            transactions.executeWithoutResult(status -> events.publish(new IdentityEvent(
                    IdentityEvent.Kind.TOKEN_USED,
                    false,
                    null,
                    owner.id(),
                    row.get().id(),
                    "api_token",
                    java.util.List.of(),
                    java.util.Map.of())));
            return Optional.empty();
        }
        CurrentUser user = owner.toCurrentUser(row.get().permissions());
        boolean due = useDue(row.get().lastUsed(), now);
        if (generation >= 0) {
            if (kept.size() >= MOST_KEPT) {
                kept.clear();
            }
            kept.put(
                    hash,
                    new Kept(
                            user,
                            row.get().id(),
                            owner.organizationId(),
                            row.get().expiresAt(),
                            due ? now : row.get().lastUsed(),
                            generation,
                            now));
        }
        if (due) {
            recordUse(row.get().id(), owner.organizationId(), owner.id(), now);
        }
        return Optional.of(user);
    }

    /** Whether a check of {@code presented} is kept in memory and still current (for tests). */
    boolean keeps(String presented) {
        return usable(kept.get(ByteBuffer.wrap(Secrets.sha256(presented))), clock.instant());
    }

    /** Whether a kept answer may stand for the database's: nothing changed, not expired, not too old. */
    private boolean usable(Kept answer, Instant now) {
        return answer != null
                && changes.current(answer.generation())
                && now.isBefore(answer.expiresAt())
                && now.isBefore(answer.keptAt().plus(KEPT_FOR));
    }

    private static boolean useDue(Instant lastUsed, Instant now) {
        return lastUsed == null || lastUsed.isBefore(now.minus(LAST_USE_PRECISION));
    }

    /**
     * Use is recorded, and audited, at most once a minute per token (decision 34), as a sign-in is once
     * per session: what the token reads and changes is audited by each request itself, with the person and
     * the channel; failed uses are audited every time. {@code last_used_at} is the one column of the
     * token whose change does not drop what is kept (V16's trigger leaves it out).
     */
    private void recordUse(UUID tokenId, UUID organization, UUID owner, Instant now) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("UPDATE api_token SET last_used_at = ? WHERE id = ?")
                    .params(Timestamp.from(now), tokenId)
                    .update();
            events.other(IdentityEvent.Kind.TOKEN_USED, organization, owner, tokenId, "api_token", java.util.Map.of());
        });
    }

    private static TokenView map(ResultSet rs, int row) throws SQLException {
        return new TokenView(
                rs.getObject("id", UUID.class),
                rs.getString("name"),
                permissions(rs.getArray("permissions")),
                rs.getTimestamp("expires_at").toInstant(),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Set<Permission> permissions(Array array) throws SQLException {
        Set<Permission> result = EnumSet.noneOf(Permission.class);
        for (Object name : (Object[]) array.getArray()) {
            Permission.named(String.valueOf(name)).ifPresent(result::add);
        }
        return result;
    }

    private static String[] names(Set<Permission> permissions) {
        return permissions.stream().map(Enum::name).toArray(String[]::new);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
