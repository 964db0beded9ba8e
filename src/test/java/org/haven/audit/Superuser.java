package org.haven.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.context.ApplicationContext;

/**
 * Someone with superuser rights on the database — the adversary the audit chain is for. Triggers are
 * switched off for its statements, as such a person could.
 */
final class Superuser {

    private final DataSource owner;

    Superuser(ApplicationContext context) {
        this.owner = context.getBean("ownerDataSource", DataSource.class);
    }

    int execute(String sql, Object... params) {
        try (Connection connection = owner.getConnection()) {
            connection.setAutoCommit(true);
            try (var statement = connection.createStatement()) {
                statement.execute("SET session_replication_role = replica");
            }
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    statement.setObject(i + 1, params[i]);
                }
                int changed = statement.executeUpdate();
                try (var reset = connection.createStatement()) {
                    reset.execute("SET session_replication_role = origin");
                }
                return changed;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
