package io.guichet.mail.inbound;

/**
 * Text from customers made inert before it is stored or passed on: control characters (C0 such as CR, LF and NUL,
 * DEL, C1) and the bidirectional controls that reorder what a reader sees (U+202A-U+202E embeddings and overrides,
 * U+2066-U+2069 isolates) are removed, so a customer's subject, name or field can add no line to a header, a log, a
 * command-line table or a Discord message, and cannot display in an order other than the one stored. Applied once,
 * where the values of an inbound mail are built ({@link InboundEmail}, {@link MailboxAddress}, {@link Attachment},
 * {@link Envelope}, {@link ExtractedIntake}).
 */
public final class InertText {

    private InertText() {
    }

    /**
     * One line (a subject, a name, a field): line breaks and tabs become a space, other controls are removed, runs
     * of white space become one space, and the ends are stripped.
     */
    public static String line(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (isBreak(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                space = true;
            } else if (!isControl(c)) {
                if (space && !out.isEmpty()) {
                    out.append(' ');
                }
                space = false;
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    /**
     * Text of several lines (a body, a description): line breaks become {@code \n} and tabs stay; other controls are
     * removed.
     */
    public static String block(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (c == '\r') {
                if (i < text.length() && text.charAt(i) == '\n') {
                    continue; // CRLF: the LF follows
                }
                out.append('\n');
            } else if (c == '\n' || c == '\t') {
                out.appendCodePoint(c);
            } else if (c == 0x2028 || c == 0x2029) {
                out.append('\n');
            } else if (!isControl(c)) {
                out.appendCodePoint(c);
            }
        }
        return out.toString();
    }

    private static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == '\t' || c == 0x0B || c == 0x0C || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    /** C0, DEL, C1, and the bidirectional embeddings, overrides and isolates. */
    static boolean isControl(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
