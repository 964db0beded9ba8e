package org.haven.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.haven.HavenTest;
import org.haven.audit.AuditSealer;
import org.haven.audit.AuditVerifier;
import org.haven.cases.CaseStage;
import org.haven.cases.CaseView;
import org.haven.cases.Cases;
import org.haven.cases.People;
import org.haven.identity.CurrentUser;
import org.haven.identity.Role;
import org.haven.intake.Incidents;
import org.haven.intake.Triage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Generated data is what the services store: found by their search, read by their views, audited. */
@HavenTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SyntheticDataTests {

    @Autowired
    SyntheticData data;

    @Autowired
    Cases cases;

    @Autowired
    People people;

    @Autowired
    AuditSealer sealer;

    @Autowired
    AuditVerifier verifier;

    @Autowired
    ApplicationContext context;

    @Autowired
    Triage triage;

    @Autowired
    Incidents incidents;

    JdbcClient owner;
    String first;
    String second;
    SyntheticData.Result result;

    record Row(UUID id, String reference, UUID caseworker, UUID team, UUID organization) {}

    @BeforeAll
    void generate() {
        owner = JdbcClient.create(context.getBean("ownerDataSource", DataSource.class));
        String run = UUID.randomUUID().toString().substring(0, 8);
        first = "Synthetic A " + run;
        second = "Synthetic B " + run;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        result = data.generate(
                new SyntheticData.Plan(2, 200, 40, 42, first, false),
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        data.generate(new SyntheticData.Plan(2, 200, 42, second), new PrintStream(new ByteArrayOutputStream()));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("200 cases");
    }

    List<Row> rows(String prefix) {
        return owner.sql("""
                        SELECT c.id, c.reference, c.caseworker_id, c.team_id, c.organization_id
                        FROM case_file c JOIN organization o ON o.id = c.organization_id
                        WHERE o.name LIKE ? ORDER BY o.name, c.reference
                        """)
                .param(prefix + " %")
                .query((rs, n) -> new Row(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class),
                        rs.getObject(5, UUID.class)))
                .list();
    }

    static CurrentUser caseworker(Row row) {
        return new CurrentUser(
                row.caseworker(),
                row.organization(),
                row.team(),
                "caseworker@synthetic.example",
                "Synthetic caseworker",
                Role.CASEWORKER,
                "en",
                Role.CASEWORKER.permissions());
    }

    @Test
    void theSameSeedGivesTheSamePeopleAndStagesInOrder() {
        List<Row> a = rows(first);
        List<Row> b = rows(second);
        assertThat(a).hasSize(200);
        assertThat(b).hasSize(200);
        List<String> left = new ArrayList<>();
        List<String> right = new ArrayList<>();
        for (int i = 0; i < a.size(); i += 4) {
            left.add(describe(cases.view(caseworker(a.get(i)), a.get(i).id())));
            right.add(describe(cases.view(caseworker(b.get(i)), b.get(i).id())));
        }
        assertThat(left).isEqualTo(right);
        assertThat(result.cases()).isEqualTo(200);
    }

    private static String describe(CaseView view) {
        return String.join(
                "|",
                view.reference().substring(view.reference().lastIndexOf('-')),
                view.stage(),
                view.riskLevel(),
                view.person().name(),
                String.valueOf(view.person().nameKhmer()),
                String.valueOf(view.summary()),
                String.valueOf(view.closureReason()));
    }

    @Test
    void everyStageOccursAndCasesDecryptForTheirCaseworker() {
        Set<String> stages = new TreeSet<>();
        for (Row row : rows(first)) {
            stages.add(owner.sql("SELECT stage FROM case_file WHERE id = ?")
                    .param(row.id())
                    .query(String.class)
                    .single());
        }
        assertThat(stages).hasSize(CaseStage.values().length);
        Row row = rows(first).get(0);
        CaseView view = cases.view(caseworker(row), row.id());
        assertThat(view.person().name()).isNotBlank();
        assertThat(view.summary()).isNotBlank();
    }

    @Test
    void aGeneratedChildIsFoundByRomanizedAndKhmerName() {
        for (Row row : rows(first)) {
            CaseView view = cases.view(caseworker(row), row.id());
            if (view.person().nameKhmer() == null || view.person().aliases().isEmpty()) {
                continue;
            }
            CurrentUser worker = caseworker(row);
            assertThat(people.search(worker, view.person().aliases().get(0)))
                    .extracting(People.Match::id)
                    .contains(view.person().id());
            assertThat(people.search(worker, view.person().nameKhmer()))
                    .extracting(People.Match::id)
                    .contains(view.person().id());
            return;
        }
        throw new AssertionError("no Khmer name generated");
    }

    @Test
    void everyGeneratedRecordIsAuditedAndTheChainVerifies() {
        Row row = rows(first).get(0);
        long caseEvents = owner.sql("SELECT count(*) FROM audit_event WHERE record_type = 'case_file'"
                        + " AND action = 'RECORD_CREATED' AND organization_id = ?")
                .param(row.organization())
                .query(Long.class)
                .single();
        long personEvents = owner.sql("SELECT count(*) FROM audit_event WHERE record_type = 'person'"
                        + " AND action = 'RECORD_CREATED' AND organization_id = ?")
                .param(row.organization())
                .query(Long.class)
                .single();
        assertThat(caseEvents).isEqualTo(100);
        assertThat(personEvents).isEqualTo(100);
        long notes = owner.sql("SELECT count(*) FROM case_note WHERE organization_id = ?")
                .param(row.organization())
                .query(Long.class)
                .single();
        long noteEvents = owner.sql("SELECT count(*) FROM audit_event WHERE record_type = 'case_note'"
                        + " AND action = 'RECORD_CREATED' AND organization_id = ?")
                .param(row.organization())
                .query(Long.class)
                .single();
        assertThat(noteEvents).isEqualTo(notes).isPositive();
        sealer.seal();
        assertThat(verifier.verify().intact()).isTrue();
    }

    @Test
    void reportsNameTheirIncidentsPerpetratorsAndTriageFindsThem() {
        assertThat(result.reports()).isEqualTo(40);
        assertThat(result.incidents()).isEqualTo(10);
        UUID organization = rows(first).get(0).organization();
        record Linked(UUID report, String incident) {}
        Linked linked = owner.sql("""
                        SELECT l.report_id, i.reference FROM incident_report l JOIN incident i ON i.id = l.incident_id
                        WHERE l.organization_id = ? ORDER BY i.reference, l.report_id LIMIT 1
                        """)
                .param(organization)
                .query((rs, n) -> new Linked(rs.getObject(1, UUID.class), rs.getString(2)))
                .single();
        CurrentUser officer = owner.sql(
                        "SELECT id, team_id FROM staff_user WHERE organization_id = ? AND role = 'TRIAGE_OFFICER'")
                .param(organization)
                .query((rs, n) -> new CurrentUser(
                        rs.getObject(1, UUID.class),
                        organization,
                        rs.getObject(2, UUID.class),
                        "triage@synthetic.example",
                        "Synthetic triage",
                        Role.TRIAGE_OFFICER,
                        "en",
                        Role.TRIAGE_OFFICER.permissions()))
                .single();
        Triage.Detail report = triage.read(officer, linked.report());
        assertThat(report.content().phones()).isNotBlank();
        assertThat(incidents.suggestionsFor(
                        officer,
                        linked.report(),
                        report.content(),
                        report.row().province(),
                        report.row().district()))
                .filteredOn(s -> s.reference().equals(linked.incident()))
                .singleElement()
                .satisfies(s -> assertThat(s.reasons()).contains("LINKED", "PHONE"));
        assertThat(incidents.search(officer, report.content().phones(), null))
                .extracting(Incidents.Row::reference)
                .contains(linked.incident());
        sealer.seal();
        assertThat(verifier.verify().intact()).isTrue();
    }
}
