package io.guichet.mail.headers;

import io.guichet.core.mail.MessageId;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HeaderValuesTest {

    @Test
    @DisplayName("CR/LF injection is neutralised: no new header can be started")
    void crlfInjection() {
        assertThat(HeaderValues.safe("Agents offline\r\nBcc: victim@example.org"))
                .isEqualTo("Agents offline Bcc: victim@example.org");
        assertThat(HeaderValues.safe("a\nb\rc")).isEqualTo("a b c");
    }

    @Test
    @DisplayName("Other control characters and Unicode line separators are removed, text kept")
    void otherControls() {
        assertThat(HeaderValues.safe("\u0000Dossier\t1042\u0085 \u2028résolu\u007f "))
                .isEqualTo("Dossier 1042 résolu");
        assertThat(HeaderValues.safe("Élodie « Martin »")).isEqualTo("Élodie « Martin »");
    }

    @Test
    @DisplayName("A single Message-ID is bracketed when valid, refused when it hides anything else")
    void messageId() {
        assertThat(HeaderValues.messageId(MessageId.of("abc.123@guichet.example"))).contains("<abc.123@guichet.example>");
        assertThat(HeaderValues.messageId(MessageId.of(" <abc@[192.0.2.1]> "))).contains("<abc@[192.0.2.1]>");
        assertThat(HeaderValues.messageId(MessageId.of("a@@x"))).isEmpty();
        assertThat(HeaderValues.messageId(MessageId.of("no-at-sign"))).isEmpty();
        assertThat(HeaderValues.messageId(MessageId.of("a\"b@x"))).isEmpty();
        assertThat(HeaderValues.messageId(MessageId.ofContent("ab12"))).isEmpty();
    }

    @Test
    @DisplayName("References keeps valid ids in order, once each, and drops the rest")
    void references() {
        assertThat(HeaderValues.references(Stream.of("<root@guichet.example>", "evil@x@Bcc:a@b",
                "reply-1@guichet.example", "<root@guichet.example>", "<CAF3x9Q@mail.gmail.com>").map(MessageId::of).toList()))
                .contains("<root@guichet.example> <reply-1@guichet.example> <CAF3x9Q@mail.gmail.com>");
        assertThat(HeaderValues.references(List.of(MessageId.of("junk"), MessageId.ofContent("00")))).isEmpty();
        assertThat(HeaderValues.references(List.of())).isEmpty();
    }

    @Test
    @DisplayName("A long References keeps the thread root and the most recent ids within the cap")
    void referencesCapped() {
        List<MessageId> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            ids.add(new MessageId("msg-" + i + "@guichet.example"));
        }

        Optional<String> value = HeaderValues.references(ids);

        assertThat(value).hasValueSatisfying(references -> {
            assertThat(references.length()).isLessThanOrEqualTo(HeaderValues.DEFAULT_REFERENCES_MAX_LENGTH);
            assertThat(references).startsWith("<msg-0@guichet.example> <msg-");
            assertThat(references).endsWith("<msg-98@guichet.example> <msg-99@guichet.example>");
            assertThat(references).doesNotContain("<msg-1@guichet.example>");
        });
        assertThat(HeaderValues.references(ids, 50)).contains("<msg-0@guichet.example> <msg-99@guichet.example>");
    }
}
