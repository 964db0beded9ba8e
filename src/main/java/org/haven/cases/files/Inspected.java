package org.haven.cases.files;

/**
 * What {@link Uploads#inspect} found: the type detected from the bytes and the name to download under.
 *
 * @param type the type detected from the content, whatever the claimed name or content type said
 * @param fileName a safe download name that ends in {@code type}'s extension
 * @param size the number of bytes inspected
 */
public record Inspected(FileType type, String fileName, int size) {}
