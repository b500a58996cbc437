package io.guichet.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the {@code .eml} fixtures of {@code src/test/resources/mail/} and parses them. */
final class Fixtures {

    private Fixtures() {
    }

    static byte[] raw(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/mail/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static InboundEmail parsed(String name) {
        return parsed(new MimeParser(), raw(name));
    }

    static InboundEmail parsed(MimeParser parser, byte[] raw) {
        ParseResult result = parser.parse(raw);
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).email();
    }

    /** A message written inline in a test: {@code \n} line ends become CRLF. */
    static InboundEmail parsedText(String message) {
        return parsed(new MimeParser(), crlf(message));
    }

    static byte[] crlf(String message) {
        return message.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
