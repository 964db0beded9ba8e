package org.haven.cases.files;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/** Real images written by ImageIO, and the metadata a phone or camera would add to them. */
public final class Samples {

    public static final String SERIAL = "HAVEN-SERIAL-1234";
    static final String XMP_NAMESPACE = "http://ns.adobe.com/xap/1.0/";
    static final String XMP_AUTHOR = "HAVEN-XMP-AUTHOR";
    static final String COMMENT = "HAVEN-COMMENT shelter at 12 Street 5";
    /** 11° 33' 23.04" N (Phnom Penh) as the three TIFF rationals of GPSLatitude. */
    static final byte[] LATITUDE = rationals(11, 1, 33, 1, 2304, 100);
    /** GPSLatitude entry of the GPS IFD: tag 2, type RATIONAL, count 3. */
    static final byte[] GPS_LATITUDE_ENTRY = {0, 2, 0, 5, 0, 0, 0, 3};

    private Samples() {}

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int noise = random.nextInt(40);
                image.setRGB(x, y, (x * 5 + noise) << 16 | (y * 7 + noise) << 8 | (x * y + noise) & 0xFF);
            }
        }
        return image;
    }

    public static byte[] jpeg() {
        return jpeg(false, 0);
    }

    static byte[] jpeg(boolean progressive, int restartInterval) {
        BufferedImage image = picture(48, 32);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
            if (restartInterval > 0) {
                String format = "javax_imageio_jpeg_image_1.0";
                IIOMetadataNode tree = (IIOMetadataNode) metadata.getAsTree(format);
                IIOMetadataNode markers = (IIOMetadataNode)
                        tree.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                markers.insertBefore(dri, markers.getFirstChild());
                metadata.setFromTree(format, tree);
            }
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    static byte[] png() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            ImageIO.write(picture(40, 30), "png", bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JPEG segment: marker, big-endian length, payload. */
    static byte[] segment(int marker, byte[] payload) {
        return ByteBuffer.allocate(4 + payload.length)
                .put((byte) 0xFF)
                .put((byte) marker)
                .putShort((short) (payload.length + 2))
                .put(payload)
                .array();
    }

    /** The JPEG with {@code segments} inserted right after SOI and APP0, where cameras put them. */
    public static byte[] afterApp0(byte[] jpeg, byte[]... segments) {
        int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        return insert(jpeg, app0End, segments);
    }

    public static byte[] exifApp1() {
        return segment(0xE1, concat(ascii("Exif\0\0"), tiff()));
    }

    static byte[] xmpApp1() {
        String packet = "<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?><x:xmpmeta xmlns:x='adobe:ns:meta/'>"
                + "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description"
                + " xmlns:tiff='http://ns.adobe.com/tiff/1.0/' tiff:Artist='" + XMP_AUTHOR + "'"
                + " xmlns:exif='http://ns.adobe.com/exif/1.0/' exif:GPSLatitude='11,33.384N'/>"
                + "</rdf:RDF></x:xmpmeta><?xpacket end='w'?>";
        return segment(0xE1, concat(ascii(XMP_NAMESPACE + "\0"), ascii(packet)));
    }

    static byte[] comment() {
        return segment(0xFE, ascii(COMMENT));
    }

    /**
     * A big-endian TIFF structure as cameras write it in Exif: IFD0 with Make and the pointers to the
     * Exif IFD (BodySerialNumber) and the GPS IFD (version, latitude and longitude with their refs).
     */
    static byte[] tiff() {
        ByteBuffer t = ByteBuffer.allocate(210);
        t.put(ascii("MM")).putShort((short) 42).putInt(8);
        t.putShort((short) 3); // IFD0 at 8
        entry(t, 0x010F, 2, 9, 50); // Make
        entry(t, 0x8769, 4, 1, 60); // Exif IFD pointer
        entry(t, 0x8825, 4, 1, 96); // GPS IFD pointer
        t.putInt(0);
        t.put(ascii("HavenCam\0")).put((byte) 0); // 50
        t.putShort((short) 1); // Exif IFD at 60
        entry(t, 0xA431, 2, SERIAL.length() + 1, 78); // BodySerialNumber
        t.putInt(0);
        t.put(ascii(SERIAL + "\0")); // 78
        t.putShort((short) 5); // GPS IFD at 96
        entry(t, 0x0000, 1, 4, 0x02030000); // GPSVersionID 2.3.0.0
        entry(t, 0x0001, 2, 2, 'N' << 24); // GPSLatitudeRef
        t.put(GPS_LATITUDE_ENTRY).putInt(162); // GPSLatitude
        entry(t, 0x0003, 2, 2, 'E' << 24); // GPSLongitudeRef
        entry(t, 0x0004, 5, 3, 186); // GPSLongitude
        t.putInt(0);
        t.put(LATITUDE); // 162
        t.put(rationals(104, 1, 55, 1, 4152, 100)); // 186
        return t.array();
    }

    private static void entry(ByteBuffer t, int tag, int type, int count, int value) {
        t.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static byte[] rationals(int... numbersAndDenominators) {
        ByteBuffer b = ByteBuffer.allocate(4 * numbersAndDenominators.length);
        Arrays.stream(numbersAndDenominators).forEach(b::putInt);
        return b.array();
    }

    /** A PNG chunk with its correct CRC. */
    static byte[] chunk(String type, byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(ascii(type))
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }

    /** The PNG with {@code chunks} inserted right after IHDR. */
    static byte[] afterIhdr(byte[] png, byte[]... chunks) {
        return insert(png, 8 + 25, chunks);
    }

    static byte[] insert(byte[] into, int at, byte[]... parts) {
        return concat(Arrays.copyOfRange(into, 0, at), concat(parts), Arrays.copyOfRange(into, at, into.length));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Arrays.stream(parts).forEach(out::writeBytes);
        return out.toByteArray();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    static boolean contains(byte[] haystack, String ascii) {
        return contains(haystack, ascii(ascii));
    }

    /** Decodes with ImageIO; fails the test when ImageIO cannot. */
    static BufferedImage decode(byte[] image) {
        try {
            BufferedImage decoded = ImageIO.read(new ByteArrayInputStream(image));
            if (decoded == null) {
                throw new AssertionError("ImageIO found no reader");
            }
            return decoded;
        } catch (IOException e) {
            throw new AssertionError("ImageIO cannot decode", e);
        }
    }

    static int[] pixels(byte[] image) {
        BufferedImage decoded = decode(image);
        return decoded.getRGB(0, 0, decoded.getWidth(), decoded.getHeight(), null, 0, decoded.getWidth());
    }
}
