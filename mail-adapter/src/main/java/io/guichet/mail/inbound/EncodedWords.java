package io.guichet.mail.inbound;

import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.Base64;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes RFC 2047 encoded words ({@code =?charset?B?...?=}, {@code =?charset?Q?...?=}) in a header value as far as
 * they can be, and never leaves one raw: an unknown charset is read as UTF-8 when the bytes are valid UTF-8, else as
 * windows-1252 ({@link TextDecoding}); broken Base64 gives what decodes of it; a broken Q escape is kept as written.
 * Adjacent encoded words of one charset are joined before decoding (clients split a character across two words),
 * and the white space between encoded words is dropped (RFC 2047 section 6.2). Never throws.
 */
final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    static String decode(String value) {
        List<Object> parts = new ArrayList<>(); // literal text (String) and encoded words (Word), in order
        Matcher m = WORD.matcher(value);
        int last = 0;
        while (m.find()) {
            String between = value.substring(last, m.start());
            boolean afterWord = !parts.isEmpty() && parts.getLast() instanceof Word;
            if (!between.isEmpty() && !(afterWord && between.isBlank())) {
                parts.add(between);
            }
            byte[] bytes = m.group(2).equalsIgnoreCase("B") ? base64(m.group(3)) : q(m.group(3));
            parts.add(new Word(charsetName(m.group(1)), bytes));
            last = m.end();
        }
        if (parts.isEmpty()) {
            return value;
        }
        parts.add(value.substring(last));
        StringBuilder out = new StringBuilder(value.length());
        ByteArrayOutputStream run = new ByteArrayOutputStream();
        String runCharset = null;
        for (Object part : parts) {
            if (part instanceof Word word && word.charset().equalsIgnoreCase(String.valueOf(runCharset))) {
                run.writeBytes(word.bytes());
                continue;
            }
            if (runCharset != null) {
                out.append(TextDecoding.decode(run.toByteArray(), known(runCharset)));
                run.reset();
                runCharset = null;
            }
            if (part instanceof Word word) {
                run.writeBytes(word.bytes());
                runCharset = word.charset();
            } else {
                out.append((String) part);
            }
        }
        return out.toString();
    }

    private record Word(String charset, byte[] bytes) {
    }

    /** {@code utf-8*en} (RFC 2231 language) is {@code utf-8}. */
    private static String charsetName(String declared) {
        int star = declared.indexOf('*');
        return star < 0 ? declared : declared.substring(0, star);
    }

    private static Optional<String> known(String charset) {
        try {
            return Charset.isSupported(MimeUtility.javaCharset(charset)) ? Optional.of(charset) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Base64, leniently: characters outside the alphabet dropped, a broken tail left out. */
    private static byte[] base64(String text) {
        String clean = text.replaceAll("[^A-Za-z0-9+/]", "");
        if (clean.length() % 4 == 1) {
            clean = clean.substring(0, clean.length() - 1); // a lone last character decodes to nothing
        }
        int rest = clean.length() % 4;
        String padded = rest == 0 ? clean : clean + "=".repeat(4 - rest);
        try {
            return Base64.getDecoder().decode(padded);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** The Q encoding: {@code _} is a space, {@code =XX} a byte; a broken escape is kept as written. */
    private static byte[] q(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
                out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return c < 128 && Character.digit(c, 16) >= 0;
    }
}
