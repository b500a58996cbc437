package io.guichet.mail.inbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed {@code Authentication-Results} header (RFC 8601 section 2.2): the authserv-id (its version, if any,
 * dropped), then each result a method reported ({@code spf}, {@code dkim}, {@code dmarc}...), in order, with its
 * properties ({@code smtp.mailfrom}, {@code header.d}, {@code header.from}...). Comments are ignored wherever they
 * are, method versions ({@code dkim/1}) dropped, names and values lower-cased, quoted values unquoted.
 *
 * @param authservId the id of the server that wrote the header, lower-cased
 * @param results    every result, in the order written (there may be several DKIM results)
 */
record AuthenticationResults(String authservId, List<Result> results) {

    /** One method's result, e.g. {@code dkim=pass header.d=acme.example}. */
    record Result(String method, String value, Map<String, String> properties) {
        Result {
            properties = Map.copyOf(properties);
        }

        Optional<String> property(String name) {
            return Optional.ofNullable(properties.get(name));
        }
    }

    AuthenticationResults {
        results = List.copyOf(results);
    }

    /** The parsed header, or nothing when it has no authserv-id. */
    static Optional<AuthenticationResults> parse(String header) {
        List<String> statements = statements(withoutComments(header));
        if (statements.isEmpty() || statements.getFirst().isBlank()) {
            return Optional.empty();
        }
        String authservId = unquote(statements.getFirst().strip().split("\\s+", 2)[0]).toLowerCase(Locale.ROOT);
        if (authservId.contains("=")) {
            return Optional.empty(); // a result where the id should be: no authserv-id
        }
        List<Result> results = new ArrayList<>();
        for (String statement : statements.subList(1, statements.size())) {
            result(statement).ifPresent(results::add);
        }
        return Optional.of(new AuthenticationResults(authservId, results));
    }

    /** The results of one method, in order. */
    List<Result> of(String method) {
        return results.stream().filter(r -> r.method().equals(method)).toList();
    }

    /** Whether {@code method} reported {@code value} at least once. */
    boolean has(String method, String value) {
        return of(method).stream().anyMatch(r -> r.value().equals(value));
    }

    /** {@code method[/version] = result *(ptype.property = value)}, or nothing for {@code none} and noise. */
    private static Optional<Result> result(String statement) {
        List<String> tokens = tokens(statement);
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        int equals = tokens.getFirst().indexOf('=');
        if (equals <= 0) {
            return Optional.empty();
        }
        String method = tokens.getFirst().substring(0, equals).split("/", 2)[0].strip().toLowerCase(Locale.ROOT);
        String value = unquote(tokens.getFirst().substring(equals + 1)).toLowerCase(Locale.ROOT);
        Map<String, String> properties = new LinkedHashMap<>();
        for (String token : tokens.subList(1, tokens.size())) {
            int eq = token.indexOf('=');
            if (eq > 0) {
                properties.putIfAbsent(token.substring(0, eq).strip().toLowerCase(Locale.ROOT),
                        unquote(token.substring(eq + 1)).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.of(new Result(method, value, properties));
    }

    /** Splits on white space outside quotes, and joins {@code a = b} written with spaces into {@code a=b}. */
    private static List<String> tokens(String statement) {
        List<String> raw = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (!quoted && Character.isWhitespace(c)) {
                if (!current.isEmpty()) {
                    raw.add(current.toString());
                    current.setLength(0);
                }
            } else {
                current.append(c);
            }
        }
        if (!current.isEmpty()) {
            raw.add(current.toString());
        }
        List<String> joined = new ArrayList<>();
        for (String token : raw) {
            if (!joined.isEmpty() && (token.startsWith("=") || joined.getLast().endsWith("="))) {
                joined.set(joined.size() - 1, joined.getLast() + token);
            } else {
                joined.add(token);
            }
        }
        return joined;
    }

    private static String unquote(String value) {
        String v = value.strip();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    private static String withoutComments(String header) {
        StringBuilder out = new StringBuilder(header.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (quoted) {
                out.append(c);
                if (c == '\\' && i + 1 < header.length()) {
                    out.append(header.charAt(++i));
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (depth > 0) {
                if (c == '\\') {
                    i++;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
            } else if (c == '(') {
                depth = 1;
                out.append(' ');
            } else {
                quoted = c == '"';
                out.append(c);
            }
        }
        return out.toString();
    }

    private static List<String> statements(String header) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                statements.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        statements.add(current.toString());
        return statements;
    }
}
