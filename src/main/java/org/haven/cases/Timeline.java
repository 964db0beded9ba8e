package org.haven.cases;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.haven.platform.Ids;
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
        jdbc.sql("INSERT INTO case_event (id, organization_id, case_id, at, kind, actor_id, subject_id, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(Ids.next(), organization, caseId, Timestamp.from(clock.instant()), kind, actor, subject, detail)
                .update();
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
