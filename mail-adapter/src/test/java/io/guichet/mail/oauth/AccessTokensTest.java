package io.guichet.mail.oauth;

import io.guichet.core.testing.MutableClock;
import io.guichet.mail.testing.TokenEndpointStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The token source against a token endpoint stand-in: grants, renewal ahead of expiry, refusals and backoff. */
class AccessTokensTest {

    private static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    private static final Duration LONGEST_RETRY = Duration.ofMinutes(2);

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final TokenEndpoint endpoint = new TokenEndpoint();
    private TokenEndpointStandIn standIn;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        standIn = new TokenEndpointStandIn();
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    private OAuthGrant microsoft(Secret secret) {
        return new OAuthGrant.ClientCredentials(standIn.uri(), "app-id", secret, OAuthGrant.MICROSOFT_SCOPE);
    }

    private AccessTokens tokens(OAuthGrant grant) {
        return new AccessTokens(grant, endpoint, clock, FIRST_RETRY, LONGEST_RETRY);
    }

    private static AccessToken issued(AccessTokens.Outcome outcome) {
        assertThat(outcome).isInstanceOf(AccessTokens.Outcome.Issued.class);
        return ((AccessTokens.Outcome.Issued) outcome).token();
    }

    private static String unavailable(AccessTokens.Outcome outcome) {
        assertThat(outcome).isInstanceOf(AccessTokens.Outcome.Unavailable.class);
        return ((AccessTokens.Outcome.Unavailable) outcome).reason();
    }

