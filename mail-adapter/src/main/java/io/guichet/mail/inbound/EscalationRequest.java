package io.guichet.mail.inbound;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/** R18: a customer asks for escalation when the first line of what they wrote starts with a keyword. */
final class EscalationRequest {

    private EscalationRequest() {
    }

    static boolean asked(String newText, List<String> keywords) {
        String firstLine = newText.strip().lines().findFirst().orElse("");
        String normalized = normalize(firstLine);
        return keywords.stream().map(EscalationRequest::normalize).filter(k -> !k.isEmpty())
                .anyMatch(k -> normalized.equals(k) || normalized.startsWith(k + " ") || normalized.startsWith(k + ":")
                        || normalized.startsWith(k + ",") || normalized.startsWith(k + ".") || normalized.startsWith(k + "!"));
    }

    private static String normalize(String text) {
        return Normalizer.normalize(text.strip().toLowerCase(Locale.ROOT), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
