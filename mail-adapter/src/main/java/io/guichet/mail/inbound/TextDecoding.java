package io.guichet.mail.inbound;

import jakarta.mail.internet.MimeUtility;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Decodes the bytes of a text part. The declared charset wins when Java knows it, except that ISO-8859-1 and
 * US-ASCII are read as windows-1252 (a superset; mislabelled Windows text is common) unless the bytes are
 * valid UTF-8 that is not ASCII and US-ASCII was declared. Without a usable charset: UTF-8 when the bytes are
 * valid UTF-8, else windows-1252. Never throws.
 */
final class TextDecoding {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private TextDecoding() {
    }

    static String decode(byte[] bytes, Optional<String> declaredCharset) {
        Optional<Charset> declared = declaredCharset.flatMap(TextDecoding::charset);
        String text;
        if (declared.isPresent() && declared.get().equals(StandardCharsets.US_ASCII)) {
            text = isAscii(bytes) ? new String(bytes, StandardCharsets.US_ASCII) : guess(bytes);
        } else if (declared.isPresent() && declared.get().equals(StandardCharsets.ISO_8859_1)) {
            text = new String(bytes, WINDOWS_1252);
        } else {
            text = declared.map(charset -> new String(bytes, charset)).orElseGet(() -> guess(bytes));
        }
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Optional<Charset> charset(String name) {
        try {
            String javaName = MimeUtility.javaCharset(name.strip());
            return Charset.isSupported(javaName) ? Optional.of(Charset.forName(javaName)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String guess(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return new String(bytes, WINDOWS_1252);
        }
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
