package org.haven.cases.files;

/**
 * An upload Haven will not store, with the reason to show the user. The message names the reason and
 * the structural problem only: never the file's name or any of its content.
 */
public final class UploadRefused extends RuntimeException {

    /** Why an upload was refused. */
    public enum Reason {
        /** No content at all. */
        EMPTY,
        /** More bytes than the configured limit, or an image with too many pixels. */
        TOO_LARGE,
        /** The bytes are not one of the {@link FileType}s. */
        TYPE_NOT_ALLOWED,
        /** The bytes start like an accepted type but are truncated or corrupt. */
        MALFORMED,
        /** Markup or script (HTML, SVG, PDF JavaScript, embedded files) that could run when opened. */
        ACTIVE_CONTENT
    }

    private final Reason reason;

    UploadRefused(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    static UploadRefused malformed(String detail) {
        return new UploadRefused(Reason.MALFORMED, detail);
    }

    /** Why the upload was refused. */
    public Reason reason() {
        return reason;
    }
}
