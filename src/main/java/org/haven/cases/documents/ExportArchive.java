package org.haven.cases.documents;

import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.AesVersion;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/**
 * Packs tables into one ZIP archive whose every entry is encrypted with AES-256 (WinZip AE-2) under a
 * password: {@code <table>.csv} and {@code <table>.json} per table and one {@code export.xlsx}, for the
 * {@link ExportFormat formats} asked. Spreadsheet cells are protected against formula injection (see
 * {@link ExportFormat}).
 *
 * <p>ZIP encryption hides contents, not the entry names, sizes or times: table names must not identify
 * anyone. Passwords shorter than {@value #MIN_PASSWORD_LENGTH} characters are refused; {@link
 * #generatePassword()} makes a strong one to show to the user once. Nothing is logged, nothing is
 * written to disk, and the caller's password array is neither kept nor cleared. Thread-safe.
 */
public final class ExportArchive {

    public static final int MIN_PASSWORD_LENGTH = 12;
    private static final String WORKBOOK = "export.xlsx";
    /** Upper-case letters and digits without the look-alikes 0/O, 1/I/L. */
    private static final char[] PASSWORD_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789".toCharArray();

    private static final SecureRandom RANDOM = new SecureRandom();

    private ExportArchive() {}

    /** The archive as bytes; see {@link #write(List, Set, char[], OutputStream)}. */
    public static byte[] toBytes(List<Table> tables, Set<ExportFormat> formats, char[] password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(tables, formats, password, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the archive to {@code out}, which stays open.
     *
     * @throws IllegalArgumentException if the password is shorter than {@value #MIN_PASSWORD_LENGTH}
     *     characters, no table or no format is given, or two table names give the same file name
     */
    public static void write(List<Table> tables, Set<ExportFormat> formats, char[] password, OutputStream out)
            throws IOException {
        Objects.requireNonNull(password, "password");
        if (password.length < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException(
                    "The archive password must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        if (formats.isEmpty() || tables.isEmpty()) {
            throw new IllegalArgumentException("Choose at least one table and one export format");
        }
        List<String> files = fileNames(tables);
        try (ZipOutputStream zip = new ZipOutputStream(new KeepOpen(out), password, StandardCharsets.UTF_8)) {
            OutputStream entry = new KeepOpen(zip);
            for (int t = 0; t < tables.size(); t++) {
                if (formats.contains(ExportFormat.CSV)) {
                    zip.putNextEntry(encrypted(files.get(t) + ".csv"));
                    TableFormats.csv(tables.get(t), entry);
                    zip.closeEntry();
                }
                if (formats.contains(ExportFormat.JSON)) {
                    zip.putNextEntry(encrypted(files.get(t) + ".json"));
                    entry.write(TableFormats.json(tables.get(t)));
                    zip.closeEntry();
                }
            }
            if (formats.contains(ExportFormat.XLSX)) {
                zip.putNextEntry(encrypted(WORKBOOK));
                TableFormats.xlsx(tables, entry);
                zip.closeEntry();
            }
        }
    }

    /**
     * A random password of 24 characters from a 31-letter alphabet without look-alikes (about 119
     * bits), in six dash-separated groups of four, e.g. {@code K7QM-2XHD-…}; the dashes are part of it.
     */
    public static char[] generatePassword() {
        char[] password = new char[6 * 4 + 5];
        for (int i = 0; i < password.length; i++) {
            password[i] = i % 5 == 4 ? '-' : PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)];
        }
        return password;
    }

    private static ZipParameters encrypted(String name) {
        ZipParameters parameters = new ZipParameters();
        parameters.setFileNameInZip(name);
        parameters.setCompressionMethod(CompressionMethod.DEFLATE);
        parameters.setEncryptFiles(true);
        parameters.setEncryptionMethod(EncryptionMethod.AES);
        parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
        parameters.setAesVersion(AesVersion.TWO);
        return parameters;
    }

    /** File names made of letters, marks, digits, spaces, dashes and underscores only: no paths. */
    static List<String> fileNames(List<Table> tables) {
        Set<String> used = new HashSet<>();
        List<String> names = new ArrayList<>(tables.size());
        for (Table table : tables) {
            String name = TableFormats.truncate(table.name().strip().replaceAll("[^\\p{L}\\p{M}\\p{N} _-]", "_"), 100);
            if (!used.add(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Two tables would share the file name " + name);
            }
            names.add(name);
        }
        return names;
    }

    /** Lets a writer be closed without closing the stream beneath it. */
    private static final class KeepOpen extends FilterOutputStream {

        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
