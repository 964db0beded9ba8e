package org.haven.cases.files;

import java.io.IOException;
import java.io.InputStream;

/**
 * The gate every attachment passes before it is stored. The type is detected from the bytes alone
 * (magic number and structure); the claimed name only gives a {@linkplain Inspected#fileName() safe
 * download name} and the browser's content type is not consulted at all. Anything not a {@link FileType}
 * is refused with {@link UploadRefused}. Thread-safe and stateless but for the size limit.
 */
public final class Uploads {

    /** 10 MiB. */
    public static final int DEFAULT_MAX_BYTES = 10 * 1024 * 1024;

    private final int maxBytes;

    /** A gate accepting up to {@link #DEFAULT_MAX_BYTES}. */
    public Uploads() {
        this(DEFAULT_MAX_BYTES);
    }

    /** A gate accepting up to {@code maxBytes} per file. */
    public Uploads(int maxBytes) {
        if (maxBytes < 1 || maxBytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("maxBytes must be positive and fit in an array");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Reads an upload, refusing it as {@code TOO_LARGE} as soon as it exceeds the limit, so that an
     * oversized body is never held in memory whole.
     */
    public byte[] read(InputStream in) throws IOException {
        byte[] content = in.readNBytes(maxBytes + 1);
        checkSize(content);
        return content;
    }

    /**
     * Detects the type of {@code content} and names it.
     *
     * @param claimedName the name the uploader's device gave, possibly null, never trusted
     * @throws UploadRefused when the content is empty, too large, of a type not accepted, malformed or
     *     carrying markup or script
     */
    public Inspected inspect(byte[] content, String claimedName) {
        FileType type = detect(content);
        return new Inspected(type, FileNames.safe(claimedName, type), content.length);
    }

    /**
     * {@link #inspect} followed by {@link ImageMetadata#strip}: what the case module stores.
     *
     * @return the inspection and the content to store (images without their metadata)
     */
    public Accepted accept(byte[] content, String claimedName) {
        Inspected inspected = inspect(content, claimedName);
        return new Accepted(inspected, ImageMetadata.strip(content, inspected.type()));
    }

    private FileType detect(byte[] content) {
        checkSize(content);
        FileType type = binaryType(content);
        if (type != null) {
            if (Text.hasMarkupAtStart(content)) {
                throw new UploadRefused(UploadRefused.Reason.ACTIVE_CONTENT, "markup in a binary file");
            }
            return type;
        }
        String text = Text.decode(content);
        if (text == null) {
            throw new UploadRefused(UploadRefused.Reason.TYPE_NOT_ALLOWED, "not an accepted type");
        }
        if (Text.isMarkup(text)) {
            throw new UploadRefused(UploadRefused.Reason.ACTIVE_CONTENT, "markup");
        }
        return FileType.TEXT;
    }

    /** The type announced by the magic number, after checking the structure matches it; null if none. */
    private static FileType binaryType(byte[] b) {
        if (Pdf.looksLike(b)) {
            Pdf.check(b);
            return FileType.PDF;
        }
        if (Jpeg.looksLike(b)) {
            Jpeg.parse(b);
            return FileType.JPEG;
        }
        if (Png.looksLike(b)) {
            Png.parse(b);
            return FileType.PNG;
        }
        if (WebP.looksLike(b)) {
            WebP.parse(b);
            return FileType.WEBP;
        }
        return null;
    }

    private void checkSize(byte[] content) {
        if (content == null || content.length == 0) {
            throw new UploadRefused(UploadRefused.Reason.EMPTY, "no content");
        }
        if (content.length > maxBytes) {
            throw new UploadRefused(UploadRefused.Reason.TOO_LARGE, "more than " + maxBytes + " bytes");
        }
    }
}
