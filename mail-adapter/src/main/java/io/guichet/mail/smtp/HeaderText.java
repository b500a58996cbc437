package io.guichet.mail.smtp;

/**
 * Makes text from data safe to put in a header: no CR, LF or other control character can start a new header,
 * and no bidirectional override can disguise one. Line breaks and tabs become spaces; runs of spaces collapse.
 */
final class HeaderText {

    private HeaderText() {
    }

    /** {@code text} on one line, without control characters, trimmed. */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85) {
                space = true;
            } else if (!Character.isISOControl(cp) && !isBidiControl(cp)) {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    /** A Message-ID without its angle brackets, as text safe for {@code <...>}: no space, bracket or control. */
    static String messageId(String id) {
        String safe = safe(id);
        StringBuilder out = new StringBuilder(safe.length());
        safe.codePoints().filter(cp -> cp != '<' && cp != '>' && cp != ' ').forEach(out::appendCodePoint);
        return out.toString();
    }

    private static boolean isBidiControl(int cp) {
        return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F;
    }
}
