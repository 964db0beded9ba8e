package org.haven.cases.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentTests {

    @Test
    void documentIsAnImmutableSnapshotOfWhatTheCallerPassed() {
        List<Document.Block> blocks = new ArrayList<>(List.of(new Document.Row("Name", "ស្រីមុំ ចាន់")));
        List<Document.Section> sections = new ArrayList<>(List.of(new Document.Section("Identity", blocks)));
        Document document = new Document("Case summary", "Title", "Generated", "Confidential", sections);

        blocks.add(new Document.Paragraph("added later"));
        sections.clear();

        assertThat(document.sections()).hasSize(1);
        assertThat(document.sections().get(0).blocks()).containsExactly(new Document.Row("Name", "ស្រីមុំ ចាន់"));
        assertThatThrownBy(() -> document.sections().add(new Document.Section("x", List.of())))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void missingTextsAreRefused() {
        assertThatThrownBy(() -> new Document(null, "Title", "Generated", "Confidential", List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("metadataTitle");
        assertThatThrownBy(() -> new Document.Row("Name", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Document.Paragraph(null)).isInstanceOf(NullPointerException.class);
    }
}
