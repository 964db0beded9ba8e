package org.haven.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.haven.platform.HavenLocales;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The public pages' share of the server: the filter itself, on real threads, with the real bundles and
 * locale rules (the servlet request and response are Spring's test doubles of the container's).
 */
class PublicShareTests {

    private final ResourceBundleMessageSource messages = new ResourceBundleMessageSource();

    PublicShareTests() {
        messages.setBasename("i18n/messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
    }

    @Test
    void beyondItsShareAPublicRequestWaitsThenIsAskedToSendAgainInItsLanguage() throws Exception {
        PublicShare share = new PublicShare(1, Duration.ofMillis(200), new HavenLocales(), messages);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MockHttpServletResponse first = new MockHttpServletResponse();
        CompletableFuture<Void> working = CompletableFuture.runAsync(() -> {
            try {
                share.doFilter(request("km"), first, (req, res) -> {
                    inside.countDown();
                    try {
                        release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ((jakarta.servlet.http.HttpServletResponse) res).setStatus(200);
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        MockHttpServletResponse turnedAway = new MockHttpServletResponse();
        boolean[] reached = {false};
        share.doFilter(request("km"), turnedAway, (req, res) -> reached[0] = true);

        assertThat(reached[0]).as("the waiting request never reached the form").isFalse();
        assertThat(turnedAway.getStatus()).isEqualTo(503);
        assertThat(turnedAway.getHeader("Retry-After")).isEqualTo("60");
        String page = turnedAway.getContentAsString(StandardCharsets.UTF_8);
        assertThat(page)
                .contains("lang=\"km\"")
                .contains(messages.getMessage("report.busy.text", null, HavenLocales.KHMER))
                .contains("href=\"/report?lang=km\"");

        release.countDown();
        working.get(10, TimeUnit.SECONDS);
        assertThat(first.getStatus()).isEqualTo(200);
        MockHttpServletResponse after = new MockHttpServletResponse();
        share.doFilter(request("en"), after, (req, res) -> reached[0] = true);
        assertThat(reached[0]).as("the share is free again").isTrue();
        assertThat(share.available()).isEqualTo(1);
    }

    @Test
    void aWaitingRequestGetsInWhenTheShareFreesInTime() throws Exception {
        PublicShare share = new PublicShare(1, Duration.ofSeconds(10), new HavenLocales(), messages);
        CountDownLatch inside = new CountDownLatch(1);
        CompletableFuture<Void> working = CompletableFuture.runAsync(() -> {
            try {
                share.doFilter(request("en"), new MockHttpServletResponse(), (req, res) -> {
                    inside.countDown();
                    try {
                        Thread.sleep(300);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        boolean[] reached = {false};
        MockHttpServletResponse queued = new MockHttpServletResponse();
        share.doFilter(request("en"), queued, (req, res) -> reached[0] = true);

        working.get(10, TimeUnit.SECONDS);
        assertThat(reached[0]).isTrue();
        assertThat(queued.getStatus()).isEqualTo(200);
    }

    @Test
    void aFailingRequestGivesItsPlaceBack() {
        PublicShare share = new PublicShare(2, Duration.ofMillis(100), new HavenLocales(), messages);

        assertThatThrownBy(() -> share.doFilter(request("en"), new MockHttpServletResponse(), (req, res) -> {
                    throw new IllegalStateException("the form failed");
                }))
                .hasMessageContaining("the form failed");
        assertThat(share.available()).isEqualTo(2);
        assertThatThrownBy(() -> new PublicShare(0, Duration.ZERO, new HavenLocales(), messages))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static MockHttpServletRequest request(String lang) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/report");
        request.setParameter("lang", lang);
        return request;
    }
}
