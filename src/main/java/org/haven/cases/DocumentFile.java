package org.haven.cases;

import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A generated document (case summary, export archive) ready to leave Haven: its ASCII file name (never a
 * child's name), media type and bytes. Never logged, cached or written to disk.
 */
public record DocumentFile(String fileName, String mediaType, byte[] content) {

    /** The headers every download carries: an attachment, never cached, never sniffed. */
    HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType(mediaType));
        headers.setContentDisposition(
                ContentDisposition.attachment().filename(fileName).build());
        headers.setCacheControl(CacheControl.noStore());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.setContentLength(content.length);
        return headers;
    }

    /** The download as an API answer. */
    public ResponseEntity<byte[]> response() {
        return ResponseEntity.ok().headers(headers()).body(content);
    }

    /** The download written to a screen's response, for handlers that otherwise answer with a page. */
    public void writeTo(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.getOutputStream().write(content);
        response.flushBuffer();
    }

    @Override
    public String toString() {
        return "DocumentFile[" + mediaType + ", " + content.length + " bytes]";
    }
}
