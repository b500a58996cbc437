package io.guichet.core.link;

import java.util.regex.Pattern;

/**
 * The line each mail about a ticket ends with, its page's signed link (docs/web.md), as it comes back in a reply
 * whose client did not quote it: it is ours, not the customer's words, so it is left out before the reply is read
 * (its address would otherwise pass for the customer's server URL).
 */
public final class PageLinkLines {

    /** A whole line holding a ticket page's address ({@code .../t/PAYLOAD.SIGNATURE}). */
    private static final Pattern LINE = Pattern.compile(
            "(?m)^[^\\n]*\\bhttps?://\\S*?/t/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+[^\\n]*(?:\\n|$)");

    private PageLinkLines() {
    }

    /** {@code text} without the lines that carry a ticket page's link. */
    public static String strip(String text) {
        String lines = text.replace("\r\n", "\n");
        // every page link has "/t/" in it: most mail has none, and is not run through the pattern
        return lines.contains("/t/") ? LINE.matcher(lines).replaceAll("") : lines;
    }
}
