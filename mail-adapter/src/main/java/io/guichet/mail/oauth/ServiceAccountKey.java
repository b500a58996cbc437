package io.guichet.mail.oauth;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Google service account's JSON key file ({@code "type": "service_account"}): its e-mail, RSA private key, key id
 * and token endpoint. It signs the JWT bearer assertion of RFC 7523 (RS256) that a token endpoint exchanges for an
 * access token on behalf of {@code sub}, a user of the domain (domain-wide delegation).
 */
public record ServiceAccountKey(String clientEmail, PrivateKey privateKey, Optional<String> keyId,
                                Optional<URI> tokenUri) {

    /** Lifetime of an assertion: Google accepts at most one hour. */
    static final Duration ASSERTION_LIFETIME = Duration.ofHours(1);

    public ServiceAccountKey {
        Objects.requireNonNull(clientEmail, "clientEmail");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(tokenUri, "tokenUri");
    }

    /** What reading the key file gave. */
    public sealed interface Read {
        record Key(ServiceAccountKey key) implements Read {
        }

        record Invalid(String problem) implements Read {
        }
    }

    public static Read read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Read.Invalid("'" + file + "': no such file");
        } catch (IOException e) {
            return new Read.Invalid("'" + file + "' cannot be read (" + e.getMessage() + ")");
        }
        JsonFields json;
        try {
            json = JsonFields.read(text);
        } catch (IOException e) {
            return new Read.Invalid("'" + file + "' is not a JSON key file (" + e.getMessage() + ")");
        }
        Optional<String> type = json.text("type");
        if (type.isPresent() && !type.get().equals("service_account")) {
            return new Read.Invalid("'" + file + "' is a key of type '" + type.get()
                    + "', not a service account's (\"type\": \"service_account\")");
        }
        Optional<String> email = json.text("client_email");
        Optional<String> pem = json.text("private_key");
        if (email.isEmpty() || pem.isEmpty()) {
            return new Read.Invalid("'" + file + "' lacks client_email or private_key: download a JSON key of the"
                    + " service account");
        }
        PrivateKey key;
        try {
            key = rsaKey(pem.get());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new Read.Invalid("'" + file + "': its private_key is not a PKCS#8 RSA key (" + e.getMessage() + ")");
        }
        Optional<URI> tokenUri;
        try {
            tokenUri = json.text("token_uri").isEmpty() ? Optional.empty()
                    : Optional.of(new URI(json.text("token_uri").get()));
        } catch (URISyntaxException e) {
            return new Read.Invalid("'" + file + "': its token_uri is not a URL");
        }
        return new Read.Key(new ServiceAccountKey(email.get(), key, json.text("private_key_id"), tokenUri));
    }

    /** The signed assertion asking for {@code scope} on behalf of {@code subject}, for the endpoint {@code audience}. */
    public String assertion(String scope, String subject, URI audience, Instant now) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        keyId.ifPresent(id -> header.put("kid", id));
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", clientEmail);
        claims.put("sub", subject);
        claims.put("scope", scope);
        claims.put("aud", audience.toString());
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(ASSERTION_LIFETIME).getEpochSecond());
        String signed = base64Url(JsonFields.write(header).getBytes(StandardCharsets.UTF_8)) + "."
                + base64Url(JsonFields.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + base64Url(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with the service account's RSA key failed", e);
        }
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "ServiceAccountKey[" + clientEmail + keyId.map(id -> ", key " + id).orElse("") + "]";
    }

    private static PrivateKey rsaKey(String pem) throws GeneralSecurityException {
        String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "")
                .replaceAll("\\s", "");
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new GeneralSecurityException("a PKCS#1 key (BEGIN RSA PRIVATE KEY); Google's JSON keys hold PKCS#8");
        }
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
