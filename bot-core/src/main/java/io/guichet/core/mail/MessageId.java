package io.guichet.core.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A mail's Message-ID (RFC 5322 section 3.6.4), normalised once where it enters: without its angle brackets, without
 * comments, white space or control characters (a folded header may split an id), the case of every character kept
 * (ids are compared as they were written). What a store keeps and what a header carries are the same value:
 * {@link #value()} in a column, {@link #inBrackets()} in a header. A mail without a usable Message-ID has
 * {@code Optional.empty()}; {@link #of} refuses garbage, {@link #parse} reads it as absent.
 *
 * <p>The value is a single token: no white space and no angle brackets. It is not checked against the full
 * grammar of RFC 5322 (clients in the wild send ids without {@code @}, and they still thread); a header we write
 * checks that with {@link #isStrict()}.
 *
 * @param value the id without angle brackets, e.g. {@code 1234.abcd@mail.example}
 */
public record MessageId(String value) {

    /** Longer than a header line may be (998 octets): not an id. */
    private static final int MAX_LENGTH = 998;
    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final java.util.regex.Pattern STRICT = java.util.regex.Pattern.compile(
            ATEXT + "(?:\\." + ATEXT + ")*@(?:" + ATEXT + "(?:\\." + ATEXT + ")*|\\[[!-;=?-Z^-~]*])");
    private static final int MAX_STRICT_LENGTH = 250;
    /** The prefix of {@link #ofContent}: not a Message-ID of any mail, so never confused with one. */
    private static final String CONTENT_PREFIX = "sha256:";

    public MessageId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a Message-ID is 1 to " + MAX_LENGTH + " characters, not "
                    + value.length());
        }
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            if (c == '<' || c == '>' || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT) {
                throw new IllegalArgumentException("a Message-ID is one token without brackets, spaces or controls: "
                        + printable(value));
            }
        }
    }

    /**
     * The id in {@code raw} (a header value, or a stored id), normalised: the first bracketed id when there is one,
     * else the whole value; comments, white space and controls removed; refused when nothing usable remains.
     *
     * @throws IllegalArgumentException for an empty or garbage id, with the reason
     */
    public static MessageId of(String raw) {
        return parse(raw).orElseThrow(() -> new IllegalArgumentException(
                "not a Message-ID: \"" + printable(raw == null ? "" : raw) + "\""));
    }

    /** {@link #of}, with an empty or garbage id read as absent (what a mail's header may hold). */
    public static Optional<MessageId> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        List<MessageId> ids = all(raw);
        return ids.isEmpty() ? Optional.empty() : Optional.of(ids.getFirst());
    }

    /**
     * Every id of a list header ({@code References}, {@code In-Reply-To}), in order: the bracketed ids when there are
     * any, else the bare tokens that hold an {@code @}. Garbage is skipped.
     */
    public static List<MessageId> all(String raw) {
        if (raw == null) {
            return List.of();
        }
        String text = withoutComments(raw);
        List<MessageId> ids = new ArrayList<>();
        int at = 0;
        while (true) {
            int open = text.indexOf('<', at);
            int close = open < 0 ? -1 : text.indexOf('>', open + 1);
            if (close < 0) {
                break;
            }
            token(text.substring(open + 1, close)).ifPresent(ids::add);
            at = close + 1;
        }
        if (!ids.isEmpty() || text.indexOf('<') >= 0) {
            return List.copyOf(ids);
        }
        String[] tokens = text.strip().split("[\\s\\p{Z}]+");
        if (tokens.length == 1) {
            return token(tokens[0]).map(List::of).orElse(List.of());
        }
        for (String token : tokens) {
            if (token.contains("@")) {
                token(token).ifPresent(ids::add);
            }
        }
        return List.copyOf(ids);
    }

    /**
     * The stand-in identity of a mail without a Message-ID (or whose id another mail reused): {@code sha256:} and its
     * content hash. It threads nothing (it is not {@link #isStrict() strict}, so no header carries it).
     */
    public static MessageId ofContent(String contentHash) {
        return new MessageId(CONTENT_PREFIX + contentHash);
    }

    /** {@code <value>}, for a header. */
    public String inBrackets() {
        return "<" + value + ">";
    }

    /**
     * Whether the id follows RFC 5322 ({@code id-left "@" id-right}, dot-atoms or a domain literal) and is short
     * enough for a header we write (250 characters at most).
     */
    public boolean isStrict() {
        return value.length() <= MAX_STRICT_LENGTH && STRICT.matcher(value).matches();
    }

    /** The part after the last {@code @}, if any. */
    public Optional<String> domain() {
        int at = value.lastIndexOf('@');
        return at < 0 ? Optional.empty() : Optional.of(value.substring(at + 1));
    }

    /** The value, without brackets: what the stores keep. */
    @Override
    public String toString() {
        return value;
    }

    private static Optional<MessageId> token(String candidate) {
        StringBuilder out = new StringBuilder(candidate.length());
        candidate.codePoints()
                .filter(c -> !(Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                        || Character.getType(c) == Character.FORMAT))
                .forEach(out::appendCodePoint);
        String value = out.toString();
        if (value.isEmpty() || value.length() > MAX_LENGTH || value.indexOf('<') >= 0 || value.indexOf('>') >= 0) {
            return Optional.empty();
        }
        return Optional.of(new MessageId(value));
    }

    /** RFC 5322 comments ({@code (...)}, nested, with {@code \} quoting) removed; quoted strings kept as they are. */
    private static String withoutComments(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        int depth = 0;
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && (depth > 0 || quoted)) {
                if (depth == 0) {
                    out.append(c).append(raw.charAt(i + 1));
                }
                i++;
            } else if (depth == 0 && c == '"') {
                quoted = !quoted;
                out.append(c);
            } else if (!quoted && c == '(') {
                depth++;
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            } else if (depth == 0) {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String printable(String value) {
        String shown = value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() <= 80 ? shown : shown.substring(0, 77) + "...";
    }
}
