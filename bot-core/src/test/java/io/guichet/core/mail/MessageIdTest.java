package io.guichet.core.mail;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageIdTest {

    @Test
    @DisplayName("an id is read with or without brackets, white space, folding and comments removed, case kept")
    void normalised() {
        MessageId id = MessageId.of("<CAF3x9Q.Ab@Mail.Example>");

        assertThat(id.value()).isEqualTo("CAF3x9Q.Ab@Mail.Example");
        assertThat(MessageId.of("CAF3x9Q.Ab@Mail.Example")).isEqualTo(id);
        assertThat(MessageId.of("  (sent by Outlook) <CAF3x9Q.Ab@Mail.Example> (comment)\r\n")).isEqualTo(id);
        assertThat(MessageId.of("<CAF3x9Q.Ab@\r\n Mail.Example>")).as("folded inside the id").isEqualTo(id);
        assertThat(MessageId.of("<caf3x9q.ab@mail.example>")).as("the case is kept: another id").isNotEqualTo(id);
        assertThat(MessageId.of("<caf3x9q.ab@mail.example>").hashCode()).isNotEqualTo(id.hashCode());
    }

    @Test
    @DisplayName("the header form is bracketed, the stored form is not")
    void forms() {
        MessageId id = MessageId.of("abc.123@guichet.example");

        assertThat(id.inBrackets()).isEqualTo("<abc.123@guichet.example>");
        assertThat(id.toString()).isEqualTo("abc.123@guichet.example");
        assertThat(id.domain()).contains("guichet.example");
        assertThat(id.isStrict()).isTrue();
        assertThat(MessageId.of("<abc@[192.0.2.1]>").isStrict()).isTrue();
    }

    @Test
    @DisplayName("an empty or garbage id is refused with the reason, or read as absent")
    void refused() {
        assertThatThrownBy(() -> MessageId.of("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a Message-ID");
        assertThatThrownBy(() -> MessageId.of("  <>  ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageId.of("(only a comment)")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageId("abc@x\r\nBcc: evil@attacker.test"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one token");
        assertThatThrownBy(() -> new MessageId("<abc@x>")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageId("abc@x".repeat(200))).isInstanceOf(IllegalArgumentException.class);

        assertThat(MessageId.parse(null)).isEmpty();
        assertThat(MessageId.parse("   ")).isEmpty();
        assertThat(MessageId.parse("<>")).isEmpty();
        assertThat(MessageId.parse("<abc@x>\r\nBcc: y@z")).contains(MessageId.of("abc@x"));
    }

    @Test
    @DisplayName("a list header gives its ids in order; bare tokens count only when they look like ids")
    void all() {
        assertThat(MessageId.all("<root@a.example> (first)\r\n <reply-1@b.example><reply-2@b.example>"))
                .containsExactly(MessageId.of("root@a.example"), MessageId.of("reply-1@b.example"),
                        MessageId.of("reply-2@b.example"));
        assertThat(MessageId.all("root@a.example junk reply@b.example"))
                .containsExactly(MessageId.of("root@a.example"), MessageId.of("reply@b.example"));
        assertThat(MessageId.all("lonely-token")).containsExactly(MessageId.of("lonely-token"));
        assertThat(MessageId.all("<> <   >")).isEmpty();
        assertThat(MessageId.all(null)).isEqualTo(List.of());
    }

    @Test
    @DisplayName("R2: a mail without a Message-ID goes by its content hash, which no header ever carries")
    void ofContent() {
        MessageId stand = MessageId.ofContent("ab12");

        assertThat(stand.value()).isEqualTo("sha256:ab12");
        assertThat(stand.isStrict()).isFalse();
        assertThat(MessageId.of("a@@x").isStrict()).isFalse();
        assertThat(MessageId.of("no-at-sign").isStrict()).isFalse();
    }
}
