package io.guichet.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a PostgreSQL JDBC URL before anything connects with it. A URL in the libpq form
 * ({@code postgres://user:password@host:5432/db}) is refused with its JDBC form; its user and password are never
 * repeated (they belong in GUICHET_DB_USER and GUICHET_DB_PASSWORD).
 */
final class JdbcUrl {

    private static final String PREFIX = "jdbc:postgresql:";

    private JdbcUrl() {
    }

    /** Why {@code url} cannot be used, or empty when it is a usable PostgreSQL JDBC URL. */
    static Optional<String> problem(String key, String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("postgres://") || lower.startsWith("postgresql://")) {
            return Optional.of(key + ": '" + redacted(url) + "' is a libpq URL; Java needs the JDBC form "
                    + jdbcForm(url) + userHint(url) + ".");
        }
        if (!lower.startsWith(PREFIX)) {
            return Optional.of(key + ": '" + redacted(url) + "' is not a PostgreSQL JDBC URL; write it as"
                    + " jdbc:postgresql://HOST:PORT/DATABASE, e.g. jdbc:postgresql://db.example.com:5432/guichet.");
        }
        if (org.postgresql.Driver.parseURL(url, null) == null) {
            return Optional.of(key + ": '" + redacted(url) + "' cannot be read as a PostgreSQL JDBC URL; write it as"
                    + " jdbc:postgresql://HOST:PORT/DATABASE, e.g. jdbc:postgresql://db.example.com:5432/guichet.");
        }
        return Optional.empty();
    }

    /** {@code postgres://u:p@h:5432/db?sslmode=require} as {@code jdbc:postgresql://h:5432/db?sslmode=require}. */
    private static String jdbcForm(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "HOST" : uri.getHost();
            String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/DATABASE" : uri.getRawPath();
            String query = uri.getRawQuery() == null ? "" : "?" + withoutSecrets(uri.getRawQuery());
            return "jdbc:postgresql://" + host + port + path + query;
        } catch (URISyntaxException e) {
            return "jdbc:postgresql://HOST:PORT/DATABASE";
        }
    }

    private static String userHint(String url) {
        try {
            String userInfo = new URI(url).getRawUserInfo();
            return userInfo == null ? "" : ", with the user in GUICHET_DB_USER and the password in GUICHET_DB_PASSWORD";
        } catch (URISyntaxException e) {
            return "";
        }
    }

    private static String withoutSecrets(String query) {
        StringBuilder kept = new StringBuilder();
        for (String pair : query.split("&")) {
            if (pair.toLowerCase(Locale.ROOT).startsWith("password=")) {
                continue;
            }
            kept.append(kept.isEmpty() ? "" : "&").append(pair);
        }
        return kept.toString();
    }

    /** The URL with any password removed (user info and {@code password=} parameters). */
    static String redacted(String url) {
        String noUserInfo = url.replaceFirst("(?i)^((?:jdbc:)?postgres(?:ql)?://)[^@/]*@", "$1");
        int query = noUserInfo.indexOf('?');
        return query < 0 ? noUserInfo : noUserInfo.substring(0, query);
    }
}
