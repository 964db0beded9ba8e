package org.haven.cases.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class FileNamesTests {

    @Test
    void pathTraversalKeepsOnlyTheLastPart() {
        assertThat(FileNames.safe("../../etc/passwd", FileType.TEXT)).isEqualTo("passwd.txt");
        assertThat(FileNames.safe("..\\..\\Windows\\win.ini", FileType.TEXT)).isEqualTo("win.txt");
        assertThat(FileNames.safe("C:\\Users\\staff\\Desktop\\consent.pdf", FileType.PDF))
                .isEqualTo("consent.pdf");
    }

    @Test
    void khmerNameIsKeptWithItsVowelSignsAndSubscripts() {
        assertThat(FileNames.safe("លិខិតយល់ព្រម ២០២៦.pdf", FileType.PDF)).isEqualTo("លិខិតយល់ព្រម ២០២៦.pdf");
    }

    @ParameterizedTest
    @CsvSource({
        "scan.JPG, JPEG, scan.jpg",
        "scan.jpeg, JPEG, scan.jpg",
        "letter.pdf.exe, PDF, letter.pdf.pdf",
        "photo.png, PDF, photo.pdf",
        "notes, TEXT, notes.txt",
        "medical report (final).docx, PDF, medical report final.pdf",
        "Émilie   Dupont.png, PNG, Émilie Dupont.png"
    })
    void detectedExtensionIsForced(String claimed, FileType type, String safe) {
        assertThat(FileNames.safe(claimed, type)).isEqualTo(safe);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"..", "../", ".pdf", "<>:\"|?*.jpg", "CON.pdf", "nul", "   ", "\u202E\u0000"})
    void unusableNamesFallBackToAttachment(String claimed) {
        assertThat(FileNames.safe(claimed, FileType.PDF)).isEqualTo("attachment.pdf");
    }

    @Test
    void controlAndBidiCharactersAreRemoved() {
        assertThat(FileNames.safe("invoice\u202Egpj.exe\r\nX-Injected: 1.pdf", FileType.PDF))
                .isEqualTo("invoicegpj.exe X-Injected 1.pdf");
    }

    @Test
    void hiddenAndOptionLikeNamesLoseTheirLeadingDotsAndDashes() {
        assertThat(FileNames.safe(".profile.txt", FileType.TEXT)).isEqualTo("profile.txt");
        assertThat(FileNames.safe("--help.txt", FileType.TEXT)).isEqualTo("help.txt");
        assertThat(FileNames.safe("report. . .pdf", FileType.PDF)).isEqualTo("report.pdf");
    }

    @Test
    void longNamesAreCutAtAWholeCharacter() {
        String latin = FileNames.safe("a".repeat(300) + ".pdf", FileType.PDF);
        String khmer = FileNames.safe("ព្រម".repeat(100) + ".pdf", FileType.PDF);

        assertThat(latin).hasSize(FileNames.MAX_CHARS).endsWith("a.pdf");
        assertThat(khmer.length()).isLessThanOrEqualTo(FileNames.MAX_CHARS);
        assertThat(khmer.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(FileNames.MAX_UTF8_BYTES);
        assertThat(khmer).startsWith("ព្រម").endsWith("ម.pdf");
    }

    @Test
    void inspectionGivesTheSafeName() {
        assertThat(new Uploads().inspect(Samples.png(), "../../etc/passwd").fileName())
                .isEqualTo("passwd.png");
    }
}
