package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.haven.HavenTest;
import org.haven.cases.files.Samples;
import org.haven.identity.ApiClient;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Cases over HTTP: status codes, headers and problem details a client relies on. */
@HavenTest
class CasesApiTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    ApiClient api;
    IdentityFixtures identity;
    String caseworker;
    String stranger;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        identity = new IdentityFixtures(context);
        UUID organization = identity.organization("Cases API");
        caseworker = identity.token(identity.person(organization, Role.CASEWORKER));
        stranger = identity.token(identity.person(identity.organization("Elsewhere"), Role.CASEWORKER));
    }

    static String newCase(String name, boolean anyway) {
        return """
                {"person": {"name": "%s", "nameKhmer": "ស្រីនិច", "sex": "FEMALE", "estimatedAge": 13,
                            "province": "KH-17", "phone": "+855 97 555 0101"},
                 "details": {"exploitationTypes": ["SexualExploitation"], "sexualExploitation": ["Prostitution"],
                             "meansOfControl": ["DebtBondage", "PsychoactiveSubstances"], "summary": "Found at a bar"},
                 "createAnyway": %s}
                """.formatted(name, anyway);
    }

    JsonNode created(String name) {
        HttpResponse<String> response = api.post("/api/v1/cases", caseworker, newCase(name, true));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    @Test
    void openingACaseAnswersWithItsLocationAndVersion() {
        HttpResponse<String> response = api.post("/api/v1/cases", caseworker, newCase("Sreynich Touch", true));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = JSON.readTree(response.body());
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/api/v1/cases/" + body.get("id").asString());
        assertThat(response.headers().firstValue("ETag")).hasValue("\"0\"");
        assertThat(body.get("stage").asString()).isEqualTo("IDENTIFIED");
        assertThat(body.get("person").get("name").asString()).isEqualTo("Sreynich Touch");
        assertThat(body.get("meansOfControl").toString()).contains("DebtBondage");
    }

    @Test
    void theOpenApiDescriptionCoversCasesAndTheirSections() {
        JsonNode paths =
                JSON.readTree(api.get("/api/v1/openapi.json", null).body()).get("paths");

        assertThat(paths.get("/api/v1/cases").has("post")).isTrue();
        assertThat(paths.get("/api/v1/cases").has("get")).isTrue();
        assertThat(paths.get("/api/v1/cases/{id}").has("patch")).isTrue();
        for (String section : new String[] {
            "consents", "assessments", "plan", "notes", "follow-ups", "timeline", "attachments", "summary.pdf"
        }) {
            assertThat(paths.has("/api/v1/cases/{id}/" + section)).as(section).isTrue();
        }
    }

    @Test
    void anAnswerThatFitsTheBufferGoesOutWholeWithItsLengthAndItsSecurityHeaders() {
        String id = created("Kolab Mean").get("id").asString();

        HttpResponse<String> changed =
                api.patch("/api/v1/cases/" + id, caseworker, "{\"riskLevel\": \"HIGH\"}", "\"0\"");

        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("Transfer-Encoding")).isEmpty();
        assertThat(changed.headers().firstValueAsLong("Content-Length"))
                .hasValue(changed.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(changed.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(changed.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(changed.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        // Longer than the buffer: sent in chunks as it fills, and whole.
        String[] levels = {"LOW", "HIGH"};
        for (int version = 1; version <= 40; version++) {
            String change = "{\"riskLevel\": \"" + levels[(version + 1) % 2] + "\"}";
            assertThat(api.patch("/api/v1/cases/" + id, caseworker, change, "\"" + version + "\"")
                            .statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> timeline = api.get("/api/v1/cases/" + id + "/timeline", caseworker);
        assertThat(timeline.statusCode()).isEqualTo(200);
        assertThat(timeline.body().length()).isGreaterThan(8 * 1024);
        assertThat(timeline.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(JSON.readTree(timeline.body()).size()).isGreaterThan(80);
    }

    @Test
    void aPossibleDuplicateIsShownBeforeCreating() {
        created("Sreyneang Phal");

        HttpResponse<String> response = api.post("/api/v1/cases", caseworker, newCase("Srey Neang Phal", false));

        assertThat(response.statusCode()).isEqualTo(409);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo("case.duplicates.found");
        assertThat(problem.get("matches").get(0).get("name").asString()).isEqualTo("Sreyneang Phal");
    }

    @Test
    void aStaleUpdateIsRefusedWith412AndAMissingVersionWith428() {
        String id = created("Chanda Ouk").get("id").asString();
        String change = "{\"riskLevel\": \"HIGH\"}";

        assertThat(api.patch("/api/v1/cases/" + id, caseworker, change, "\"0\"").statusCode())
                .isEqualTo(200);
        HttpResponse<String> stale = api.patch("/api/v1/cases/" + id, caseworker, "{\"riskLevel\": \"LOW\"}", "\"0\"");
        assertThat(stale.statusCode()).isEqualTo(412);
        assertThat(stale.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(api.patch("/api/v1/cases/" + id, caseworker, change, null).statusCode())
                .isEqualTo(428);
        assertThat(JSON.readTree(api.get("/api/v1/cases/" + id, caseworker).body())
                        .get("riskLevel")
                        .asString())
                .isEqualTo("HIGH");
    }

    @Test
    void fuzzySearchFindsTheChildByAnotherSpelling() {
        String id = created("Sreyroth Kim").get("id").asString();

        HttpResponse<String> found =
                api.get("/api/v1/cases?query=" + URLEncoder.encode("srey rot", StandardCharsets.UTF_8), caseworker);

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.body()).contains(id);
    }

    @Test
    void invalidCodesAreRefusedWithAClearMessageAndChangeNothing() {
        String id = created("Sophy Chan").get("id").asString();

        HttpResponse<String> refused = api.patch(
                "/api/v1/cases/" + id, caseworker, "{\"details\": {\"meansOfControl\": [\"Magic\"]}}", "\"0\"");

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("detail").asString()).contains("Means of control");
        assertThat(api.get("/api/v1/cases/" + id, caseworker).headers().firstValue("ETag"))
                .hasValue("\"0\"");
    }

    @Test
    void anotherOrganizationCannotReachTheCaseByAnyUrl() {
        String id = created("Leakhena Sam").get("id").asString();
        HttpResponse<String> attached = api.upload(
                "/api/v1/cases/" + id + "/attachments",
                caseworker,
                Map.of("kind", "MEDICAL"),
                "letter.txt",
                "Clinic letter".getBytes(StandardCharsets.UTF_8));
        String attachment = JSON.readTree(attached.body()).get("id").asString();

        for (String section : new String[] {
            "",
            "/consents",
            "/assessments",
            "/plan",
            "/notes",
            "/follow-ups",
            "/flags",
            "/tasks",
            "/timeline",
            "/relations",
            "/attachments",
            "/attachments/" + attachment
        }) {
            HttpResponse<String> response = api.get("/api/v1/cases/" + id + section, stranger);
            assertThat(response.statusCode()).as(section).isEqualTo(404);
            assertThat(response.body()).as(section).doesNotContain("Leakhena");
        }
        assertThat(api.patch("/api/v1/cases/" + id, stranger, "{\"riskLevel\": \"LOW\"}", "\"0\"")
                        .statusCode())
                .isEqualTo(404);
        assertThat(api.get("/api/v1/cases?query=Leakhena", stranger).body()).doesNotContain(id);
    }

    @Test
    void photosLoseTheirLocationAndDownloadOnlyAsAttachments() {
        String id = created("Bopha Lim").get("id").asString();
        byte[] photo = Samples.afterApp0(Samples.jpeg(), Samples.exifApp1());

        HttpResponse<String> uploaded = api.upload(
                "/api/v1/cases/" + id + "/attachments",
                caseworker,
                Map.of("kind", "PHOTO"),
                "../../IMG_0001.jpg",
                photo);
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        String attachment = JSON.readTree(uploaded.body()).get("id").asString();

        HttpResponse<byte[]> download = api.download("/api/v1/cases/" + id + "/attachments/" + attachment, caseworker);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(download.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d)
                        .startsWith("attachment")
                        .contains("IMG_0001.jpg")
                        .doesNotContain(".."));
        assertThat(new String(download.body(), StandardCharsets.ISO_8859_1)).doesNotContain(Samples.SERIAL);
        assertThat(download.body().length).isLessThan(photo.length);
    }

    @Test
    void aFileThatIsNotWhatItsNameSaysIsRefused() {
        String id = created("Kolab Nou").get("id").asString();
        byte[] page = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> refused = api.upload(
                "/api/v1/cases/" + id + "/attachments", caseworker, Map.of("kind", "PHOTO"), "cat.jpg", page);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(refused.body()).get("code").asString()).startsWith("attachment.refused.");
        assertThat(api.get("/api/v1/cases/" + id + "/attachments", caseworker).body())
                .isEqualTo("[]");
    }
}
