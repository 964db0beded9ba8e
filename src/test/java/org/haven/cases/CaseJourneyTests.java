package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.haven.platform.OrganizationScope;
import org.haven.platform.Refusal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The journey of a case through the services: every rule a caseworker and a supervisor meet. */
@HavenTest
class CaseJourneyTests {

    @Autowired
    ApplicationContext context;

    IdentityFixtures identity;
    CaseFixtures steps;
    UUID organization;
    CurrentUser caseworker;
    CurrentUser supervisor;

    @BeforeEach
    void setUp() {
        identity = new IdentityFixtures(context);
        steps = new CaseFixtures(context);
        organization = identity.organization("Journey");
        UUID team = identity.team(organization);
        caseworker = identity.actor(organization, Role.CASEWORKER, team);
        supervisor = identity.actor(organization, Role.SUPERVISOR, team);
    }

    @Test
    void registeringAChildAlreadyKnownShowsTheMatchFirst() {
        UUID first = steps.open(caseworker, "Sreymom Chan");
        NewCase again = new NewCase(CaseFixtures.child("Srey Mom Chan", null), null, CaseDetails.NONE, false);

        assertThatThrownBy(() -> steps.cases.open(caseworker, again))
                .isInstanceOfSatisfying(PossibleDuplicates.class, refused -> {
                    assertThat(refused.matches()).hasSize(1);
                    assertThat(refused.matches().get(0).caseId()).isEqualTo(first);
                });

        UUID second = steps.cases.open(caseworker, new NewCase(again.person(), null, null, true));
        assertThat(steps.cases.timeline(caseworker, second))
                .extracting(Timeline.Entry::kind)
                .contains("OPENED", "DUPLICATE_WARNING_OVERRIDDEN");
    }

    @Test
    void aMatchOfAnotherAgeIsNotADuplicate() {
        steps.open(caseworker, "Bopha Keo");
        PersonInput older = new PersonInput(
                "Bopha Keo", null, List.of(), "FEMALE", null, null, null, null, 30, null, null, null, null);

        assertThat(steps.cases.likelyMatches(caseworker, older).matches()).isEmpty();
    }

