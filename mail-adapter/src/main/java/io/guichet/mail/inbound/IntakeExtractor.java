package io.guichet.mail.inbound;

import io.guichet.core.intake.IntakeDraft;
import io.guichet.core.intake.IntakeReader;
import io.guichet.core.link.PageLinkLines;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the intake fields of policy rule R4 from the new text of a message (see {@link QuoteStripper}).
 *
 * <p>Labelled lines ({@link IntakeLabel}) win. A single-line field (subject, severity, server URL, module,
 * version) takes the rest of its line, or the next non-blank line when nothing follows the colon. A multi-line
 * field (description, steps to reproduce, affected devices) continues on the following lines until the next
 * label; blank lines inside it are kept, trailing ones dropped. The first occurrence of a label wins.
 *
 * <p>Without labels: the first {@code https://} URL is the server URL, a version-looking string
 * ({@code 9.5.0.12}, {@code v10.2}, {@code version 10.2}) the version, and the description is the text without
 * the labelled lines. Nothing is validated here.
 */
public final class IntakeExtractor implements IntakeReader {

    private static final Pattern HTTPS_URL = Pattern.compile("(?i)\\bhttps://[^\\s<>\"']+");
    // possessive, and addresses matched from the start of a word only: linear in the text, however long its words
    static final Pattern ANY_URL_OR_ADDRESS =
            Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*+://\\S++|(?<!\\S)[^\\s@]++@\\S++");
    private static final Pattern PREFIXED_VERSION = Pattern.compile(
            "(?i)(?:\\bversion\\s*:?\\s*v?|\\bv)(\\d+(?:\\.\\d+)+)(?![\\d.]*\\d)");
    private static final Pattern DOTTED_VERSION = Pattern.compile("(?<![\\w.])(\\d+\\.\\d+\\.\\d+(?:\\.\\d+)?)(?![\\w]|\\.\\d)");
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{1,2}\\.\\d{1,2}\\.(?:19|20)\\d{2}");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[.,;:!?)\\]>]+$");

    /**
     * The reading every channel shares ({@link IntakeReader}): the fields of {@code text} without the page-link lines
     * of our own mail ({@link PageLinkLines}), as the core's raw draft.
     */
    @Override
    public IntakeDraft read(Optional<String> subject, String text) {
        ExtractedIntake e = extract(subject, PageLinkLines.strip(text));
        return new IntakeDraft(e.subject(), e.description(), e.severityText(), e.serverUrl(), e.module(),
                e.stepsToReproduce(), e.affectedDevices(), e.version());
    }

    /** The fields found in {@code text}, no fallback subject. */
    public ExtractedIntake extract(String text) {
        return extract(Optional.empty(), text);
    }

    /** The fields found in {@code text}; the subject falls back to {@code mailSubject} when not labelled. */
    public ExtractedIntake extract(Optional<String> mailSubject, String text) {
        List<String> lines = List.of(text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1));
        Map<IntakeLabel, List<String>> values = new EnumMap<>(IntakeLabel.class);
        Set<Integer> labelled = new HashSet<>();
        IntakeLabel current = null;
        List<String> target = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Optional<IntakeLabel.Match> match = IntakeLabel.match(line);
            if (match.isPresent()) {
                labelled.add(i);
                IntakeLabel label = match.get().label();
                target = new ArrayList<>();
                values.putIfAbsent(label, target);
                String value = match.get().value();
                if (!value.isEmpty()) {
                    target.add(value);
                }
                current = !label.multiLine() && !value.isEmpty() ? null : label;
            } else if (current != null) {
                if (line.isBlank()) {
                    if (current.multiLine() && !target.isEmpty()) {
                        target.add("");
                    }
                    continue;
                }
                labelled.add(i);
                target.add(line.strip());
                if (!current.multiLine()) {
                    current = null;
                }
            }
        }
        Optional<String> severityText = value(values, IntakeLabel.SEVERITY);
        return new ExtractedIntake(
                value(values, IntakeLabel.SUBJECT).or(() -> mailSubject.map(String::strip).filter(s -> !s.isEmpty())),
                value(values, IntakeLabel.DESCRIPTION).or(() -> unlabelled(lines, labelled)),
                severityText,
                severityText.flatMap(io.guichet.core.ticket.Severity::parse).map(io.guichet.core.ticket.Severity::level),
                value(values, IntakeLabel.SERVER_URL).or(() -> firstHttpsUrl(text)),
                value(values, IntakeLabel.MODULE),
                value(values, IntakeLabel.STEPS),
                value(values, IntakeLabel.DEVICES),
                value(values, IntakeLabel.VERSION).or(() -> versionLike(text)));
    }

    private static Optional<String> value(Map<IntakeLabel, List<String>> values, IntakeLabel label) {
        List<String> lines = values.getOrDefault(label, List.of());
        String joined = String.join("\n", lines).strip();
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined);
    }

    private static Optional<String> unlabelled(List<String> lines, Set<Integer> labelled) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!labelled.contains(i)) {
                rest.add(lines.get(i));
            }
        }
        String text = HtmlText.tidy(String.join("\n", rest));
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    private static Optional<String> firstHttpsUrl(String text) {
        Matcher matcher = HTTPS_URL.matcher(text);
        return matcher.find()
                ? Optional.of(TRAILING_PUNCTUATION.matcher(matcher.group()).replaceFirst(""))
                : Optional.empty();
    }

    private static Optional<String> versionLike(String text) {
        if (!hasDigitDotDigit(text)) {
            return Optional.empty(); // every version looked for has one; masking inserts none
        }
        String withoutUrls = withoutUrlsOrAddresses(text);
        Matcher prefixed = PREFIXED_VERSION.matcher(withoutUrls);
        if (prefixed.find()) {
            return Optional.of(prefixed.group(1));
        }
        Matcher dotted = DOTTED_VERSION.matcher(withoutUrls);
        while (dotted.find()) {
            if (!DATE_LIKE.matcher(dotted.group(1)).matches()) {
                return Optional.of(dotted.group(1));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code text} with its URLs and addresses masked. Neither spans a line (both end at white space), and a line
     * with neither {@code ://} nor {@code @} has none: only the lines that may hold one go through the pattern.
     */
    static String withoutUrlsOrAddresses(String text) {
        if (text.indexOf('@') < 0 && !text.contains("://")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            end = end < 0 ? text.length() : end;
            String line = text.substring(start, end);
            out.append(line.indexOf('@') >= 0 || line.contains("://")
                    ? ANY_URL_OR_ADDRESS.matcher(line).replaceAll(" ") : line);
            if (end < text.length()) {
                out.append('\n');
            }
            start = end + 1;
        }
        return out.toString();
    }

    private static boolean hasDigitDotDigit(String text) {
        for (int i = text.indexOf('.', 1); i > 0 && i + 1 < text.length(); i = text.indexOf('.', i + 1)) {
            if (isAsciiDigit(text.charAt(i - 1)) && isAsciiDigit(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