    @Test
    @DisplayName("Microsoft: the first token comes from a client credentials request, then is kept")
    void clientCredentials() {
        AccessTokens tokens = tokens(microsoft(Secret.of("s3cret")));

        AccessToken first = issued(tokens.current());
        AccessToken again = issued(tokens.current());

        assertThat(first.value()).isEqualTo("token-1");
        assertThat(again).isEqualTo(first);
        assertThat(first.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(standIn.requests()).singleElement().satisfies(r -> assertThat(r.form()).isEqualTo(Map.of(
                "grant_type", "client_credentials", "client_id", "app-id", "client_secret", "s3cret",
                "scope", "https://outlook.office365.com/.default")));
        assertThat(first.toString()).doesNotContain("token-1");
    }

    @Test
    @DisplayName("a token is renewed five minutes before it expires, and a short-lived one halfway")
    void renewedAhead() {
        AccessTokens tokens = tokens(microsoft(Secret.of("s3cret")));
        issued(tokens.current());

        clock.advance(Duration.ofMinutes(54));
        assertThat(issued(tokens.current()).value()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(issued(tokens.current()).value()).isEqualTo("token-2");

        standIn.issue(Duration.ofSeconds(120));
        clock.advance(Duration.ofHours(1));
        AccessToken shortLived = issued(tokens.current());
        assertThat(shortLived.renewAt()).isEqualTo(shortLived.obtainedAt().plusSeconds(60));
        assertThat(tokens.freshFor(shortLived)).isEqualTo(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThat(issued(tokens.current())).isEqualTo(shortLived);
        clock.advance(Duration.ofSeconds(1));
        assertThat(issued(tokens.current()).value()).isEqualTo("token-4");
        assertThat(standIn.count()).isEqualTo(4);
    }

    @Test
    @DisplayName("a token a server refused is replaced at once; one newer than the refused token is kept")
    void replaceRefused() {
        AccessTokens tokens = tokens(microsoft(Secret.of("s3cret")));
        AccessToken first = issued(tokens.current());

        AccessToken second = issued(tokens.replace(first));
        AccessToken stillSecond = issued(tokens.replace(first));

        assertThat(second.value()).isEqualTo("token-2");
        assertThat(stillSecond).isEqualTo(second);
        assertThat(standIn.count()).isEqualTo(2);
    }

    @Test
    @DisplayName("an endpoint refusal is a one-line reason, and the endpoint is not asked again before the backoff")
    void refusalBacksOff() {
        standIn.refuse(2, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: 5c1e"
                + "\\r\\nCorrelation ID: 77aa");
        AccessTokens tokens = tokens(microsoft(Secret.of("wrong")));

        String reason = unavailable(tokens.current());

        assertThat(reason).isEqualTo("OAuth2: the token endpoint 127.0.0.1 refused the client credentials of"
                + " application app-id: invalid_client (AADSTS7000215: Invalid client secret provided.)");
        assertThat(tokens.problem()).contains(reason);
        assertThat(unavailable(tokens.current())).isEqualTo(reason);
        assertThat(unavailable(tokens.replace(new AccessToken("x", clock.instant(), clock.instant().plusSeconds(1)))))
                .isEqualTo(reason);
        assertThat(standIn.count()).isEqualTo(1);

        clock.advance(FIRST_RETRY); // the first delay is 5-10 s
        unavailable(tokens.current());
        assertThat(standIn.count()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(9)); // the second is 10-20 s
        unavailable(tokens.current());
        assertThat(standIn.count()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(11));
        assertThat(issued(tokens.current()).value()).isEqualTo("token-1");
        assertThat(tokens.problem()).isEmpty();
    }

    @Test
    @DisplayName("while the endpoint fails, a token past its renewal time but not expired still serves")
    void staleTokenServesWhileEndpointFails() {
        AccessTokens tokens = tokens(microsoft(Secret.of("s3cret")));
        AccessToken first = issued(tokens.current());
        standIn.refuse(5, 503, "temporarily_unavailable", "");

        clock.advance(Duration.ofMinutes(56));
        assertThat(issued(tokens.current())).isEqualTo(first);
        assertThat(tokens.problem()).hasValueSatisfying(p -> assertThat(p).contains("answered HTTP 503"));
        // a session logged in with it lasts until it expires, not renewed at once with the same token
        assertThat(tokens.freshFor(first)).isEqualTo(Duration.ofMinutes(4));

        clock.advance(Duration.ofMinutes(5));
        assertThat(unavailable(tokens.current())).contains("HTTP 503 (temporarily_unavailable)");
    }

    @Test
    @DisplayName("an unreachable endpoint is a reason naming the host, not an exception")
    void unreachable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        AccessTokens tokens = tokens(new OAuthGrant.ClientCredentials(
                URI.create("http://127.0.0.1:" + closedPort + "/token"), "app-id", Secret.of("s"), "scope"));

        assertThat(unavailable(tokens.current())).startsWith("OAuth2: no token for the client credentials of"
                + " application app-id: cannot reach 127.0.0.1 (ConnectException");
    }

    @Test
    @DisplayName("Google: a refresh token grant; a rotated refresh token is used for the next request")
    void googleRefreshToken() {
        AccessTokens tokens = tokens(new OAuthGrant.RefreshToken(standIn.uri(), "client.apps.googleusercontent.com",
                Secret.of("client-secret"), Secret.of("1//refresh"), OAuthGrant.GOOGLE_SCOPE));
        standIn.rotateRefreshToken("1//rotated");

        AccessToken first = issued(tokens.current());
        issued(tokens.replace(first));

        assertThat(standIn.requests().get(0).form()).isEqualTo(Map.of("grant_type", "refresh_token",
                "client_id", "client.apps.googleusercontent.com", "client_secret", "client-secret",
                "refresh_token", "1//refresh", "scope", "https://mail.google.com/"));
        assertThat(standIn.requests().get(1).form()).containsEntry("refresh_token", "1//rotated");
    }

    @Test
    @DisplayName("Google service account: an RS256 JWT signed with the key file's key, acting for the mailbox")
    void serviceAccountAssertion() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(1024); // Google's keys have 2048 bits; the size does not matter here, and a small key is quick to make
        KeyPair pair = rsa.generateKeyPair();
        Path keyFile = dir.resolve("service-account.json");
        String pem = "-----BEGIN PRIVATE KEY-----\\n" + Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded())
                .replaceAll("(.{64})", "$1\\\\n") + "\\n-----END PRIVATE KEY-----\\n"; // as in Google's JSON keys
        Files.writeString(keyFile, "{\"type\": \"service_account\", \"project_id\": \"guichet\", \"private_key_id\":"
                + " \"k1\", \"private_key\": \"" + pem + "\", \"client_email\": \"guichet@guichet.iam.gserviceaccount.com\","
                + " \"token_uri\": \"https://oauth2.googleapis.com/token\", \"nested\": {\"ignored\": [1, 2]}}");
        OAuthGrant grant = new OAuthGrant.ServiceAccount(standIn.uri(), keyFile, OAuthGrant.GOOGLE_SCOPE,
                Optional.empty()).forUser("support@example.com");

        issued(tokens(grant).current());

        Map<String, String> form = standIn.requests().getFirst().form();
        assertThat(form).containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
        String[] jwt = form.get("assertion").split("\\.");
        assertThat(jwt).hasSize(3);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(pair.getPublic());
        rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rs256.verify(Base64.getUrlDecoder().decode(jwt[2]))).isTrue();
        assertThat(decode(jwt[0])).isEqualTo("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"k1\"}");
        long now = clock.instant().getEpochSecond();
        assertThat(decode(jwt[1])).isEqualTo("{\"iss\":\"guichet@guichet.iam.gserviceaccount.com\","
                + "\"sub\":\"support@example.com\",\"scope\":\"https://mail.google.com/\",\"aud\":\"" + standIn.uri()
                + "\",\"iat\":" + now + ",\"exp\":" + (now + 3600) + "}");
    }

    @Test
    @DisplayName("a secret in a file is read at each request; an unreadable one is a reason, not an exception")
    void secretFile() throws IOException {
        Path file = dir.resolve("client-secret");
        Files.writeString(file, "first\n");
        AccessTokens tokens = tokens(microsoft(Secret.inFile(file)));
        AccessToken first = issued(tokens.current());

        Files.writeString(file, "second\n");
        AccessToken second = issued(tokens.replace(first));
        Files.delete(file);
        clock.advance(Duration.ofHours(2));
        String reason = unavailable(tokens.current());

        assertThat(standIn.requests()).extracting(r -> r.form().get("client_secret")).containsExactly("first", "second");
        assertThat(reason).isEqualTo("OAuth2: cannot ask for a token with the client credentials of application"
                + " app-id: the client secret: '" + file + "': no such file");
        assertThat(second.value()).isEqualTo("token-2");
    }

    @Test
    @DisplayName("token answers: expires_in given as a string is read; a non-Bearer token, none, or a server error is no token")
    void answers() {
        standIn.replyOnce(200, "{\"access_token\":\"abc\",\"token_type\":\"bearer\",\"expires_in\":\"3599\"}");
        assertThat(issued(tokens(microsoft(Secret.of("s"))).current()).expiresAt())
                .isEqualTo(clock.instant().plusSeconds(3599));

        standIn.replyOnce(200, "{\"access_token\":\"abc\",\"token_type\":\"mac\"}");
        assertThat(unavailable(tokens(microsoft(Secret.of("s"))).current()))
                .endsWith(": 127.0.0.1 issued a token of type 'mac', not a Bearer token");

        standIn.replyOnce(200, "{\"token_type\":\"Bearer\"}");
        assertThat(unavailable(tokens(microsoft(Secret.of("s"))).current()))
                .endsWith(": 127.0.0.1 answered 200 without an access_token");

        standIn.replyOnce(502, "<html>Bad gateway</html>");
        assertThat(unavailable(tokens(microsoft(Secret.of("s"))).current())).endsWith(": 127.0.0.1 answered HTTP 502");

        standIn.replyOnce(400, "not json");
        assertThat(unavailable(tokens(microsoft(Secret.of("s"))).current())).endsWith(": HTTP 400");
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
