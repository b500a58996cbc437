package io.guichet.mail.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A client of OAuth2 token endpoints (RFC 6749 section 5): posts a form, reads the JSON answer. Uses the JDK's
 * HTTP client; the endpoint's certificate is checked against the JDK's trusted CAs.
 */
public final class TokenEndpoint {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_DETAIL = 200;

    private final HttpClient http;

    public TokenEndpoint() {
        this(HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    TokenEndpoint(HttpClient http) {
        this.http = http;
    }

    /** What the endpoint answered. */
    public sealed interface Answer {
        /** A token valid for {@code expiresIn}, and a new refresh token when the endpoint rotates them. */
        record Issued(String accessToken, Duration expiresIn, Optional<String> refreshToken) implements Answer {
            @Override
            public String toString() {
                return "Issued[expires in " + expiresIn + (refreshToken.isPresent() ? ", new refresh token" : "") + "]";
            }
        }

        /** The endpoint refused the request (4xx): a configuration or permission problem. */
        record Refused(int status, String error, String description) implements Answer {
        }

        /** No usable answer: unreachable, timed out, a server error, or an answer we cannot read. */
        record Failed(String reason) implements Answer {
        }
    }

    public Answer request(URI endpoint, Map<String, String> form) {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Answer.Failed("cannot reach " + endpoint.getHost() + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Failed("interrupted while asking " + endpoint.getHost());
        }
        int status = response.statusCode();
        Optional<JsonFields> json = json(response.body());
        if (status == 200) {
            Optional<String> token = json.flatMap(j -> j.text("access_token")).filter(t -> !t.isBlank());
            if (token.isEmpty()) {
                return new Answer.Failed(endpoint.getHost() + " answered 200 without an access_token");
            }
            Optional<String> type = json.get().text("token_type");
            if (type.isPresent() && !type.get().equalsIgnoreCase("Bearer")) {
                return new Answer.Failed(endpoint.getHost() + " issued a token of type '" + type.get()
                        + "', not a Bearer token");
            }
            long seconds = json.get().number("expires_in").filter(s -> s > 0).orElse(3600L);
            return new Answer.Issued(token.get(), Duration.ofSeconds(seconds),
                    json.get().text("refresh_token").filter(t -> !t.isBlank()));
        }
        Optional<String> error = json.flatMap(j -> j.text("error"));
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new Answer.Refused(status, error.orElse("HTTP " + status),
                    json.flatMap(j -> j.text("error_description")).map(TokenEndpoint::firstLine).orElse(""));
        }
        return new Answer.Failed(endpoint.getHost() + " answered HTTP " + status + error.map(e -> " (" + e + ")").orElse(""));
    }

    private static Optional<JsonFields> json(String body) {
        try {
            return Optional.of(JsonFields.read(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** The first line, at most 200 characters: Microsoft's descriptions add trace and correlation ids on more lines. */
    static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("").strip();
        return line.length() > MAX_DETAIL ? line.substring(0, MAX_DETAIL) + "..." : line;
    }
}
