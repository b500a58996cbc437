package io.guichet.mail.inbound;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One parsed {@code Authentication-Results} header (RFC 8601 section 2.2): the authserv-id, then for each
 * method ({@code spf}, {@code dkim}, {@code dmarc}...) the results it reported, lower-cased. Comments are
 * ignored; property values are not kept.
 *
 * @param authservId the id of the server that wrote the header, lower-cased
 * @param results    method name to every result reported for it, in order (there may be several DKIM results)
 */
record AuthenticationResults(String authservId, Map<String, List<String>> results) {

    AuthenticationResults {
        results = Map.copyOf(results);
    }

    /** The parsed header, or nothing when it has no authserv-id. */
    static Optional<AuthenticationResults> parse(String header) {
        List<String> statements = statements(withoutComments(header));
        if (statements.isEmpty() || statements.getFirst().isBlank()) {
            return Optional.empty();
        }
        String authservId = statements.getFirst().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        Map<String, List<String>> results = new LinkedHashMap<>();
        for (String statement : statements.subList(1, statements.size())) {
            String resinfo = statement.strip();
            int equals = resinfo.indexOf('=');
            if (equals <= 0) {
                continue;
            }
            String method = resinfo.substring(0, equals).strip().split("/", 2)[0].toLowerCase(Locale.ROOT);
            String result = resinfo.substring(equals + 1).strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            results.computeIfAbsent(method, key -> new ArrayList<>()).add(result);
        }
        results.replaceAll((method, list) -> List.copyOf(list));
        return Optional.of(new AuthenticationResults(authservId, results));
    }

    /** Whether {@code method} reported {@code result} at least once. */
    boolean has(String method, String result) {
        return results.getOrDefault(method, List.of()).contains(result);
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
