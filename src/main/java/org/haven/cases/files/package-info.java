/**
 * Attachment intake: accepts an uploaded file only for a type recognized from its bytes, gives it a safe
 * download name, and strips identifying metadata (Exif, GPS, XMP, comments) from images without re-encoding.
 */
package org.haven.cases.files;