    @Test
    void stagesFollowTheJourneyAndIllegalMovesAreRefused() {
        UUID id = steps.open(caseworker, "Dara Sok");

        assertThatThrownBy(() -> steps.cases.move(caseworker, id, 0, CaseStage.SERVICES, null))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("case.stage.illegal"));
        steps.cases.move(caseworker, id, 0, CaseStage.ASSESSMENT, null);
        assertThatThrownBy(() -> steps.cases.move(caseworker, id, 1, CaseStage.CARE_PLAN, null))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("case.stage.needsAssessment"));
        assertThatThrownBy(() -> steps.cases.move(caseworker, id, 1, CaseStage.CLOSED, null))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("case.stage.closeNeedsApproval"));
    }

    @Test
    void aStaleChangeIsRefused() {
        UUID id = steps.open(caseworker, "Vanna Lim");
        steps.cases.change(caseworker, id, 0, new CaseChange(null, null, "HIGH"));

        assertThatThrownBy(() -> steps.cases.change(caseworker, id, 0, new CaseChange(null, null, "LOW")))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("case.stale"));
        assertThat(steps.cases.view(caseworker, id).riskLevel()).isEqualTo("HIGH");
    }

    @Test
    void aChangeRacingAnotherIsRefusedAndWritesNothingOfItsOwn() {
        UUID id = steps.open(caseworker, "Vanna Lim");
        CaseFiles files = context.getBean(CaseFiles.class);
        Timeline timeline = context.getBean(Timeline.class);
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        TransactionTemplate transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
        CaseFile read = transaction.execute(status -> {
            OrganizationScope.enter(jdbc, organization);
            return files.find(organization, id).orElseThrow();
        });
        // Someone else changes the case after it was read, before it is written.
        steps.cases.change(supervisor, id, 0, new CaseChange(null, null, "HIGH"));
        int entries = steps.cases.timeline(caseworker, id).size();
        read.risk = Vocabulary.RiskLevel.LOW;

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
                    OrganizationScope.enter(jdbc, organization);
                    files.update(
                            read,
                            List.of(timeline.insert(
                                    organization,
                                    id,
                                    caseworker.id(),
                                    List.of(new Timeline.Pending("CHANGED", null, "risk_level")))));
                }))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("case.stale"));
        assertThat(steps.cases.view(caseworker, id).riskLevel()).isEqualTo("HIGH");
        // The timeline entry sent with the refused write was undone with it (reading the timeline adds none).
        assertThat(steps.cases.timeline(caseworker, id)).hasSize(entries);
    }

    @Test
    void aChangeAnswersTheCaseAsSaved() {
        UUID id = steps.open(caseworker, "Vanna Lim");

        CaseView answered = steps.cases.change(caseworker, id, 0, new CaseChange(null, null, "CRITICAL"));

        assertThat(answered.version()).isEqualTo(1);
        assertThat(answered).isEqualTo(steps.cases.view(caseworker, id));
    }

    @Test
    void aChangeAnswersWithThePersonAndPutsTheRiskChangeOnTheTimelineFirst() {
        UUID id = steps.open(caseworker, "Vanna Lim");

        CaseView risky = steps.cases.change(caseworker, id, 0, new CaseChange(null, null, "HIGH"));
        CaseView renamed = steps.cases.change(
                caseworker,
                id,
                1,
                new CaseChange(new PersonInput("Vanna Lim Sok", null, null, null, null, null, null), null, "LOW"));

        assertThat(risky.person().name()).isEqualTo("Vanna Lim");
        assertThat(renamed.person().name()).isEqualTo("Vanna Lim Sok");
        assertThat(steps.cases.view(caseworker, id).person().name()).isEqualTo("Vanna Lim Sok");
        assertThat(steps.cases.timeline(caseworker, id))
                .extracting(Timeline.Entry::kind, Timeline.Entry::detail)
                .endsWith(
                        tuple("RISK_CHANGED", "MEDIUM>HIGH"),
                        tuple("CHANGED", "risk_level"),
                        tuple("RISK_CHANGED", "HIGH>LOW"),
                        tuple("CHANGED", "risk_level,person"));
    }

    @Test
    void assessmentGivesRiskAndNeeds() {
        UUID id = steps.open(caseworker, "Kanha Prak");
        Assessments.Assessment assessment = steps.assess(caseworker, id, 3, 2);

        assertThat(assessment.riskLevel()).isEqualTo("CRITICAL");
        assertThat(assessment.needs()).containsExactly("SAFETY", "HEALTH");
        assertThat(assessment.hivTest()).isEqualTo("PENDING");
        assertThat(steps.cases.view(caseworker, id).riskLevel()).isEqualTo("CRITICAL");
        assertThat(Assessments.risk(CaseFixtures.ratings(1)).name()).isEqualTo("LOW");
        assertThat(Assessments.risk(CaseFixtures.ratings(2)).name()).isEqualTo("HIGH");
    }

    @Test
    void servicesNeedConsentOrASupervisorsWrittenOverride() {
        UUID id = steps.open(caseworker, "Srey Leak");
        steps.approvedPlan(caseworker, supervisor, id);

        assertThatThrownBy(
                        () -> steps.cases.move(caseworker, id, steps.version(caseworker, id), CaseStage.SERVICES, null))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("consent.missing"));
        assertThatThrownBy(() -> steps.cases.move(
                        caseworker, id, steps.version(caseworker, id), CaseStage.SERVICES, "Child in danger tonight"))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("consent.override.supervisor"));

        steps.cases.move(
                supervisor,
                id,
                steps.version(supervisor, id),
                CaseStage.SERVICES,
                "Guardian unreachable, child needs a clinic now");

        assertThat(steps.cases.timeline(caseworker, id))
                .extracting(Timeline.Entry::kind)
                .contains("CONSENT_OVERRIDDEN");
    }

    @Test
    void withdrawnConsentNoLongerCounts() {
        UUID id = steps.open(caseworker, "Nary Chea");
        steps.consentToServices(caseworker, id);
        UUID consent = steps.consents.of(caseworker, id).get(0).id();
        steps.consents.withdraw(caseworker, id, consent, LocalDate.now());

        assertThat(steps.consents.of(caseworker, id).get(0).active()).isFalse();
    }

    @Test
    void reExploitationAtFollowUpReopensTheCaseAndAlertsTheSupervisor() {
        UUID id = steps.open(caseworker, "Chanthy Mao");
        steps.consentToServices(caseworker, id);
        steps.approvedPlan(caseworker, supervisor, id);
        steps.cases.move(caseworker, id, steps.version(caseworker, id), CaseStage.SERVICES, null);
        steps.cases.move(caseworker, id, steps.version(caseworker, id), CaseStage.REINTEGRATION, null);
        steps.cases.move(caseworker, id, steps.version(caseworker, id), CaseStage.FOLLOW_UP, null);
        List<FollowUps.FollowUp> planned = steps.followUps.of(caseworker, id);
        assertThat(planned).extracting(FollowUps.FollowUp::monthsAfter).containsExactly(1, 3, 6, 12, 18, 24);

        steps.followUps.record(
                caseworker,
                id,
                planned.get(0).id(),
                new FollowUps.FollowUpInput(
                        LocalDate.now().toString(),
                        "REACHED",
                        "UNSAFE",
                        "NEITHER",
                        "NEEDS_CARE",
                        "RE_EXPLOITED",
                        "Back at the bar"));

        CaseView reopened = steps.cases.view(caseworker, id);
        assertThat(reopened.stage()).isEqualTo("ASSESSMENT");
        assertThat(reopened.riskLevel()).isEqualTo("CRITICAL");
        assertThat(steps.alerts.unread(supervisor))
                .extracting(Alerts.Alert::kind)
                .contains("CASE_REOPENED");
        assertThat(steps.alerts.unread(caseworker))
                .extracting(Alerts.Alert::kind)
                .contains("CASE_REOPENED");
    }

    @Test
    void closingACaseNeedsSupervisorApproval() {
        UUID id = steps.open(caseworker, "Sophea Ny");
        CaseView requested =
                steps.cases.requestClosure(caseworker, id, 0, "Family reunited and safe, two years of follow-up done");
        assertThatThrownBy(() -> steps.cases.decideClosure(caseworker, id, requested.version(), true))
                .isInstanceOf(Refusal.class);
        assertThat(steps.worklists.team(supervisor).closuresToApprove())
                .extracting(Worklists.Row::id)
                .contains(id);

        CaseView closed = steps.cases.decideClosure(supervisor, id, requested.version(), true);

        assertThat(closed.stage()).isEqualTo("CLOSED");
        assertThat(closed.htcdsStatus()).isEqualTo("Closed");
    }

    @Test
    void aCaseworkerSeesOnlyTheirOwnCasesAndASupervisorTheTeams() {
        UUID mine = steps.open(caseworker, "Rotha Im");
        CurrentUser colleague = identity.actor(organization, Role.CASEWORKER);
        UUID theirs = steps.open(colleague, "Malis Heng");

        assertThatThrownBy(() -> steps.cases.view(caseworker, theirs))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("case.notFound"));
        assertThat(steps.worklists.list(caseworker, new Worklists.Filter(null, null, null, null, false)))
                .extracting(Worklists.Row::id)
                .contains(mine)
                .doesNotContain(theirs);
        assertThat(steps.cases.view(supervisor, mine).reference()).startsWith("C-");
        assertThatThrownBy(() -> steps.cases.view(supervisor, theirs)).isInstanceOf(Refusal.class);
    }

    @Test
    void aChildsPersonRecordIsNoSideDoorIntoACaseOutOfScope() {
        CurrentUser colleague = identity.actor(organization, Role.CASEWORKER);
        UUID theirs = steps.open(colleague, "Sovanna Touch");
        UUID child = steps.cases.view(colleague, theirs).person().id();
        People people = context.getBean(People.class);

        assertThatThrownBy(() -> people.get(caseworker, child))
                .isInstanceOfSatisfying(
                        Refusal.class, r -> assertThat(r.messageKey()).isEqualTo("person.notFound"));
        assertThat(people.search(caseworker, "Sovanna Touch"))
                .extracting(People.Match::id)
                .doesNotContain(child);
        assertThat(people.search(colleague, "Sovanna Touch"))
                .extracting(People.Match::id)
                .contains(child);
    }

    @Test
    void breakGlassOpensOneCaseForALimitedTimeAndAlertsAdministrators() {
        CurrentUser administrator = identity.actor(organization, Role.ORGANIZATION_ADMIN);
        CurrentUser colleague = identity.actor(organization, Role.CASEWORKER);
        UUID theirs = steps.open(colleague, "Pisey Long");
        String reference = steps.cases.view(colleague, theirs).reference();

        steps.breakGlass.open(
                supervisor, new BreakGlass.Request(reference, "Child reported missing tonight, police asking", 30));

        CaseView opened = steps.cases.view(supervisor, theirs);
        assertThat(opened.id()).isEqualTo(theirs);
        assertThat(opened.person().name()).isEqualTo("Pisey Long");
        assertThat(steps.alerts.unread(administrator))
                .extracting(Alerts.Alert::kind)
                .contains("BREAK_GLASS");
        assertThatThrownBy(() -> steps.breakGlass.open(
                        caseworker, new BreakGlass.Request(reference, "Curious about this child now", 30)))
                .isInstanceOf(Refusal.class);
    }

    @Test
    void searchFindsACaseByAnotherSpellingOrItsReference() {
        UUID id = steps.open(caseworker, "Sreypov Chhun");
        String reference = steps.cases.view(caseworker, id).reference();

        assertThat(steps.worklists.list(caseworker, new Worklists.Filter("srey pov", null, null, null, false)))
                .extracting(Worklists.Row::id)
                .contains(id);
        assertThat(steps.worklists.list(
                        caseworker, new Worklists.Filter(reference.toLowerCase(), null, null, null, false)))
                .extracting(Worklists.Row::id)
                .containsExactly(id);
    }
}
