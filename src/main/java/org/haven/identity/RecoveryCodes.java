package org.haven.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.haven.platform.Ids;
import org.haven.platform.Secrets;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Ten single-use recovery codes per account. Each is 16 characters of Crockford base32 (80 random
 * bits), so a SHA-256 of it cannot be reversed by guessing; only the hashes are stored.
 */
@Component
class RecoveryCodes {

    static final int COUNT = 10;
    static final int LENGTH = 16;

    private final JdbcClient jdbc;

    RecoveryCodes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the account's codes with ten new ones and returns them for showing once. */
    List<String> regenerate(UUID userId) {
        jdbc.sql("DELETE FROM recovery_code WHERE user_id = ?").param(userId).update();
        List<String> codes = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String code = Secrets.randomCode(LENGTH);
            jdbc.sql("INSERT INTO recovery_code (id, user_id, code_hash) VALUES (?, ?, ?)")
                    .params(Ids.next(), userId, Secrets.sha256(code))
                    .update();
            codes.add(code.replaceAll("(.{4})(?!$)", "$1-"));
        }
        return codes;
    }

    /** Uses up a code. Returns false when it is wrong or was used before. */
    boolean consume(UUID userId, String typed) {
        String normalized = normalize(typed);
        if (normalized.length() != LENGTH) {
            return false;
        }
        return jdbc.sql("UPDATE recovery_code SET used_at = now()"
                                + " WHERE user_id = ? AND code_hash = ? AND used_at IS NULL")
                        .params(userId, Secrets.sha256(normalized))
                        .update()
                == 1;
    }

    int remaining(UUID userId) {
        return jdbc.sql("SELECT count(*) FROM recovery_code WHERE user_id = ? AND used_at IS NULL")
                .param(userId)
                .query(Integer.class)
                .single();
    }

    void deleteAll(UUID userId) {
        jdbc.sql("DELETE FROM recovery_code WHERE user_id = ?").param(userId).update();
    }

    /** Upper-cases, drops separators, and maps the letters people confuse with digits. */
    static String normalize(String typed) {
        if (typed == null) {
            return "";
        }
        return typed.toUpperCase(Locale.ROOT)
                .replaceAll("[\\s-]", "")
                .replace('O', '0')
                .replace('I', '1')
                .replace('L', '1');
    }
}
