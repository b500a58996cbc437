package io.guichet.mail.inbound;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a severity number (R14: 1 highest to 4 lowest) from what a customer wrote: a number ({@code 2},
 * {@code sev 2}, {@code S2}, {@code P2}, {@code 2 - majeure}) or a word in French or English
 * ({@code critique}, {@code high}, {@code moyenne}, {@code mineure}...). A number wins over a word. A number
 * outside 1-4 gives nothing: the raw text is kept by the caller for the core to refuse with a clear message.
 */
final class SeverityText {

    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.,])(\\d+)(?![\\d.,]*\\d)");
    private static final Map<Pattern, Integer> WORDS = Map.of(
            Pattern.compile("\\b(critical|critique|bloquante?|blocking)\\b"), 1,
            Pattern.compile("\\b(high|haute|elevee|majeure?|major)\\b"), 2,
            Pattern.compile("\\b(medium|moyenne?|moderee?|moderate|normale?)\\b"), 3,
            Pattern.compile("\\b(low|basse|faible|mineure?|minor)\\b"), 4);

    private SeverityText() {
    }

    static Optional<Integer> number(String text) {
        String normalized = IntakeLabel.normalize(text);
        Matcher number = NUMBER.matcher(normalized);
        if (number.find()) {
            String digits = number.group(1);
            return digits.length() == 1 && digits.charAt(0) >= '1' && digits.charAt(0) <= '4'
                    ? Optional.of(digits.charAt(0) - '0')
                    : Optional.empty();
        }
        return WORDS.entrySet().stream()
                .filter(entry -> entry.getKey().matcher(normalized).find())
                .map(Map.Entry::getValue)
                .min(Integer::compare);
    }
}
