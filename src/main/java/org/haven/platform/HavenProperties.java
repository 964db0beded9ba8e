package org.haven.platform;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Haven's typed configuration, validated once at start-up.
 *
 * @param home state directory (embedded database, master key, logs)
 * @param demo demo mode: seeds fictional data, shows a banner, offers but does not force a second factor
 * @param publicUrl the address people use to reach Haven, for links in e-mails
 * @param database an external PostgreSQL (when its url is blank, the embedded one is used)
 * @param session session timeouts
 * @param mail outgoing mail
 */
@Validated
@ConfigurationProperties(prefix = "haven")
public record HavenProperties(
        @NotNull Path home,
        @DefaultValue("false") boolean demo,
        @DefaultValue("") String publicUrl,
        @Valid @DefaultValue Database database,
        @Valid @DefaultValue Session session,
        @Valid @DefaultValue Mail mail) {

    /**
     * An external database (a blank url means the embedded one).
     *
     * @param durable whether the embedded database syncs to disk (off only for throw-away test data)
     * @param appUser the role the application runs as, when the operator creates it (blank: Haven does)
     * @param appPassword that role's password
     * @param poolSize connections the application keeps to the database (0: {@link #connections() by the
     *     processors})
     * @param connectionWait how long a request waits for a free connection before it is asked to try
     *     again (503, decision 38)
     */
    public record Database(
            @DefaultValue("") String url,
            @DefaultValue("") String user,
            @DefaultValue("") String password,
            @DefaultValue("true") boolean durable,
            @DefaultValue("") String appUser,
            @DefaultValue("") String appPassword,
            @PositiveOrZero @DefaultValue("0") int poolSize,
            @DefaultValue("10s") java.time.Duration connectionWait) {

        /**
         * The pool's size: {@code poolSize} when set, else twice the processors and at least four. Few
         * connections keep PostgreSQL busy without making it switch between more transactions than it
         * has processors for; requests beyond them wait their turn in the pool (decision 49).
         */
        public int connections() {
            return poolSize > 0
                    ? poolSize
                    : Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
        }

        public boolean external() {
            return url != null && !url.isBlank();
        }

        @Override
        public String toString() {
            return "Database[url=" + (external() ? DatabaseUrls.redact(url) : "embedded") + ", user=" + user
                    + ", password=<masked>, appUser=" + appUser + ", appPassword=<masked>]";
        }
    }

    /**
     * @param idleTimeout a session unused this long ends
     * @param absoluteTimeout a session ends this long after sign-in, however active
     */
    public record Session(
            @NotNull @DefaultValue("30m") Duration idleTimeout,
            @NotNull @DefaultValue("12h") Duration absoluteTimeout) {}

    /** @param from sender address for invitations and notifications */
    public record Mail(@DefaultValue("haven@localhost") String from) {}
}
