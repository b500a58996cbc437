package io.guichet.mail.inbound;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single linear pass over the raw bytes that counts the MIME part delimiters of every boundary the message
 * declares. It is an upper bound on the number of body parts, cheap enough to run before Jakarta Mail builds
 * one object per part, so that a message with 200,000 parts is refused at once instead of after seconds.
 */
final class BoundaryScan {

    private static final Pattern BOUNDARY = Pattern.compile(
            "(?i)boundary\\s*=\\s*(?:\"([^\"\\r\\n]{1,200})\"|([^\\s;\"]{1,200}))");

    private BoundaryScan() {
    }

    /** How many delimiter lines ({@code --boundary}, not the closing {@code --boundary--}) the message has. */
    static int delimiterCount(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Set<String> boundaries = new HashSet<>();
        Matcher matcher = BOUNDARY.matcher(text);
        while (matcher.find()) {
            boundaries.add(matcher.group(1) != null ? matcher.group(1) : matcher.group(2));
        }
        if (boundaries.isEmpty()) {
            return 0;
        }
        int count = 0;
        int start = 0;
        int length = text.length();
        while (start < length) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = length;
            }
            if (end - start > 2 && text.charAt(start) == '-' && text.charAt(start + 1) == '-'
                    && boundaries.contains(text.substring(start + 2, end).stripTrailing())) {
                count++;
            }
            start = end + 1;
        }
        return count;
    }
}
