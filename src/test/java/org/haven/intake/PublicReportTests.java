package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.haven.HavenTest;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Organizations;
import org.haven.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The public form over HTTP, as a person with no account and no cookies uses it. */
@HavenTest
class PublicReportTests {

    static final String INTAKE = "Public intake (test)";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Reports reports;

    final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    UUID hotline;

    @BeforeEach
    void hotline() {
        Organizations organizations = context.getBean(Organizations.class);
        hotline = organizations
                .find(INTAKE)
                .orElseGet(() -> organizations.create(INTAKE))
                .id();
    }

    HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String field(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    String submit(String what) throws Exception {
        HttpResponse<String> receipt = new ReportForms(port).submit(java.util.Map.of("what", what), java.util.Map.of());
        assertThat(receipt.statusCode()).isEqualTo(200);
        Matcher code = Pattern.compile("id=\"receipt-code\">([0-9A-Z-]{29})<").matcher(receipt.body());
        assertThat(code.find()).as(receipt.body()).isTrue();
        return code.group(1);
    }

    @Test
    void theFormIsServedWithoutCookiesOrScriptsFromElsewhereInTheChosenLanguage() throws Exception {
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report?lang=km"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(page.body())
                .contains("lang=\"km\"", "quick-exit", "no-images")
                .doesNotContain("<script>");
        assertThat(page.body()).doesNotContainPattern("src=\"https?://");
        for (String language : new String[] {"th", "vi", "zh", "en"}) {
            String body = http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report?lang=" + language))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            assertThat(body).as(language).contains("lang=\"" + language + "\"").doesNotContain("??");
        }
    }

