package org.haven.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import org.haven.HavenTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A bulk load's indexes and keys set aside and built again: the same definitions come back, keys
 * another table relies on stay, what the load broke is refused when building, and an interrupted
 * load's leftovers are built by the next start.
 */
@HavenTest
class DeferredIndexesTests {

    private static final List<String> TABLES = List.of("deferred_test.parent", "deferred_test.child");

    @Autowired
    DeferredIndexes deferred;

    @Autowired
    @Qualifier("ownerDataSource")
    DataSource owner;

    JdbcClient sql;

    @BeforeEach
    void tables() {
        sql = JdbcClient.create(owner);
        sql.sql("DROP SCHEMA IF EXISTS deferred_test CASCADE").update();
        sql.sql("CREATE SCHEMA deferred_test").update();
        sql.sql("""
                        CREATE TABLE deferred_test.parent (id INT PRIMARY KEY, code TEXT NOT NULL,
                            kind TEXT CHECK (kind <> ''))""").update();
        sql.sql("CREATE UNIQUE INDEX parent_code ON deferred_test.parent (code)")
                .update();
        sql.sql("CREATE INDEX parent_kind ON deferred_test.parent (kind) WHERE kind IS NOT NULL")
                .update();
        sql.sql("""
                        CREATE TABLE deferred_test.child (parent_id INT NOT NULL REFERENCES deferred_test.parent (id)
                            ON DELETE CASCADE, token BIGINT NOT NULL, PRIMARY KEY (parent_id, token))""").update();
        sql.sql("CREATE INDEX child_token ON deferred_test.child (token)").update();
        // A table outside the set refers to parent: parent's key must stay.
        sql.sql("CREATE TABLE deferred_test.outside (parent_id INT REFERENCES deferred_test.parent (id))")
                .update();
    }

    @AfterEach
    void drop() {
        sql.sql("DELETE FROM installation_fact WHERE name LIKE 'deferred-ddl:%deferred_test.%'")
                .update();
        sql.sql("DROP SCHEMA IF EXISTS deferred_test CASCADE").update();
    }

    @Test
    void setsAsideAndBuildsTheSameIndexesAndKeys() {
        List<String> before = definitions();
        assertThat(deferred.empty(TABLES)).isTrue();

        sql.sql("ALTER TABLE deferred_test.child SET (autovacuum_enabled = true, fillfactor = 90)")
                .update();
        List<String> options = options();

        int count = deferred.defer(TABLES);

        // parent_code, parent_kind, child_token, child's key and its foreign key; parent's key stays;
        // autovacuum off on both tables.
        assertThat(count).isEqualTo(7);
        assertThat(options())
                .containsExactly(
                        "deferred_test.child autovacuum_enabled=false,fillfactor=90",
                        "deferred_test.parent autovacuum_enabled=false");
        assertThat(definitions())
                .containsExactly(
                        "c deferred_test.outside outside_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES deferred_test.parent(id)",
                        "c deferred_test.parent parent_kind_check CHECK ((kind <> ''::text))",
                        "c deferred_test.parent parent_pkey PRIMARY KEY (id)",
                        "i deferred_test.parent_pkey CREATE UNIQUE INDEX parent_pkey ON deferred_test.parent USING btree (id)");
        assertThat(facts()).isEqualTo(7);
        sql.sql("INSERT INTO deferred_test.parent VALUES (1, 'a', 'x'), (2, 'b', NULL)")
                .update();
        sql.sql("INSERT INTO deferred_test.child VALUES (1, 10), (2, 10), (2, 11)")
                .update();
        assertThat(deferred.empty(TABLES)).isFalse();

        assertThat(deferred.restore()).isEqualTo(7);

        assertThat(definitions()).isEqualTo(before);
        assertThat(options())
                .isEqualTo(options)
                .containsExactly(
                        "deferred_test.child autovacuum_enabled=true,fillfactor=90", "deferred_test.parent null");
        assertThat(facts()).isZero();
        assertThatThrownBy(() -> sql.sql("INSERT INTO deferred_test.child VALUES (3, 10)")
                        .update())
                .hasMessageContaining("child_parent_id_fkey");
        assertThatThrownBy(() -> sql.sql("INSERT INTO deferred_test.parent VALUES (3, 'a', 'y')")
                        .update())
                .hasMessageContaining("parent_code");
        assertThat(deferred.restore()).isZero();

        deferred.analyze(TABLES);
        assertThat(sql.sql("SELECT reltuples::int FROM pg_class WHERE oid = 'deferred_test.child'::regclass")
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);
    }

    @Test
    void aLoadThatBrokeAKeyIsRefusedWhenBuildingAndStaysRecorded() {
        deferred.defer(TABLES);
        sql.sql("INSERT INTO deferred_test.parent VALUES (1, 'same', NULL), (2, 'same', NULL)")
                .update();

        assertThatThrownBy(deferred::restore).hasMessageContaining("parent_code");

        // The other indexes and keys are built; parent_code and the foreign key stay recorded, to be built
        // once the rows are mended. Autovacuum is back.
        assertThat(facts()).isEqualTo(2);
        assertThat(options()).containsExactly("deferred_test.child null", "deferred_test.parent null");
        sql.sql("UPDATE deferred_test.parent SET code = 'other' WHERE id = 2").update();
        assertThat(deferred.restore()).isEqualTo(2);
        assertThat(facts()).isZero();
    }

