package org.haven.cases.files;

/**
 * An upload that passed {@link Uploads#accept}: ready to be encrypted and stored.
 *
 * @param inspected the detected type and safe download name
 * @param content the bytes to store: for images, without their metadata
 */
public record Accepted(Inspected inspected, byte[] content) {}
