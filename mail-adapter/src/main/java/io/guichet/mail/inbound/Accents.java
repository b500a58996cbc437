package io.guichet.mail.inbound;

import java.text.Normalizer;
import java.util.regex.Pattern;

/** Accents taken off letters ({@code é} to {@code e}), for matching words as people type them with or without. */
final class Accents {

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private Accents() {
    }

    /**
     * {@code text} decomposed (NFD) without its combining marks. An ASCII text has none and is returned as it is,
     * without the decomposition and its pattern: most mail is ASCII, and this runs over whole bodies.
     */
    static String removed(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return COMBINING_MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
            }
        }
        return text;
    }
}
