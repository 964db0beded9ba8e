package org.haven.platform;

/** Helpers for showing database URLs to operators without leaking credentials. */
final class DatabaseUrls {

    private DatabaseUrls() {}

    /** The URL without its query string, which may carry a password. */
    static String redact(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        String base = query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
        int at = base.indexOf('@');
        int scheme = base.indexOf("//");
        if (at > 0 && scheme >= 0 && at > scheme) {
            base = base.substring(0, scheme + 2) + base.substring(at + 1);
        }
        return base;
    }
}
