package org.haven.platform;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.util.ConcurrentLruCache;

/**
 * Several statements sent to PostgreSQL together and answered together: one round trip instead of one
 * per statement, in the caller's transaction (decision 42). The statements run in order, as if sent one
 * by one; the first that fails fails the call, and the transaction's rollback undoes the ones before.
 *
 * <p>The driver keeps them in one round trip only if no statement that returns rows has a parameter of
 * unknown type (a {@link java.sql.Timestamp} or a {@code null}): it sends such a statement apart, after
 * a pause for the server's answer. Statements that return no rows may take any parameter.
 */
public final class RoundTrip {

    private RoundTrip() {}

    /**
     * Named statements as parsed, by their text: Haven's are constants, parsed once rather than on every
     * call, in the same bounded cache {@code NamedParameterJdbcTemplate} keeps for its own (decision 46).
     */
    private static final ConcurrentLruCache<String, ParsedSql> PARSED =
            new ConcurrentLruCache<>(256, NamedParameterUtils::parseSqlStatement);

    static ParsedSql parsed(String sql) {
        return PARSED.get(sql);
    }

    /** One statement with positional ({@code ?}) parameters. */
    public record Statement(String sql, List<Object> params) {

        public Statement {
            if (sql.contains(";")) {
                throw new IllegalArgumentException("one statement each, without a separator");
            }
            // Parameters may be null: List.copyOf would refuse them.
            params = Collections.unmodifiableList(new ArrayList<>(params));
        }

        public static Statement of(String sql, Object... params) {
            return new Statement(sql, Arrays.asList(params));
        }

        /** A statement with named ({@code :name}) parameters, as {@code JdbcClient} takes them. */
        public static Statement named(String sql, Map<String, ?> params) {
            ParsedSql parsed = parsed(sql);
            MapSqlParameterSource source = new MapSqlParameterSource(params);
            return new Statement(
                    NamedParameterUtils.substituteNamedParameters(parsed, source),
                    Arrays.asList(NamedParameterUtils.buildValueArray(parsed, source, null)));
        }
    }

    /**
     * What the statements answered: the update count of each ({@code -1} for one that returned rows)
     * and the rows of the last statement, mapped (none if it returns no rows).
     */
    public record Outcome<T>(List<T> rows, int[] counts) {}

    /** Runs the statements in one round trip; {@code rows} maps the rows of the last statement. */
    public static <T> Outcome<T> run(JdbcOperations jdbc, RowMapper<T> rows, List<Statement> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("no statement");
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Statement statement : statements) {
            sql.append(sql.isEmpty() ? "" : ";\n").append(statement.sql());
            params.addAll(statement.params());
        }
        ArgumentPreparedStatementSetter values = new ArgumentPreparedStatementSetter(params.toArray());
        return jdbc.execute(
                connection -> {
                    PreparedStatement prepared = connection.prepareStatement(sql.toString());
                    values.setValues(prepared);
                    return prepared;
                },
                (PreparedStatement prepared) -> {
                    int[] counts = new int[statements.size()];
                    List<T> last = List.of();
                    boolean answeredRows = prepared.execute();
                    for (int i = 0; i < counts.length; i++) {
                        if (answeredRows) {
                            counts[i] = -1;
                            try (ResultSet result = prepared.getResultSet()) {
                                if (i == counts.length - 1) {
                                    List<T> mapped = new ArrayList<>();
                                    while (result.next()) {
                                        mapped.add(rows.mapRow(result, mapped.size()));
                                    }
                                    last = mapped;
                                }
                            }
                        } else {
                            counts[i] = prepared.getUpdateCount();
                        }
                        answeredRows = prepared.getMoreResults();
                    }
                    return new Outcome<>(last, counts);
                });
    }

    /** {@link #run(JdbcOperations, RowMapper, List)} for statements that return no rows: their update counts. */
    public static int[] write(JdbcOperations jdbc, List<Statement> statements) {
        return run(jdbc, (result, n) -> null, statements).counts();
    }
}
