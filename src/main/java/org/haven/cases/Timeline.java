package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.haven.platform.Ids;
import org.haven.platform.RoundTrip;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One timeline of everything that happened in a case, in order. Entries hold codes and ids only
 * (the texts stay encrypted in their own tables), so the timeline can be shown in full to anyone who
 * reaches the case. The application's role can only append to it.
 */
@Component
class Timeline {

    /** One entry; {@code detail} is a code or short code list such as "ASSESSMENT>CARE_PLAN". */
    record Entry(Instant at, String kind, UUID actorId, UUID subjectId, String detail) {}

    private final JdbcClient jdbc;
    private final Clock clock;

    Timeline(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    void add(UUID organization, UUID caseId, String kind, UUID actor, UUID subject, String detail) {
        add(organization, caseId, actor, List.of(new Pending(kind, subject, detail)));
    }

    /** An entry still to be written by {@link #add(UUID, UUID, UUID, List)}. */
    record Pending(String kind, UUID subjectId, String detail) {}

    /**
     * Several entries of one actor in one statement, in list order: each a microsecond after the one
     * before, so that they read back in that order whatever their random ids.
     */
    void add(UUID organization, UUID caseId, UUID actor, List<Pending> entries) {
        if (entries.isEmpty()) {
            return;
        }
        RoundTrip.Statement insert = insert(organization, caseId, actor, entries);
        jdbc.sql(insert.sql()).params(insert.params()).update();
    }

    /** The statement {@link #add(UUID, UUID, UUID, List)} runs, to send with others (entries not empty). */
    RoundTrip.Statement insert(UUID organization, UUID caseId, UUID actor, List<Pending> entries) {
        StringBuilder sql = new StringBuilder(
                "INSERT INTO case_event (id, organization_id, case_id, at, kind, actor_id, subject_id, detail) VALUES ");
        List<Object> params = new ArrayList<>(entries.size() * 8);
        Instant at = clock.instant();
        for (int i = 0; i < entries.size(); i++) {
            Pending entry = entries.get(i);
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(
                    Ids.next(),
                    organization,
                    caseId,
                    Timestamp.from(at.plus(i, ChronoUnit.MICROS)),
                    entry.kind(),
                    actor,
                    entry.subjectId(),
                    entry.detail()));
        }
        return new RoundTrip.Statement(sql.toString(), params);
    }

    List<Entry> of(UUID organization, UUID caseId) {
        return jdbc.sql("SELECT at, kind, actor_id, subject_id, detail FROM case_event"
                        + " WHERE organization_id = ? AND case_id = ? ORDER BY at, id")
                .params(organization, caseId)
                .query((rs, n) -> new Entry(
                        rs.getTimestamp(1).toInstant(),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getString(5)))
                .list();
    }
}
