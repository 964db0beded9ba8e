package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.haven.HavenTest;
import org.haven.identity.Organizations;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * A bounded flood of 10,000 public submissions from 8 clients at once: every submission is either
 * accepted with a receipt code or turned away with a clear "wait and send again"; no accepted report
 * is lost, each stays readable with its code, and nothing fails with a server error.
 */
@HavenTest
class ReportFloodTests {

    static final int SUBMISSIONS = 10_000;
    static final Pattern CODE = Pattern.compile("id=\"receipt-code\">([0-9A-Z-]{29})<");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Reports reports;

    @Autowired
    Triage triage;

    @Test
    void aFloodLosesNoAcceptedReport() throws Exception {
        Organizations organizations = context.getBean(Organizations.class);
        organizations.find(PublicReportTests.INTAKE).orElseGet(() -> organizations.create(PublicReportTests.INTAKE));
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger turnedAway = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        for (int c = 0; c < 8; c++) {
            clients.submit(() -> {
                ReportForms forms = new ReportForms(port);
                int i;
                while ((i = next.getAndIncrement()) < SUBMISSIONS) {
                    try {
                        HttpResponse<String> response =
                                forms.submit(Map.of("what", "Flood report number " + i), Map.of());
                        Matcher code = CODE.matcher(response.body());
                        if (response.statusCode() == 200 && code.find()) {
                            accepted.add(i + " " + code.group(1));
                        } else if (response.statusCode() == 200
                                && response.body().contains("send again")) {
                            turnedAway.incrementAndGet();
                        } else {
                            failures.add(i + ": " + response.statusCode());
                        }
                    } catch (Exception e) {
                        failures.add(i + ": " + e.getClass().getSimpleName());
                    }
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(10, TimeUnit.MINUTES))
                .as("the flood is bounded in time")
                .isTrue();

        assertThat(failures).isEmpty();
        assertThat(accepted.size() + turnedAway.get()).isEqualTo(SUBMISSIONS);
        assertThat(accepted).isNotEmpty();
        List<String> all = accepted.stream().toList();
        for (String entry : all) {
            String[] parts = entry.split(" ");
            assertThat(reports.open(parts[1]))
                    .as("report " + parts[0] + " is readable with its code")
                    .isPresent();
        }
        // Staff read the words of a sample, intact.
        org.haven.identity.CurrentUser officer = new org.haven.identity.IdentityFixtures(context)
                .actor(
                        organizations
                                .find(PublicReportTests.INTAKE)
                                .orElseThrow()
                                .id(),
                        org.haven.identity.Role.TRIAGE_OFFICER);
        org.springframework.jdbc.core.simple.JdbcClient jdbc =
                context.getBean(org.springframework.jdbc.core.simple.JdbcClient.class);
        for (int k = 0; k < all.size(); k += Math.max(1, all.size() / 25)) {
            String[] parts = all.get(k).split(" ");
            java.util.UUID id = jdbc.sql("SELECT report_id FROM report_receipt WHERE handle = ?")
                    .param(parts[1].replace("-", "").substring(0, 8))
                    .query(java.util.UUID.class)
                    .single();
            assertThat(triage.read(officer, id).content().what()).isEqualTo("Flood report number " + parts[0]);
        }
    }
}
