package io.guichet.mail.inbound;

import io.guichet.core.account.Language;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The language a mail is written in, roughly: used only to answer senders we do not know (a contact's own
 * language always wins). Counts common French and English words.
 */
final class LanguageGuess {

    private static final Set<String> FRENCH = Set.of("bonjour", "merci", "le", "la", "les", "des", "une", "est",
            "nous", "vous", "pour", "avec", "pas", "sur", "cordialement", "serveur", "depuis", "notre", "dans");
    private static final Set<String> ENGLISH = Set.of("hello", "hi", "thanks", "thank", "the", "is", "we", "you",
            "for", "with", "not", "on", "regards", "server", "since", "our", "in", "and");

    /** The start of a mail tells its language; long mails are not read further. */
    private static final int READ_AT_MOST = 4000;
    private static final Pattern NON_LETTERS = Pattern.compile("[^\\p{L}]+");

    private LanguageGuess() {
    }

    static Optional<Language> of(String text) {
        int french = 0;
        int english = 0;
        String start = text.length() > READ_AT_MOST ? text.substring(0, READ_AT_MOST) : text;
        for (String word : NON_LETTERS.split(start.toLowerCase(Locale.ROOT))) {
            if (FRENCH.contains(word)) {
                french++;
            } else if (ENGLISH.contains(word)) {
                english++;
            }
        }
        if (french == english) {
            return Optional.empty();
        }
        return Optional.of(french > english ? Language.FR : Language.EN);
    }
}
