package org.haven.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.haven.identity.IdentityFixtures.Person;
import org.haven.platform.HavenLocales;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;

/**
 * When every database connection is taken for longer than the pool waits, a request is told that Haven
 * is busy and to try again (503 with Retry-After), on the API and on pages; never a 500.
 */
class DatabaseBusyTests extends IdentityTestSupport {

    @Test
    void withEveryConnectionTakenARequestIsAskedToComeBackInsteadOfFailing(
            @Autowired DataSource dataSource, @Autowired MessageSource messages) throws Exception {
        Person person = fixtures.person(fixtures.organization("Busy Org"), Role.CASEWORKER);
        String token = fixtures.token(person);
        WebSession session = new WebSession(port);
        session.signIn(person, null);
        ApiClient api = new ApiClient(port);
        assertThat(api.get("/api/v1/people?q=Sok", token).statusCode()).isEqualTo(200);

        HikariDataSource pool = (HikariDataSource) dataSource;
        List<Connection> taken = new ArrayList<>();
        try {
            while (taken.size() < pool.getMaximumPoolSize()) {
                taken.add(pool.getConnection());
            }
            HttpResponse<String> answer = api.get("/api/v1/people?q=Sok", token);
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.headers().firstValue("Retry-After")).contains("10");
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");
            assertThat(answer.body())
                    .contains(messages.getMessage("server.busy", null, Locale.ENGLISH))
                    .doesNotContain("Exception", "Hikari", "Connection");

            HttpResponse<String> page = session.get("/cases");
            assertThat(page.statusCode()).isEqualTo(503);
            assertThat(page.headers().firstValue("Retry-After")).contains("10");
            assertThat(page.body())
                    .contains("<html lang=\"en\"")
                    .containsAnyOf(
                            messages.getMessage("server.busy", null, Locale.ENGLISH),
                            messages.getMessage("server.busy", null, HavenLocales.KHMER))
                    .doesNotContain("Exception", "Hikari");
        } finally {
            for (Connection connection : taken) {
                connection.close();
            }
        }
        assertThat(api.get("/api/v1/people?q=Sok", token).statusCode()).isEqualTo(200);
        assertThat(session.get("/cases").statusCode()).isEqualTo(200);
    }
}
