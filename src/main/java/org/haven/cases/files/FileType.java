package org.haven.cases.files;

/**
 * The closed list of attachment types Haven accepts, each with the media type to serve it under and
 * the extension its download name always carries. Anything else is refused.
 *
 * <p>Deliberately absent: HTML, SVG and XML (they can carry script); office documents such as DOCX
 * (ZIP containers with macros, external links and decompression bombs — ask for a PDF instead);
 * executables and archives.
 */
public enum FileType {
    /** A PDF document, without JavaScript, launch actions or embedded files. */
    PDF("application/pdf", "pdf"),
    /** A baseline or progressive JPEG photo or scan. */
    JPEG("image/jpeg", "jpg"),
    /** A PNG image. */
    PNG("image/png", "png"),
    /** A WebP image (lossy, lossless or extended). */
    WEBP("image/webp", "webp"),
    /** UTF-8 text without NUL or other control characters and without markup. */
    TEXT("text/plain; charset=UTF-8", "txt");

    private final String mediaType;
    private final String extension;

    FileType(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The media type to send as {@code Content-Type} (together with {@code nosniff}). */
    public String mediaType() {
        return mediaType;
    }

    /** The canonical extension, lower case, without the dot. */
    public String extension() {
        return extension;
    }

    /** Whether {@link ImageMetadata#strip} removes metadata from this type. */
    public boolean isImage() {
        return this == JPEG || this == PNG || this == WEBP;
    }
}
