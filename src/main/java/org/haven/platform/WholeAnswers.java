package org.haven.platform;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets an answer that fits in Tomcat's buffer (8 KiB) go out whole, with its length, in one write to the
 * socket. Spring's message converters flush the body they have written and then the response, which
 * commits it before it is complete: Tomcat then has to send it in chunks, the body in one write and the
 * chunked encoding's end in another. Here those flushes are passed over, so Tomcat sends the answer when
 * the request is done and knows its length. Filters and wrappers inside this one still see every flush
 * (the security headers and the session are written then, as before); a longer answer still goes out in
 * chunks as the buffer fills. Decision 46.
 */
final class WholeAnswers extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Unflushed(response));
    }

    /** The response, its flushes passed over until the request is done. */
    static final class Unflushed extends HttpServletResponseWrapper {

        private ServletOutputStream body;

        Unflushed(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // Committed when the request is done, or when the buffer fills.
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (body == null) {
                body = new UnflushedStream(super.getOutputStream());
            }
            return body;
        }
    }

    private static final class UnflushedStream extends ServletOutputStream {

        private final ServletOutputStream out;

        UnflushedStream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() {
            // As Unflushed.flushBuffer.
        }

        @Override
        public void close() throws IOException {
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }
}