    @Test
    void nothingTheFormLoadsSetsACookie() throws Exception {
        for (String path : new String[] {
            "/report",
            "/report/status",
            "/css/haven.css",
            "/js/report.js",
            "/js/report-pow.js",
            "/favicon.ico",
            "/report/nowhere"
        }) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.headers().allValues("Set-Cookie"))
                    .as(path + " " + response.statusCode())
                    .isEmpty();
        }
    }

    @Test
    void aReporterReadsAStaffQuestionWithTheirCodeAndAnswersIt() throws Exception {
        String code = submit("Two girls kept in a room behind the guesthouse");
        UUID report = context.getBean(JdbcClient.class)
                .sql("SELECT report_id FROM report_receipt WHERE handle = ?")
                .param(code.replace("-", "").substring(0, 8))
                .query(UUID.class)
                .single();
        CurrentUser triage = new IdentityFixtures(context).actor(hotline, Role.TRIAGE_OFFICER);
        reports.ask(triage, report, "Which guesthouse, and which street?");

        HttpResponse<String> status =
                post("/report/status", field("lang", "en") + "&" + field("code", code.toLowerCase()));
        assertThat(status.body()).contains("Which guesthouse, and which street?", "Being looked at.");

        HttpResponse<String> answered = post(
                "/report/status/reply",
                field("lang", "en") + "&" + field("code", code) + "&" + field("message", "Golden Star, street 136"));
        assertThat(answered.body()).contains("Your message was sent.", "Golden Star, street 136");
        assertThat(reports.conversation(triage, report))
                .extracting(Reports.Message::body)
                .containsExactly("Which guesthouse, and which street?", "Golden Star, street 136");
    }

    UUID reportOf(String code) {
        return context.getBean(JdbcClient.class)
                .sql("SELECT report_id FROM report_receipt WHERE handle = ?")
                .param(code.replace("-", "").substring(0, 8))
                .query(UUID.class)
                .single();
    }

    static String receipt(HttpResponse<String> page) {
        Matcher code = Pattern.compile("id=\"receipt-code\">([0-9A-Z-]{29})<").matcher(page.body());
        assertThat(code.find()).as(page.body()).isTrue();
        return code.group(1);
    }

    @Test
    void aDistrictIsOneOfTheChosenProvinceOrLeftOut() throws Exception {
        ReportForms forms = new ReportForms(port);
        String what = "Boys selling flowers late at night for a man who takes the money";
        for (String wrong : new String[] {"1707", "9999", "Puok district"}) {
            HttpResponse<String> refused = forms.submit(
                    java.util.Map.of("what", what, "province", "KH-12", "district", wrong), java.util.Map.of());
            assertThat(refused.statusCode()).isEqualTo(200);
            assertThat(refused.body())
                    .as(wrong)
                    .contains("that is in the province you chose", "href=\"#district\"", what)
                    .doesNotContain("receipt-code");
        }
        assertThat(forms.submit(java.util.Map.of("what", what, "district", "Puok district"), java.util.Map.of())
                        .body())
                .as("text typed before there was a list is shown as text")
                .contains("Given as text: Puok district", "aria-describedby=\"district-typed\"");
        HttpResponse<String> kept = forms.submit(
                java.util.Map.of("what", what, "province", "KH-12", "district", "1707"), java.util.Map.of());
        assertThat(kept.body()).as("the choice is kept to correct").containsPattern("value=\"1707\"\\s+selected");

        CurrentUser officer = new IdentityFixtures(context).actor(hotline, Role.TRIAGE_OFFICER);
        Triage triage = context.getBean(Triage.class);
        String none = receipt(
                forms.submit(java.util.Map.of("what", what, "province", "KH-12", "district", ""), java.util.Map.of()));
        assertThat(triage.read(officer, reportOf(none)).row().district()).isNull();
        String inPhnomPenh = receipt(forms.submit(
                java.util.Map.of("what", what, "province", "KH-12", "district", "1201"), java.util.Map.of()));
        assertThat(triage.read(officer, reportOf(inPhnomPenh)).row().district()).isEqualTo("1201");
        String provinceFromDistrict =
                receipt(forms.submit(java.util.Map.of("what", what, "district", "1707"), java.util.Map.of()));
        Triage.Row puok = triage.read(officer, reportOf(provinceFromDistrict)).row();
        assertThat(puok.province()).isEqualTo("KH-17");
        assertThat(puok.district()).isEqualTo("1707");
    }

    @Test
    void theFormListsDistrictsByProvinceInThePagesLanguage() throws Exception {
        String khmer = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report?lang=km"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(khmer)
                .contains("<optgroup label=\"ភ្នំពេញ\" data-province=\"KH-12\">", ">ចំការមន</option>")
                .contains("data-district-of=\"province\"", "/js/district.js");
        String thai = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/report?lang=th"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(thai).contains(">Chamkar Mon</option>").doesNotContain(">ចំការមន</option>");
    }

    @Test
    void aWrongCodeFindsNothingAndSaysSo() throws Exception {
        String code = submit("A man offering children to tourists near the river");
        String wrong = code.substring(0, code.length() - 1) + (code.endsWith("2") ? "3" : "2");

        HttpResponse<String> status = post("/report/status", field("lang", "en") + "&" + field("code", wrong));

        assertThat(status.body()).contains("We found no report with this code").doesNotContain("tourists");
    }

    @Test
    void aFormSentAtOnceWithoutItsWorkIsHeldBackAndKeepsWhatWasTyped() throws Exception {
        ReportForms forms = new ReportForms(port);
        java.util.Map<String, String> fields = forms.hidden();
        fields.put("what", "Boys begging for a man at the night market");

        HttpResponse<String> held = forms.post("/report", fields, java.util.Map.of());

        assertThat(held.body())
                .contains("check your answers, then send again", "Boys begging for a man")
                .doesNotContain("receipt-code");
        fields.put("pow-solution", ReportForms.solve(fields.get("pow-challenge")));
        assertThat(forms.post("/report", fields, java.util.Map.of()).body()).contains("receipt-code");
        assertThat(forms.post("/report", fields, java.util.Map.of()).body())
                .as("a solved challenge counts once")
                .doesNotContain("receipt-code");
    }

    @Test
    void aReportWithoutWhatWasSeenIsRefusedAndKeepsWhatWasTyped() throws Exception {
        HttpResponse<String> refused =
                post("/report", field("lang", "en") + "&" + field("what", " ") + "&" + field("place", "Street 51"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Tell us what you saw", "Street 51").doesNotContain("receipt-code");
    }

    @Test
    void receiptCodesAreHardToGuessAndForgiveHowTheyAreTyped() {
        ReceiptCodes.Code code = ReceiptCodes.next();
        String hash = ReceiptCodes.hash(code);

        assertThat(code.shown()).matches("([2-9A-HJKMNP-Z]{4}-){5}[2-9A-HJKMNP-Z]{4}");
        assertThat(hash).startsWith("sha256$").doesNotContain(code.secret());
        assertThat(ReceiptCodes.hash(code)).as("salted").isNotEqualTo(hash);
        assertThat(ReceiptCodes.matches(
                        ReceiptCodes.parse(" " + code.shown().toLowerCase() + " ")
                                .orElseThrow(),
                        hash))
                .isTrue();
        assertThat(ReceiptCodes.matches(ReceiptCodes.next(), hash)).isFalse();
        String tampered = hash.substring(0, hash.length() - 2) + (hash.endsWith("AA") ? "BB" : "AA");
        assertThat(ReceiptCodes.matches(code, tampered)).isFalse();
        assertThat(ReceiptCodes.matches(code, "sha256$not-base64$!")).isFalse();
        assertThat(ReceiptCodes.parse("not a code")).isEmpty();
        assertThat(ReceiptCodes.next().shown()).isNotEqualTo(code.shown());
    }

    @Test
    void receiptCodesHashedWithArgon2idBeforeDecision34StillOpenTheirReports() {
        ReceiptCodes.Code code = ReceiptCodes.next();
        String earlier = new org.springframework.security.crypto.argon2.Argon2PasswordEncoder(16, 32, 1, 1024, 1)
                .encode(code.secret());

        assertThat(ReceiptCodes.matches(code, earlier)).isTrue();
        assertThat(ReceiptCodes.matches(ReceiptCodes.next(), earlier)).isFalse();
    }
}
