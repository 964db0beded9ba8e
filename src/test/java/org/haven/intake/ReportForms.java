package org.haven.intake;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fills in the public form as a browser with JavaScript does: reads the form's challenge and solves
 * the proof of work (as report-pow.js does), then posts. No cookie is kept between requests.
 */
public final class ReportForms {

    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    public ReportForms(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The form's hidden fields, read from a fresh form page. */
    public Map<String, String> hidden() throws Exception {
        String page = http.send(
                        HttpRequest.newBuilder(URI.create(base + "/report?lang=en"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([\\w-]+)\" value=\"([^\"]*)\"")
                .matcher(page);
        while (hidden.find()) {
            fields.put(hidden.group(1), hidden.group(2));
        }
        return fields;
    }

    /** Submits the answers with a solved challenge, as a person with JavaScript on would. */
    public HttpResponse<String> submit(Map<String, String> answers, Map<String, String> headers) throws Exception {
        Map<String, String> fields = hidden();
        fields.put("pow-solution", solve(fields.get("pow-challenge")));
        fields.putAll(answers);
        return post("/report", fields, headers);
    }

    public HttpResponse<String> post(String path, Map<String, String> fields, Map<String, String> headers)
            throws Exception {
        StringBuilder body = new StringBuilder();
        fields.forEach((name, value) -> body.append(body.isEmpty() ? "" : "&")
                .append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The counter whose SHA-256 over challenge + counter starts with the challenge's zero bits. */
    static String solve(String challenge) throws Exception {
        int difficulty = Base64.getUrlDecoder().decode(challenge)[25] & 0xFF;
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (long counter = 0; ; counter++) {
            byte[] digest = sha.digest((challenge + counter).getBytes(StandardCharsets.UTF_8));
            if (zeroBits(digest) >= difficulty) {
                return Long.toString(counter);
            }
        }
    }

    private static int zeroBits(byte[] digest) {
        int bits = 0;
        for (byte b : digest) {
            if (b != 0) {
                return bits + Integer.numberOfLeadingZeros(b & 0xFF) - 24;
            }
            bits += 8;
        }
        return bits;
    }
}
