package io.guichet.mail.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Removes quoted history from a reply so a ticket shows only what is new.
 *
 * <p>Two kinds of markers are recognised:
 * <ul>
 *   <li><b>Cut markers</b>: everything from the marker down is dropped. Outlook's
 *       {@code -----Original Message-----} / {@code -----Message d'origine-----}; the
 *       {@code ________________________________} separator; an Outlook header block
 *       ({@code From: / Sent: / To: / Subject:} or {@code De : / Envoyé : / À : / Objet :}); the signature
 *       delimiter {@code "-- "}; and an attribution line ({@code On <date>, <name> wrote:},
 *       {@code Le <date>, <nom> a écrit :}, possibly wrapped over two lines) that is <em>not</em> followed by
 *       {@code >}-quoted lines.</li>
 *   <li><b>Quoted lines</b>: lines starting with {@code >} are removed wherever they are, together with the
 *       attribution line that introduces them, so answers written between quotes (bottom or inline posting)
 *       are kept.</li>
 * </ul>
 * If stripping would leave nothing, the original text is returned unchanged.
 */
public final class QuoteStripper {

    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "(?iu)^\\s*-{2,}\\s*(original message|message d'origine|message d’origine|message transféré"
                    + "|forwarded message|message original)\\s*-{2,}\\s*$");
    private static final Pattern UNDERSCORES = Pattern.compile("^\\s*_{10,}\\s*$");
    private static final Pattern SIGNATURE = Pattern.compile("^--\\s?$");
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "(?iu)^\\s*(on\\s.{1,300}\\bwrote\\s*:|le\\s.{1,300}\\ba\\s+[ée]crit\\s*:)\\s*$");
    private static final Pattern HEADER_FROM = Pattern.compile("(?iu)^\\s*\\*?(from|de)\\s*\\*?\\s*:\\s*\\*?\\s*\\S.*$");
    private static final Pattern HEADER_SENT = Pattern.compile(
            "(?iu)^\\s*\\*?(sent|date|envoy[ée]|envoy[ée] le)\\s*\\*?\\s*:.*$");
    private static final Pattern HEADER_SUBJECT = Pattern.compile("(?iu)^\\s*\\*?(subject|objet)\\s*\\*?\\s*:.*$");
    private static final int HEADER_BLOCK_LINES = 6;

    /** The new part of {@code text}; lines are separated by {@code \n} in the result. */
    public String strip(String text) {
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        List<String> kept = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (isCutMarker(lines, i)) {
                break;
            }
            int attribution = attributionLength(lines, i);
            if (attribution > 0) {
                if (!followedByQuote(lines, i + attribution)) {
                    break;
                }
                i += attribution;
                continue;
            }
            if (!line.stripLeading().startsWith(">")) {
                kept.add(line);
            }
            i++;
        }
        String result = HtmlText.tidy(String.join("\n", kept));
        return result.isEmpty() ? text.strip() : result;
    }

    private static boolean isCutMarker(List<String> lines, int i) {
        String line = lines.get(i);
        return ORIGINAL_MESSAGE.matcher(line).matches()
                || UNDERSCORES.matcher(line).matches()
                || SIGNATURE.matcher(line).matches()
                || isHeaderBlock(lines, i);
    }

    /** An Outlook header block: a From/De line, then a Sent/Envoyé line and a Subject/Objet line close below. */
    private static boolean isHeaderBlock(List<String> lines, int i) {
        if (!HEADER_FROM.matcher(lines.get(i)).matches()) {
            return false;
        }
        boolean sent = false;
        boolean subject = false;
        for (int j = i + 1; j < Math.min(lines.size(), i + 1 + HEADER_BLOCK_LINES); j++) {
            sent |= HEADER_SENT.matcher(lines.get(j)).matches();
            subject |= HEADER_SUBJECT.matcher(lines.get(j)).matches();
        }
        return sent && subject;
    }

    /** 1 or 2 when an attribution line (possibly wrapped once) starts at {@code i}, else 0. */
    private static int attributionLength(List<String> lines, int i) {
        String line = lines.get(i);
        if (line.isBlank() || line.stripLeading().startsWith(">")) {
            return 0;
        }
        if (ATTRIBUTION.matcher(line).matches()) {
            return 1;
        }
        if (i + 1 < lines.size() && !lines.get(i + 1).isBlank()
                && ATTRIBUTION.matcher(line.stripTrailing() + " " + lines.get(i + 1).strip()).matches()) {
            return 2;
        }
        return 0;
    }

    private static boolean followedByQuote(List<String> lines, int from) {
        for (int j = from; j < lines.size(); j++) {
            if (!lines.get(j).isBlank()) {
                return lines.get(j).stripLeading().startsWith(">");
            }
        }
        return false;
    }
}
