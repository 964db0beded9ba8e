package org.haven.cases.files;

/**
 * Removes what a photo says about where, when and with what it was taken, without re-encoding a single
 * pixel: the image data is copied byte for byte, so nothing is lost and nothing new is introduced.
 *
 * <ul>
 *   <li>JPEG: drops APP1 (Exif with GPS, serial numbers and thumbnails; XMP), every other APPn and COM
 *       comments; keeps the frame, tables, restart interval and scans, APP0 JFIF with its thumbnail
 *       removed, APP2 ICC_PROFILE and APP14 Adobe. The last two only say how to render colours (a
 *       device profile, the colour transform of CMYK files); dropping them would shift colours.
 *   <li>PNG: keeps IHDR, PLTE, IDAT, IEND, tRNS, gAMA, cHRM, sRGB, iCCP, pHYs, sBIT and bKGD; drops
 *       tEXt, zTXt, iTXt, eXIf, tIME and every other ancillary chunk.
 *   <li>WebP: keeps VP8X, VP8, VP8L, ALPH, ANIM, ANMF and ICCP; drops EXIF, XMP and unknown chunks and
 *       clears their flags in VP8X.
 * </ul>
 *
 * <p>Bytes after the end of the image (JPEG EOI, PNG IEND, the RIFF container) are dropped too: phones
 * append videos and extra pictures there. Other types are returned unchanged.
 */
public final class ImageMetadata {

    /** Images larger than this (about a 10 000 × 10 000 photo) are refused as {@code TOO_LARGE}. */
    public static final long MAX_PIXELS = 100_000_000L;

    private ImageMetadata() {}

    /**
     * The image without its metadata.
     *
     * @param image the uploaded bytes, already recognized as {@code type}
     * @param type the detected type
     * @return new bytes for images; {@code image} itself for other types
     * @throws UploadRefused {@code MALFORMED} when the image is truncated or corrupt, {@code TOO_LARGE}
     *     when it has more than {@link #MAX_PIXELS}, {@code TYPE_NOT_ALLOWED} for JPEG codings decoders
     *     lack (12-bit, lossless, arithmetic, hierarchical)
     */
    public static byte[] strip(byte[] image, FileType type) {
        return switch (type) {
            case JPEG -> Jpeg.strip(image);
            case PNG -> Png.strip(image);
            case WEBP -> WebP.strip(image);
            case PDF, TEXT -> image;
        };
    }
}
