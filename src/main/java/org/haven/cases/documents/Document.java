package org.haven.cases.documents;

import java.util.List;
import java.util.Objects;

/**
 * A printable document, already localized by the caller: every text is shown as given (Khmer or Latin
 * script), nothing is translated, formatted or escaped here.
 *
 * @param metadataTitle the title stored in the file's metadata, which file browsers, viewer tabs and
 *     search indexes show without opening the file: it must be neutral (for example "Case summary") and
 *     never name or identify the child
 * @param title the heading printed on the first page
 * @param subtitle the line under the title, typically "generated at … by …"
 * @param confidentialBanner the confidentiality notice printed on every page
 * @param sections the body, in order
 */
public record Document(
        String metadataTitle, String title, String subtitle, String confidentialBanner, List<Section> sections) {

    public Document {
        Objects.requireNonNull(metadataTitle, "metadataTitle");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(subtitle, "subtitle");
        Objects.requireNonNull(confidentialBanner, "confidentialBanner");
        sections = List.copyOf(sections);
    }

    /** A headed part of the document; its blocks are label/value rows and paragraphs, in order. */
    public record Section(String heading, List<Block> blocks) {

        public Section {
            Objects.requireNonNull(heading, "heading");
            blocks = List.copyOf(blocks);
        }
    }

    /** One element of a section: a {@link Row} or a {@link Paragraph}. */
    public sealed interface Block permits Row, Paragraph {}

    /** A label and its value, printed side by side (an empty value is the empty string). */
    public record Row(String label, String value) implements Block {

        public Row {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(value, "value");
        }
    }

    /** Running text, left-aligned and wrapped to the page width. */
    public record Paragraph(String text) implements Block {

        public Paragraph {
            Objects.requireNonNull(text, "text");
        }
    }
}
