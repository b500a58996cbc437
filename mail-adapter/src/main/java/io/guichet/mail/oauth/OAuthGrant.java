package io.guichet.mail.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How Guichet obtains an access token for a mailbox: what it posts to which token endpoint. Secrets are read when a
 * request is built, so a secret kept in a file may be replaced while Guichet runs.
 */
public sealed interface OAuthGrant {

    /** Microsoft's scope for IMAP and SMTP with an application's own permissions (IMAP.AccessAsApp, SMTP.SendAsApp). */
    String MICROSOFT_SCOPE = "https://outlook.office365.com/.default";
    /** Google's scope for IMAP and SMTP. */
    String GOOGLE_SCOPE = "https://mail.google.com/";
    URI GOOGLE_TOKEN_ENDPOINT = URI.create("https://oauth2.googleapis.com/token");

    /** The token endpoint of a Microsoft Entra ID tenant (its ID, or one of its domains). */
    static URI microsoftTokenEndpoint(String tenant) {
        return URI.create("https://login.microsoftonline.com/" + URLEncoder.encode(tenant, StandardCharsets.UTF_8)
                + "/oauth2/v2.0/token");
    }

    URI tokenEndpoint();

    /** The form to post now, or why none can be built (a secret file gone, a key file unreadable). */
    Request request(Instant now);

    /** For logs and health: what kind of grant, for whom (no secret). */
    String describe();

    /** The grant for one mailbox: a service account acts on behalf of the mailbox's user; the others are shared. */
    default OAuthGrant forUser(String user) {
        return this;
    }

    sealed interface Request {
        record Form(Map<String, String> fields) implements Request {
            @Override
            public String toString() {
                return "Form[" + fields.keySet() + "]";
            }
        }

        record Unusable(String problem) implements Request {
        }
    }

    /** Client credentials grant (RFC 6749 4.4): an application acting with its own permissions (Microsoft). */
    record ClientCredentials(URI tokenEndpoint, String clientId, Secret clientSecret, String scope)
            implements OAuthGrant {
        public ClientCredentials {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public Request request(Instant now) {
            return switch (clientSecret.reveal()) {
                case Secret.Revealed.Unreadable u -> new Request.Unusable("the client secret: " + u.problem());
                case Secret.Revealed.Value secret -> form("grant_type", "client_credentials", "client_id", clientId,
                        "client_secret", secret.text(), "scope", scope);
            };
        }

        @Override
        public String describe() {
            return "client credentials of application " + clientId;
        }
    }

    /** Refresh token grant (RFC 6749 6): a token a user granted once through the installed-app flow (Google). */
    record RefreshToken(URI tokenEndpoint, String clientId, Secret clientSecret, Secret refreshToken, String scope)
            implements OAuthGrant {
        public RefreshToken {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(clientSecret, "clientSecret");
            Objects.requireNonNull(refreshToken, "refreshToken");
            Objects.requireNonNull(scope, "scope");
        }

        @Override
        public Request request(Instant now) {
            if (clientSecret.reveal() instanceof Secret.Revealed.Unreadable u) {
                return new Request.Unusable("the client secret: " + u.problem());
            }
            if (refreshToken.reveal() instanceof Secret.Revealed.Unreadable u) {
                return new Request.Unusable("the refresh token: " + u.problem());
            }
            String secret = ((Secret.Revealed.Value) clientSecret.reveal()).text();
            String refresh = ((Secret.Revealed.Value) refreshToken.reveal()).text();
            return form("grant_type", "refresh_token", "client_id", clientId, "client_secret", secret,
                    "refresh_token", refresh, "scope", scope);
        }

        /** The same grant with the refresh token an endpoint issued in exchange (token rotation). */
        RefreshToken withRefreshToken(String rotated) {
            return new RefreshToken(tokenEndpoint, clientId, clientSecret, Secret.of(rotated), scope);
        }

        @Override
        public String describe() {
            return "refresh token of client " + clientId;
        }
    }

    /**
     * JWT bearer grant (RFC 7523) signed with a service account's key, on behalf of {@code subject} (Google's
     * domain-wide delegation); the key file is read at each request.
     */
    record ServiceAccount(URI tokenEndpoint, Path keyFile, String scope, Optional<String> subject)
            implements OAuthGrant {
        public ServiceAccount {
            Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
            Objects.requireNonNull(keyFile, "keyFile");
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(subject, "subject");
        }

        @Override
        public Request request(Instant now) {
            if (subject.isEmpty()) {
                return new Request.Unusable("a service account needs the mailbox it acts for");
            }
            return switch (ServiceAccountKey.read(keyFile)) {
                case ServiceAccountKey.Read.Invalid invalid -> new Request.Unusable("the service account key "
                        + invalid.problem());
                case ServiceAccountKey.Read.Key key -> form("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer",
                        "assertion", key.key().assertion(scope, subject.get(), tokenEndpoint, now));
            };
        }

        @Override
        public OAuthGrant forUser(String user) {
            return new ServiceAccount(tokenEndpoint, keyFile, scope, Optional.of(user));
        }

        @Override
        public String describe() {
            return "service account of " + keyFile.getFileName() + subject.map(s -> " acting for " + s).orElse("");
        }
    }

    private static Request form(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!namesAndValues[i + 1].isBlank()) {
                fields.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return new Request.Form(fields);
    }
}
