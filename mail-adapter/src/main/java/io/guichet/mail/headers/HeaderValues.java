package io.guichet.mail.headers;

import io.guichet.core.mail.MessageId;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes values safe to put in a header. Jakarta Mail's {@code setHeader(name, value)} writes the value as is,
 * so a value holding {@code "\r\nBcc: x"} would become a real header (header injection): every header built
 * from input goes through {@link #safe(String)} or {@link #references(List)}.
 */
public final class HeaderValues {

    /** Longest {@code References} value built by default: well under the 998-octet line limit of RFC 5322. */
    public static final int DEFAULT_REFERENCES_MAX_LENGTH = 900;


    private HeaderValues() {
    }

    /**
     * {@code value} with every control character (CR, LF, tab, NUL, DEL, C1 controls) and Unicode line or
     * paragraph separator replaced by a space, bidirectional overrides (which can disguise text) removed, runs of
     * spaces collapsed, and trimmed. {@code null} gives the empty string.
     */
    public static String safe(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(cp -> {
            if (isBidiControl(cp)) {
                return;
            }
            boolean control = Character.isISOControl(cp) || cp == 0x2028 || cp == 0x2029 || cp == 0x85;
            out.appendCodePoint(control ? ' ' : cp);
        });
        return out.toString().replaceAll(" {2,}", " ").strip();
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
    }

    /**
     * One Message-ID as a header token {@code <left@right>}; nothing when it is not a valid msg-id (RFC 5322) or is
     * longer than 250 characters ({@link MessageId#isStrict()}).
     */
    public static Optional<String> messageId(MessageId id) {
        return id.isStrict() ? Optional.of(id.inBrackets()) : Optional.empty();
    }

    /** {@link #references(List, int)} with {@link #DEFAULT_REFERENCES_MAX_LENGTH}. */
    public static Optional<String> references(List<MessageId> ids) {
        return references(ids, DEFAULT_REFERENCES_MAX_LENGTH);
    }

    /**
     * A {@code References} value from message ids, oldest first: invalid ids are dropped, duplicates kept once,
     * tokens separated by single spaces. When too long, the first id (the thread root) and the most recent ids
     * are kept, as RFC 5322 section 3.6.4 suggests. Nothing when no id is valid.
     */
    public static Optional<String> references(List<MessageId> ids, int maxLength) {
        Set<String> tokens = new LinkedHashSet<>();
        for (MessageId id : ids) {
            messageId(id).ifPresent(tokens::add);
        }
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        List<String> ordered = new ArrayList<>(tokens);
        String root = ordered.getFirst();
        if (root.length() > maxLength) {
            return Optional.empty();
        }
        Deque<String> recent = new ArrayDeque<>();
        int length = root.length();
        for (int i = ordered.size() - 1; i > 0; i--) {
            String token = ordered.get(i);
            if (length + 1 + token.length() > maxLength) {
                break;
            }
            recent.addFirst(token);
            length += 1 + token.length();
        }
        List<String> kept = new ArrayList<>();
        kept.add(root);
        kept.addAll(recent);
        return Optional.of(String.join(" ", kept));
    }
}
