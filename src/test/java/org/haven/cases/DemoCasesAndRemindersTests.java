package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Organizations;
import org.haven.identity.Permission;
import org.haven.identity.Role;
import org.haven.identity.StaffDirectory;
import org.haven.intake.DemoIntakeRuns;
import org.haven.intake.Incidents;
import org.haven.intake.Triage;
import org.haven.intake.routing.PartnerQueue;
import org.haven.platform.OrganizationScope;
import org.haven.platform.PhoneNumbers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Demo mode seeds cases in every stage for the demo accounts, and the hotline's intake journey (reports,
 * incidents, partners, a referral), once; and reminders of due tasks and follow-ups reach people in the
 * app and by e-mail (through a real SMTP server, GreenMail), once, saying nothing of the child. One context serves both: demo mode on, mail on, the scheduled run off.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"haven.demo=true", "haven.cases.reminders-start=1h"})
@ActiveProfiles("test")
class DemoCasesAndRemindersTests {

    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension mail =
            new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @Autowired
    ApplicationContext context;

    @Autowired
    DemoCases demo;

    @Autowired
    CaseReminders reminders;

    @Autowired
    Organizations organizations;

    @Autowired
    StaffDirectory staff;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void theDemoHasCasesInEveryStageForTheDemoAccountsSeededOnce() {
        CaseFixtures steps = new CaseFixtures(context);
        CurrentUser caseworker = demoAccount(DemoCases.HOTLINE, DemoCases.HOTLINE_CASEWORKER);
        CurrentUser supervisor = demoAccount(DemoCases.HOTLINE, DemoCases.HOTLINE_SUPERVISOR);
        CurrentUser shelter = demoAccount(DemoCases.SHELTER, DemoCases.SHELTER_CASEWORKER);
        Worklists.Filter all = new Worklists.Filter(null, null, null, null, false);

        List<Worklists.Row> team = steps.worklists.list(supervisor, all);
        assertThat(team.stream().map(r -> CaseStage.valueOf(r.stage())).collect(Collectors.toSet()))
                .as("every stage of the journey")
                .containsExactlyInAnyOrder(CaseStage.values());
        assertThat(team)
                .as("named in Khmer script and in Latin letters, Vietnamese names too")
                .allSatisfy(r -> assertThat(r.name()).isNotBlank())
                .anySatisfy(r -> assertThat(r.nameKhmer()).isEqualTo("ស្រីលក្ខណ៍ ម៉ៅ"))
                .anySatisfy(r -> assertThat(r.name()).isEqualTo("Nguyễn Thị Lan"));
        assertThat(steps.worklists.list(caseworker, new Worklists.Filter("sreyleak", null, null, null, false)))
                .extracting(Worklists.Row::nameKhmer)
                .containsExactly("ស្រីលក្ខណ៍ ម៉ៅ");

        Worklists.MyDay day = steps.worklists.myDay(caseworker);
        assertThat(day.overdueFollowUps()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(day.tasks()).anySatisfy(t -> assertThat(t.overdue()).isTrue());
        assertThat(day.tasks()).anySatisfy(t -> assertThat(t.dueOn()).isEqualTo(LocalDate.now()));
        assertThat(day.critical()).isNotEmpty();
        assertThat(day.flagged()).isNotEmpty();

        Worklists.TeamView waiting = steps.worklists.team(supervisor);
        assertThat(waiting.plansToApprove()).hasSize(1);
        assertThat(waiting.closuresToApprove()).hasSize(1);
        assertThat(waiting.caseload()).hasSize(2);
        assertThat(waiting.withoutContact()).isNotEmpty();
        assertThat(steps.alerts.unread(supervisor))
                .extracting(Alerts.Alert::kind)
                .contains("APPROVAL_WAITING", "CASE_REOPENED");

        Worklists.Row reopened = team.stream()
                .filter(r -> r.nameKhmer() != null && r.nameKhmer().equals("ស្រីលក្ខណ៍ ម៉ៅ"))
                .findFirst()
                .orElseThrow();
        assertThat(reopened.stage()).isEqualTo("ASSESSMENT");
        assertThat(reopened.riskLevel()).isEqualTo("CRITICAL");
        assertThat(steps.cases.timeline(caseworker, reopened.id()))
                .extracting(Timeline.Entry::kind)
                .contains("REOPENED");
        assertThat(steps.assessments.of(caseworker, reopened.id()))
                .extracting(Assessments.Assessment::riskLevel)
                .containsExactly("CRITICAL", "LOW", "CRITICAL");
        assertThat(context.getBean(Relations.class).of(caseworker, reopened.id()))
                .anySatisfy(r -> assertThat(r.guardian()).isTrue());

        Worklists.Row servicesCase = team.stream()
                .filter(r -> "Chanthou Prak".equals(r.name()))
                .findFirst()
                .orElseThrow();
        assertThat(steps.consents.of(caseworker, servicesCase.id()))
                .anySatisfy(c -> assertThat(c.withdrawnOn()).isNotNull())
                .anySatisfy(c -> assertThat(c.active()).isTrue());
        assertThat(steps.plans.of(caseworker, servicesCase.id()).services())
                .extracting(CarePlans.CareService::status)
                .contains("DELIVERED", "IN_PROGRESS", "PLANNED");

        assertThat(steps.worklists.list(shelter, all)).hasSizeGreaterThanOrEqualTo(3);

        assertThat((boolean) transactions.execute(status -> demo.seedOnce()))
                .as("seeded once")
                .isFalse();
        assertThat(steps.worklists.list(supervisor, all)).hasSameSizeAs(team);
    }

    @Test
    void theDemoNetworkHasGeneratedPartnersWithCasesInEveryStageAndReportsGeneratedOnce() {
        for (String name : List.of("Demo partner 1", "Demo partner 2")) {
            UUID organization = organizations.findByName(name).orElseThrow().id();
            List<String> stages = transactions.execute(status -> {
                OrganizationScope.enter(jdbc, organization);
                return jdbc.sql("SELECT DISTINCT stage FROM case_file WHERE organization_id = ?")
                        .param(organization)
                        .query(String.class)
                        .list();
            });
            assertThat(stages)
                    .as(name)
                    .containsExactlyInAnyOrder(java.util.Arrays.stream(CaseStage.values())
                            .map(Enum::name)
                            .toArray(String[]::new));
        }
        List<String> generated = jdbc.sql("SELECT name FROM organization WHERE name LIKE 'Demo partner %'")
                .query(String.class)
                .list();
        assertThat(generated).as("generated once").hasSize(2);
        assertThat(jdbc.sql("SELECT count(*) FROM installation_fact WHERE name = 'demo.synthetic'")
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        long cases = 0;
        long reports = 0;
        for (String name : generated) {
            UUID organization = organizations.findByName(name).orElseThrow().id();
            long[] counted = transactions.execute(status -> {
                OrganizationScope.enter(jdbc, organization);
                return new long[] {
                    jdbc.sql("SELECT count(*) FROM case_file WHERE organization_id = ?")
                            .param(organization)
                            .query(Long.class)
                            .single(),
                    jdbc.sql("SELECT count(*) FROM report WHERE organization_id = ?")
                            .param(organization)
                            .query(Long.class)
                            .single()
                };
            });
            cases += counted[0];
            reports += counted[1];
        }
        assertThat(cases).isEqualTo(200);
        assertThat(reports).isEqualTo(40);
    }

    @Test
    void theDemoHasReportsIncidentsPartnersAndAReferralForTriageSeededOnce() {
        CurrentUser officer = demoAccount(DemoCases.HOTLINE, "triage@hotline.demo.example");
        CurrentUser partner = demoAccount(DemoCases.SHELTER, "partner@shelter.demo.example");
        Triage triage = context.getBean(Triage.class);
        Incidents incidents = context.getBean(Incidents.class);
        PartnerQueue referrals = context.getBean(PartnerQueue.class);

        List<Triage.Row> queue = triage.queue(officer);
        assertThat(queue).hasSizeGreaterThanOrEqualTo(6);
        assertThat(queue.get(0).dangerNow()).as("a child in danger now first").isTrue();
        assertThat(queue).extracting(Triage.Row::channel).contains("WEB", "PHONE");
        assertThat(queue).extracting(Triage.Row::status).contains("RECEIVED", "UNDER_REVIEW", "PASSED_TO_PARTNER");
        assertThat(queue).extracting(Triage.Row::district).contains("1201", "1801");

        List<Triage.Detail> read =
                queue.stream().map(r -> triage.read(officer, r.id())).toList();
        assertThat(read)
                .as("in Khmer and in English, and one asked a question")
                .anySatisfy(d -> assertThat(d.content().what()).containsPattern("\\p{InKhmer}"))
                .anySatisfy(d -> assertThat(d.content().what()).containsPattern("^[\\p{ASCII}’]+$"))
                .anySatisfy(d -> assertThat(d.messages()).isNotEmpty());
        List<Incidents.Suggestion> samePhone = read.stream()
                .map(d -> incidents.suggestionsFor(
                        officer,
                        d.row().id(),
                        d.content(),
                        d.row().province(),
                        d.row().district()))
                .filter(s -> s.stream().noneMatch(i -> i.reasons().contains("LINKED")))
                .flatMap(List::stream)
                .filter(i -> i.reasons().contains("PHONE"))
                .toList();
        assertThat(samePhone)
                .as("an unlinked report names a perpetrator's number")
                .singleElement()
                .satisfies(
                        i -> assertThat(i.values()).containsExactly(PhoneNumbers.digits(DemoIntakeRuns.SHARED_PHONE)));

        assertThat(referrals.list(partner))
                .as("the shelter's partner staff see one referral")
                .hasSize(1);

        assertThat(DemoIntakeRuns.again(context)).as("seeded once").isFalse();
        assertThat(triage.queue(officer)).hasSameSizeAs(queue);
        assertThat(referrals.list(partner)).hasSize(1);
    }

    @Test
    void aChildInDangerIsMailedAtOnceToWhoeverIsOnCallWithoutAWordOfTheReport() throws Exception {
        IdentityFixtures identity = new IdentityFixtures(context);
        UUID hotline = identity.organization("Night hotline");
        IdentityFixtures.Person onDuty = identity.person(hotline, Role.TRIAGE_OFFICER);
        IdentityFixtures.Person offDuty = identity.person(hotline, Role.TRIAGE_OFFICER);
        org.haven.intake.OnCall onCall = context.getBean(org.haven.intake.OnCall.class);
        CurrentUser me = identity.signedIn(onDuty);
        onCall.take(me, me.id(), 8);

        org.haven.intake.DemoIntakeRuns.store(
                context,
                hotline,
                new org.haven.intake.PublicReport(
                        "Two girls locked in room 12 of the Lucky Star guesthouse",
                        "KH-12",
                        null,
                        "KH",
                        null,
                        null,
                        2,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "012 444 999",
                        null,
                        true));

        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        List<MimeMessage> received = Arrays.stream(mail.getReceivedMessages())
                .filter(m ->
                        recipients(m).contains(onDuty.email()) || recipients(m).contains(offDuty.email()))
                .toList();
        assertThat(received).singleElement().satisfies(m -> {
            assertThat(recipients(m)).containsExactly(onDuty.email());
            assertThat(m.getSubject()).isEqualTo("A report needs attention now in Haven");
            assertThat(GreenMailUtil.getBody(m)).doesNotContain("Lucky Star", "room 12", "girls", "444");
        });
    }

    @Test
    void dueTasksAndFollowUpsAreRemindedOnceInTheAppAndByMailWithoutDetails() throws Exception {
        IdentityFixtures identity = new IdentityFixtures(context);
        CaseFixtures steps = new CaseFixtures(context);
        UUID organization = identity.organization("Reminders");
        UUID team = identity.team(organization);
        IdentityFixtures.Person person = identity.person(organization, Role.CASEWORKER, team);
        CurrentUser caseworker = identity.signedIn(person);
        CurrentUser supervisor = identity.actor(organization, Role.SUPERVISOR, team);
        LocalDate today = LocalDate.now();

        UUID withTasks = steps.open(caseworker, "Sophorn Kim");
        String taskReference = steps.cases.view(caseworker, withTasks).reference();
        String title = "Bring Sophorn to the clinic for her results";
        steps.work.addTask(caseworker, withTasks, new WorkItems.TaskInput(title, null, today.toString()));
        steps.work.addTask(
                caseworker,
                withTasks,
                new WorkItems.TaskInput("Overdue call", null, today.minusDays(3).toString()));
        UUID later = steps.work.addTask(
                caseworker,
                withTasks,
                new WorkItems.TaskInput("Not yet", null, today.plusDays(2).toString()));

        UUID atHome = steps.open(caseworker, "Malis Heng");
        String followUpReference = steps.cases.view(caseworker, atHome).reference();
        steps.consentToServices(caseworker, atHome);
        steps.approvedPlan(caseworker, supervisor, atHome);
        steps.cases.move(caseworker, atHome, steps.version(caseworker, atHome), CaseStage.SERVICES, null);
        steps.cases.move(caseworker, atHome, steps.version(caseworker, atHome), CaseStage.REINTEGRATION, null);
        steps.cases.move(caseworker, atHome, steps.version(caseworker, atHome), CaseStage.FOLLOW_UP, null);
        List<FollowUps.FollowUp> planned = steps.followUps.of(caseworker, atHome);
        dueOn(organization, planned.get(0).id(), today.plusDays(CaseReminders.FOLLOW_UP_NOTICE_DAYS - 2));
        dueOn(organization, planned.get(1).id(), today.plusDays(CaseReminders.FOLLOW_UP_NOTICE_DAYS + 5));

        reminders.remindNow();
        reminders.remindNow();

        assertThat(mail.waitForIncomingEmail(10_000, 1)).isTrue();
        List<MimeMessage> mine = Arrays.stream(mail.getReceivedMessages())
                .filter(m -> recipients(m).contains(person.email()))
                .toList();
        assertThat(mine).as("one mail per case, however often the job runs").hasSize(2);
        assertThat(mine.stream().map(GreenMailUtil::getBody).toList())
                .anySatisfy(body -> assertThat(body).contains(taskReference))
                .anySatisfy(body -> assertThat(body).contains(followUpReference))
                .allSatisfy(body -> assertThat(body)
                        .doesNotContain("Sophorn", "Malis", "Kim", "Heng", title, "clinic", "task", "follow-up"));
        assertThat(mine).allSatisfy(m -> assertThat(m.getSubject()).isEqualTo("A case needs attention in Haven"));

        List<Alerts.Alert> alerts = steps.alerts.unread(caseworker);
        assertThat(alerts.stream().filter(a -> a.kind().equals("TASK_DUE")))
                .singleElement()
                .satisfies(a -> assertThat(a.caseId()).isEqualTo(withTasks));
        assertThat(alerts.stream().filter(a -> a.kind().equals("FOLLOW_UP_DUE")))
                .singleElement()
                .satisfies(a -> assertThat(a.caseId()).isEqualTo(atHome));
        assertThat(remindedTasks(organization, withTasks)).isEqualTo(2);
        assertThat(steps.work.tasksOf(caseworker, withTasks))
                .filteredOn(t -> t.id().equals(later))
                .singleElement()
                .satisfies(t -> assertThat(t.overdue()).isFalse());
    }

    private CurrentUser demoAccount(String organization, String email) {
        UUID id = organizations.findByName(organization).orElseThrow().id();
        return staff.holding(id, null, Permission.SIGN_IN).stream()
                .filter(m -> m.email().equals(email))
                .findFirst()
                .map(DemoCases::signedIn)
                .orElseThrow();
    }

    private void dueOn(UUID organization, UUID followUp, LocalDate day) {
        transactions.executeWithoutResult(status -> {
            OrganizationScope.enter(jdbc, organization);
            jdbc.sql("UPDATE case_follow_up SET due_on = ? WHERE organization_id = ? AND id = ?")
                    .params(day, organization, followUp)
                    .update();
        });
    }

    private int remindedTasks(UUID organization, UUID caseId) {
        return transactions.execute(status -> {
            OrganizationScope.enter(jdbc, organization);
            return jdbc.sql("SELECT count(*) FROM case_task WHERE organization_id = ? AND case_id = ?"
                            + " AND reminded_at IS NOT NULL")
                    .params(organization, caseId)
                    .query(Integer.class)
                    .single();
        });
    }

    private static Set<String> recipients(MimeMessage message) {
        try {
            return Set.of(
                    GreenMailUtil.getAddressList(message.getAllRecipients()).split(",\\s*"));
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
