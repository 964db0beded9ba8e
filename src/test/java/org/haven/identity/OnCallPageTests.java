package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;

/**
 * The on-call screen of intake through a signed-in web session, without JavaScript: the fallback is
 * said plainly, a shift is taken and ended with plain forms. Here because the web session helper lives
 * in this package.
 */
class OnCallPageTests extends IdentityTestSupport {

    @Test
    void anOfficerSeesTheFallbackThenGoesOnCallAndEndsTheShift() {
        UUID organization = fixtures.organization("On-call page");
        Person officer = fixtures.person(organization, Role.TRIAGE_OFFICER);
        WebSession web = new WebSession(port);
        web.signIn(officer, null);

        assertThat(web.get("/triage").body()).contains("href=\"/triage/on-call\"");
        HttpResponse<String> page = web.get("/triage/on-call");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Nobody is on call: every triage officer is alerted.");

        HttpResponse<String> taken = web.post("/triage/on-call", Map.of("hours", "3"));
        assertThat(taken.statusCode()).isEqualTo(302);
        page = web.get("/triage/on-call");
        assertThat(page.body())
                .contains("You are on call.", "On call now", "Test TRIAGE_OFFICER")
                .doesNotContain("Nobody is on call");

        String end = page.body().replaceAll("(?s).*action=\"(/triage/on-call/[0-9a-f-]{36}/end)\".*", "$1");
        assertThat(web.post(end, Map.of()).statusCode()).isEqualTo(302);
        assertThat(web.get("/triage/on-call").body()).contains("The shift has ended.", "Nobody is on call");
    }

    @Test
    void aWrongChoiceIsExplainedOnTheSamePage() {
        Person officer = fixtures.person(fixtures.organization("On-call page"), Role.TRIAGE_OFFICER);
        WebSession web = new WebSession(port);
        web.signIn(officer, null);
        web.get("/triage/on-call");

        HttpResponse<String> refused = web.post("/triage/on-call", Map.of("hours", "99"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("error-summary", "Choose from 1 to 24 hours.");
    }

    @Test
    void peopleWhoDoNotTriageCannotOpenTheRoster() {
        Person caseworker = fixtures.person(fixtures.organization("On-call page"), Role.CASEWORKER);
        WebSession web = new WebSession(port);
        web.signIn(caseworker, null);

        assertThat(web.get("/triage/on-call").statusCode()).isEqualTo(403);
    }
}
