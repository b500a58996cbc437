package io.guichet.core.account;

import java.util.Locale;
import java.util.Optional;

/** The languages Guichet answers in. */
public enum Language {
    EN, FR;

    /** {@code en}, {@code fr}, {@code english}, {@code français}... in any case; empty when unknown. */
    public static Optional<Language> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "en", "eng", "english", "anglais" -> Optional.of(EN);
            case "fr", "fra", "fre", "french", "français", "francais" -> Optional.of(FR);
            default -> Optional.empty();
        };
    }

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
