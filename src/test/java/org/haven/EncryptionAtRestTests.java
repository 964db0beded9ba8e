package org.haven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.haven.audit.AuditSealer;
import org.haven.identity.ApiClient;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Someone who steals a backup learns nothing: a real {@code pg_dump} of an installation where people
 * were registered, searched for and changed holds none of their names, birth dates, phone numbers or
 * narratives — not as text, not hex-encoded — and neither do the audit trail's search terms and change
 * history. Runs against Debian's PostgreSQL, whose pg_dump the embedded server's version would refuse;
 * this also shows Haven works on an older external PostgreSQL.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "logging.level.root=INFO",
            "logging.level.org.springframework.web=DEBUG",
            "haven.intake.organization=" + EncryptionAtRestTests.HOTLINE
        })
@ActiveProfiles("test")
@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class EncryptionAtRestTests {

    static final String HOTLINE = "At rest hotline";

    static final DebianPostgres SERVER = DebianPostgres.start();

    @DynamicPropertySource
    static void external(DynamicPropertyRegistry registry) throws IOException {
        String home = Files.createTempDirectory("haven-at-rest").toString();
        registry.add("haven.home", () -> home);
        registry.add("haven.database.url", SERVER::url);
        registry.add("haven.database.user", () -> DebianPostgres.USER);
        registry.add("haven.database.password", () -> "");
    }

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    AuditSealer sealer;

    @Test
    void aDumpHoldsNoPersonalDataInAnyForm() {
        IdentityFixtures fixtures = new IdentityFixtures(context);
        UUID organization = fixtures.organization("At rest");
        String token = fixtures.token(fixtures.person(organization, Role.SUPERVISOR));
        ApiClient api = new ApiClient(port);

        HttpResponse<String> created = api.post("/api/v1/people", token, """
                {"name": "Sreymom Chanthavy", "nameKhmer": "ស្រីមុំ ចាន់ថាវី", "aliases": ["Mommy Rose"],
                 "sex": "FEMALE", "birthDate": "2011-03-14", "phone": "+855 12 987 654",
                 "narrative": "Found at a karaoke bar near Psar Thmei by an outreach worker"}
                """);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*\"id\":\"([0-9a-f-]{36})\".*", "$1");
        assertThat(api.get("/api/v1/people?q=Srey%20Mom", token).body()).contains(id);
        assertThat(api.patch("/api/v1/people/" + id, token, "{\"phone\": \"+855 97 111 2233\"}", "\"0\"")
                        .statusCode())
                .isEqualTo(200);
        sealer.seal();

        String dump = SERVER.dump();

        assertThat(dump).as("the dump has the data").contains(id).contains("COPY public.person ");
        for (String secret : List.of(
                "Sreymom",
                "Chanthavy",
                "ស្រីមុំ",
                "ចាន់ថាវី",
                "Mommy Rose",
                "2011-03-14",
                "12 987 654",
                "12987654",
                "97 111 2233",
                "karaoke",
                "Psar Thmei",
                "Srey Mom")) {
            assertThat(dump).as("plain " + secret).doesNotContain(secret);
            assertThat(dump).as("hex-encoded " + secret).doesNotContain(hex(secret));
        }
    }

    @Test
    void aDumpHoldsNoPartOfACaseInPlaintext() {
        IdentityFixtures fixtures = new IdentityFixtures(context);
        UUID organization = fixtures.organization("Case at rest");
        String token = fixtures.token(fixtures.person(organization, Role.SUPERVISOR));
        ApiClient api = new ApiClient(port);

        HttpResponse<String> created = api.post("/api/v1/cases", token, """
                {"person": {"name": "Kunthea Vireakboth", "nameKhmer": "គន្ធា វីរៈបុត្រ", "phone": "+855 88 765 4321",
                            "address": "Boeung Kak lakeside house 77", "estimatedAge": 15},
                 "details": {"summary": "Sold by an aunt to a guesthouse owner", "exploitationPlaces": "Golden Lotus guesthouse"},
                 "createAnyway": true}
                """);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll("(?s)^\\{\"id\":\"([0-9a-f-]{36})\".*", "$1");
        String base = "/api/v1/cases/" + id;
        for (String[] section : new String[][] {
            {
                "/consents",
                "{\"purpose\": \"SHARING\", \"sharedWith\": \"Sunrise Shelter Battambang\", \"givenBy\": \"GUARDIAN\","
                        + " \"giverName\": \"Grandmother Yiey Sophal\", \"method\": \"VERBAL_WITH_WITNESS\","
                        + " \"witness\": \"Teacher Dara Mean\", \"givenOn\": \"2026-01-05\"}"
            },
            {"/notes", "{\"kind\": \"HOME_VISIT\", \"happenedOn\": \"2026-01-06\", \"body\": \"Uncle smells of yaba\"}"
            },
            {
                "/relations",
                "{\"relationship\": \"GRANDPARENT\", \"guardian\": true, \"name\": \"Yiey Sophal Keo\","
                        + " \"phone\": \"+855 77 246 8101\"}"
            },
            {"/flags", "{\"kind\": \"SAFETY_CONCERN\", \"reason\": \"Guesthouse owner called the school\"}"},
            {"/tasks", "{\"title\": \"Visit Wat Phnom clinic with Kunthea\", \"dueOn\": \"2026-12-24\"}"},
            {"/plan/goals", "{\"need\": \"HEALTH\", \"description\": \"Finish hepatitis treatment\"}"}
        }) {
            HttpResponse<String> response = api.post(base + section[0], token, section[1]);
            assertThat(response.statusCode())
                    .as(section[0] + " " + response.body())
                    .isEqualTo(201);
        }
        assertThat(api.upload(
                                base + "/attachments",
                                token,
                                java.util.Map.of("kind", "MEDICAL"),
                                "hepatitis-letter.txt",
                                "Letter from Doctor Rithy Sam".getBytes(StandardCharsets.UTF_8))
                        .statusCode())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/cases?query=Vireakboth", token).body()).contains(id);
        sealer.seal();

        String dump = SERVER.dump();

        assertThat(dump).as("the dump has the case").contains(id).contains("COPY public.case_file ");
        for (String secret : List.of(
                "Kunthea",
                "Vireakboth",
                "គន្ធា",
                "765 4321",
                "7654321",
                "Boeung Kak",
                "Sold by an aunt",
                "Golden Lotus",
                "Sunrise Shelter",
                "Yiey Sophal",
                "Dara Mean",
                "yaba",
                "246 8101",
                "2468101",
                "Guesthouse owner called",
                "Wat Phnom",
                "hepatitis",
                "Rithy Sam")) {
            assertThat(dump).as("plain " + secret).doesNotContain(secret);
            assertThat(dump).as("hex-encoded " + secret).doesNotContain(hex(secret));
        }
    }

    /**
     * Nothing of the person who reports stays behind: their user agent, their address (as a proxy
     * forwards it) and the exact minute are in no log and no dump; the report's words are not in plain.
     */
    @Test
    void aPublicReportLeavesNoTraceOfItsSenderAndNoPlainText(org.springframework.boot.test.system.CapturedOutput output)
            throws Exception {
        context.getBean(org.haven.identity.Organizations.class)
                .find(HOTLINE)
                .orElseGet(() ->
                        context.getBean(org.haven.identity.Organizations.class).create(HOTLINE));
        // A triage officer to be alerted of the child in danger.
        new org.haven.identity.IdentityFixtures(context)
                .person(
                        context.getBean(org.haven.identity.Organizations.class)
                                .find(HOTLINE)
                                .orElseThrow()
                                .id(),
                        org.haven.identity.Role.TRIAGE_OFFICER);
        String agent = "HavenAnonymityProbe/7.3 (Distinctive Phone; rv:9911)";
        String address = "203.0.113.77";
        java.net.http.HttpResponse<String> sent = new org.haven.intake.ReportForms(port)
                .submit(
                        java.util.Map.of(
                                "lang", "km",
                                "what", "Girl about 12 sold at Sunflower karaoke",
                                "place", "Behind Orussey market",
                                "phones", "+855 16 909 808",
                                "dangerNow", "true"),
                        java.util.Map.of("User-Agent", agent, "X-Forwarded-For", address));
        assertThat(sent.statusCode()).isEqualTo(200);
        assertThat(sent.body()).contains("receipt-code");
        assertThat(sent.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(sent.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        // Triage's incident about the place: its name, address, summary and perpetrator are encrypted too.
        java.util.UUID hotline = context.getBean(org.haven.identity.Organizations.class)
                .find(HOTLINE)
                .orElseThrow()
                .id();
        org.haven.identity.CurrentUser officer =
                new org.haven.identity.IdentityFixtures(context).actor(hotline, org.haven.identity.Role.TRIAGE_OFFICER);
        org.haven.intake.Incidents incidents = context.getBean(org.haven.intake.Incidents.class);
        org.haven.intake.Incidents.Incident incident = incidents.open(
                officer,
                new org.haven.intake.IncidentInput(
                        "Moonflower Lounge",
                        "Corner of Street 63 and Street 294",
                        "11.5501, 104.9243",
                        "KH-12",
                        null,
                        "KH",
                        List.of("SexualExploitation"),
                        null,
                        null,
                        "Girls brought in by tuk-tuk after midnight",
                        "OPEN",
                        List.of()));
        incidents.addPerpetrator(
                officer,
                incident.id(),
                new org.haven.intake.PerpetratorInput(
                        "Vietnamese",
                        "Big Brother Vannak",
                        "+855 16 909 808",
                        "@moonflower_boss",
                        "Camry 2A-4431",
                        "Tall, tattoo of a tiger on the left arm"));
        sealer.seal();

        String dump = SERVER.dump();

        assertThat(dump).contains("COPY public.report ");
        for (String trace : List.of(
                agent,
                "HavenAnonymityProbe",
                address,
                "Sunflower",
                "Orussey",
                "16 909 808",
                "16909808",
                "Moonflower",
                "Street 63",
                "104.9243",
                "tuk-tuk after midnight",
                "Vannak",
                "moonflower_boss",
                "2A-4431",
                "tiger on the left arm")) {
            assertThat(dump).as("dump: " + trace).doesNotContain(trace).doesNotContain(hex(trace));
            assertThat(output.getAll()).as("log: " + trace).doesNotContain(trace);
        }
        // The owner's connection: row-level security hides reports from a query without an organization.
        java.sql.Timestamp hour = org.springframework.jdbc.core.simple.JdbcClient.create(
                        context.getBean("ownerDataSource", javax.sql.DataSource.class))
                .sql("SELECT max(received_hour) FROM report")
                .query(java.sql.Timestamp.class)
                .single();
        assertThat(hour.toInstant().getEpochSecond() % 3600)
                .as("only the hour is kept")
                .isZero();
        // Nor does anything written at the same moment: the triage alert and the spent form token.
        org.springframework.jdbc.core.simple.JdbcClient owner = org.springframework.jdbc.core.simple.JdbcClient.create(
                context.getBean("ownerDataSource", javax.sql.DataSource.class));
        assertThat(owner.sql("SELECT count(*) FROM case_alert WHERE kind = 'REPORT_URGENT'"
                                + " AND (extract(epoch FROM created_at)::bigint % 3600 <> 0"
                                + " OR extract(epoch FROM created_at) <> floor(extract(epoch FROM created_at)))")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(owner.sql("SELECT count(*) FROM case_alert WHERE kind = 'REPORT_URGENT'")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(owner.sql("SELECT count(*) FROM spent_token")
                        .query(Long.class)
                        .single())
                .isPositive();
        assertThat(owner.sql("SELECT count(*) FROM spent_token WHERE extract(epoch FROM expires_at) % 3600 <> 0")
                        .query(Long.class)
                        .single())
                .isZero();
    }

    private static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }
}
