package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.haven.identity.IdentityFixtures.Person;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The case documents' screens (in the cases module) through a signed-in web session: the export form
 * without JavaScript, its error summary and password suggestion, the archive download, and the case
 * summary PDF. Here because the web session helper lives in this package.
 */
class DocumentPagesTests extends IdentityTestSupport {

    static final Pattern SUGGESTED = Pattern.compile("([A-HJKMNP-Z2-9]{4}-){5}[A-HJKMNP-Z2-9]{4}");

    @Test
    void aSupervisorExportsFromTheFormWithAPasswordHavenSuggests() {
        UUID organization = fixtures.organization("Export page");
        UUID team = fixtures.team(organization);
        Person caseworker = fixtures.person(organization, Role.CASEWORKER, team);
        Person supervisor = fixtures.person(organization, Role.SUPERVISOR, team);
        String created = new ApiClient(port)
                .post(
                        "/api/v1/cases",
                        fixtures.token(caseworker),
                        "{\"person\": {\"name\": \"Kanha Sok\", \"nameKhmer\": \"កញ្ញា\"}, \"createAnyway\": true}")
                .body();
        String id = JsonMapper.builder().build().readTree(created).get("id").asString();
        WebSession web = new WebSession(port);
        web.signIn(supervisor, null);

        HttpResponse<String> form = web.get("/cases/export");
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body())
                .contains("for=\"password\"", "for=\"confirmation\"", "for=\"query\"", "for=\"format-CSV\"")
                .contains("identifies children")
                .doesNotContain("style=\"", "<script>");

        HttpResponse<String> refused = web.post(
                "/cases/export",
                Map.of(
                        "query", "Kanha",
                        "stage", "IDENTIFIED",
                        "formats", "XLSX",
                        "password", "too short",
                        "confirmation", "too short",
                        "action", "export"));
        assertThat(refused.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(refused.body())
                .contains("class=\"error-summary\"", "href=\"#password\"", "at least 12 characters")
                .contains("value=\"Kanha\"", "value=\"IDENTIFIED\" selected")
                .doesNotContain("value=\"too short\"");

        HttpResponse<String> suggestion =
                web.post("/cases/export", Map.of("query", "Kanha", "formats", "XLSX", "action", "suggest"));
        Matcher suggested = SUGGESTED.matcher(suggestion.body());
        assertThat(suggested.find()).isTrue();
        String password = suggested.group();
        assertThat(suggestion.body()).contains("value=\"" + password + "\"", "value=\"Kanha\"");

        HttpResponse<String> download = web.post(
                "/cases/export",
                Map.of(
                        "query", "Kanha",
                        "formats", "XLSX",
                        "password", password,
                        "confirmation", password,
                        "action", "export"));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains(".zip"));
        assertThat(download.body()).doesNotContain("Kanha");

        HttpResponse<String> pdf = web.get("/cases/" + id + "/summary.pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").doesNotContain("Kanha"));
    }

    @Test
    void caseworkersDoNotGetTheExportPageAndStrangersNoSummary() {
        UUID organization = fixtures.organization("Export page");
        Person caseworker = fixtures.person(organization, Role.CASEWORKER);
        WebSession web = new WebSession(port);
        web.signIn(caseworker, null);

        assertThat(web.get("/cases/export").statusCode()).isEqualTo(403);
        assertThat(web.get("/cases/" + UUID.randomUUID() + "/summary.pdf").statusCode())
                .isEqualTo(404);
    }
}