    @Test
    void aRowWithoutItsParentIsRefusedWhenCheckingTheForeignKeyAndTheNextAttemptBuildsIt() {
        List<String> before = definitions();
        deferred.defer(TABLES);
        sql.sql("INSERT INTO deferred_test.parent VALUES (1, 'a', NULL)").update();
        sql.sql("INSERT INTO deferred_test.child VALUES (1, 10), (2, 10)").update();

        assertThatThrownBy(deferred::restore).hasMessageContaining("child_parent_id_fkey");

        // The keys and indexes stand; the foreign key stays recorded (added, not yet checked, it
        // already refuses new orphans).
        assertThat(facts()).isEqualTo(1);
        assertThatThrownBy(() -> sql.sql("INSERT INTO deferred_test.child VALUES (3, 10)")
                        .update())
                .hasMessageContaining("child_parent_id_fkey");
        sql.sql("DELETE FROM deferred_test.child WHERE parent_id = 2").update();
        assertThat(deferred.restore()).isEqualTo(1);
        assertThat(definitions()).isEqualTo(before);
        assertThat(sql.sql("""
                        SELECT convalidated FROM pg_constraint
                        WHERE conname = 'child_parent_id_fkey' AND conrelid = 'deferred_test.child'::regclass""").query(Boolean.class).single()).isTrue();
        assertThat(facts()).isZero();
    }

    @Test
    void aNamedIndexOfAnotherTableIsSetAsideAndBuiltWithThem() {
        sql.sql("CREATE INDEX outside_parent ON deferred_test.outside (parent_id)")
                .update();
        List<String> before = definitions();

        assertThat(deferred.defer(TABLES, List.of("deferred_test.outside_parent")))
                .isEqualTo(8);
        assertThat(definitions())
                .noneMatch(definition -> definition.contains("outside_parent "))
                .anyMatch(definition -> definition.contains("outside_parent_id_fkey"));
        // The other table keeps its autovacuum: only its named index is set aside.
        assertThat(sql.sql("SELECT reloptions IS NULL FROM pg_class WHERE oid = 'deferred_test.outside'::regclass")
                        .query(Boolean.class)
                        .single())
                .isTrue();

        assertThat(deferred.restore()).isEqualTo(8);
        assertThat(definitions()).isEqualTo(before);
    }

    @Test
    void aKeyWhoseIndexWasBuiltBeforeAnInterruptionIsMadeFromIt() {
        List<String> before = definitions();
        deferred.defer(TABLES);
        sql.sql("INSERT INTO deferred_test.child VALUES (1, 10)").update();
        // As the first of the key's two transactions leaves it.
        sql.sql("CREATE UNIQUE INDEX child_pkey ON deferred_test.child (parent_id, token)")
                .update();

        assertThatThrownBy(deferred::restore).hasMessageContaining("child_parent_id_fkey");
        sql.sql("INSERT INTO deferred_test.parent VALUES (1, 'a', NULL)").update();
        assertThat(deferred.restore()).isEqualTo(1);

        assertThat(definitions()).isEqualTo(before);
        assertThat(facts()).isZero();
    }

    @Test
    void theNextStartBuildsWhatAnInterruptedLoadLeft() throws Exception {
        List<String> before = definitions();
        deferred.defer(TABLES);
        sql.sql("INSERT INTO deferred_test.parent VALUES (1, 'a', 'x')").update();

        deferred.run(null);

        assertThat(definitions()).isEqualTo(before);
        assertThat(facts()).isZero();
    }

    /** Indexes ("i") and constraints ("c") of the test schema, as PostgreSQL defines them. */
    private List<String> definitions() {
        return sql.sql("""
                        SELECT 'i ' || indexrelid::regclass || ' ' || pg_get_indexdef(indexrelid) FROM pg_index
                        WHERE indrelid::regclass::text LIKE 'deferred_test.%'
                        UNION ALL
                        SELECT 'c ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid)
                        FROM pg_constraint WHERE conrelid::regclass::text LIKE 'deferred_test.%'
                        ORDER BY 1""").query(String.class).list();
    }

    /** The test tables' storage options, such as autovacuum_enabled, in name order. */
    private List<String> options() {
        return sql.sql("""
                        SELECT oid::regclass || ' ' || coalesce((SELECT string_agg(o, ',' ORDER BY o) FROM unnest(reloptions) o), 'null')
                        FROM pg_class
                        WHERE oid IN ('deferred_test.parent'::regclass, 'deferred_test.child'::regclass) ORDER BY 1""").query(String.class).list();
    }

    private int facts() {
        return sql.sql("SELECT count(*) FROM installation_fact WHERE name LIKE 'deferred-ddl:%deferred_test.%'")
                .query(Integer.class)
                .single();
    }
}
