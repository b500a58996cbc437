package io.guichet.mail.inbound;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake's text normalizations are written as one pass over the text (they run on every body, and on every mail
 * exchanged with a sender); each must give exactly what its regular-expression definition gives.
 */
class OnePassTextTest {

    /** Letters (with accents, upper case, outside the BMP), digits, #, apostrophes, hyphens, spaces of all kinds. */
    private static final String[] PIECES = {"a", "B", "é", "É", "ß", "İ", "\uD835\uDC00", "z", "0", "7", "42", "#", "'",
            "\u2019", "`", "\u00a0", "-", " ", "\t", "\n", "\r\n", ".", ",", "!", "@", "/", "_", "\u0301", "œ", "ǅ"};

    @Test
    @DisplayName("R2: the conversation-loop wording is its definition: digits as #, other runs as one space")
    void loopWording() {
        Pattern digits = Pattern.compile("\\d+");
        Pattern rest = Pattern.compile("[^\\p{L}#]+");
        for (String text : samples(20_000, 1)) {
            String expected = rest.matcher(digits.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("#"))
                    .replaceAll(" ").strip();
            assertThat(ConversationLoop.normalized(text)).as("normalized(%s)", escape(text)).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("R18: the escalation wording is its definition: apostrophes, hyphens and blanks as one space")
    void escalationWording() {
        for (String text : samples(20_000, 2)) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (!lower.chars().allMatch(c -> c < 0x80)) {
                lower = java.text.Normalizer.normalize(lower, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            }
            String expected = lower.replaceAll("['\u2019`\u00a0-]", " ").replaceAll("[ \\t]+", " ").strip();
            assertThat(EscalationRequest.normalize(text)).as("normalize(%s)", escape(text)).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("R4: URLs and addresses are masked line by line as in the whole text, before a version is looked for")
    void urlsMaskedByLine() {
        String[] pieces = {"https://", "ftp://", "srv.example", "@", "a@b.fr", "9.5.0.12", "v10.2", " ", "\n", "\r\n",
                "\t", "x", ".", "/", "<", ">", "1", "mailto:", "é"};
        Random random = new Random(3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(14);
            for (int j = 0; j < length; j++) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String expected = IntakeExtractor.ANY_URL_OR_ADDRESS.matcher(text).replaceAll(" ");
            assertThat(IntakeExtractor.withoutUrlsOrAddresses(text.toString())).as("masked(%s)", escape(text.toString()))
                    .isEqualTo(expected);
        }
    }

    private static String[] samples(int count, long seed) {
        Random random = new Random(seed);
        String[] samples = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            samples[i] = text.toString();
        }
        return samples;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
