package io.guichet.mail.outbound;

import io.guichet.mail.headers.HeaderValues;
import io.guichet.core.mail.MessageId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** One References policy for the outbox and the header: the thread's root kept, the middle trimmed. */
class ReferencesPolicyTest {

    private static List<MessageId> thread(int length) {
        return IntStream.rangeClosed(1, length).mapToObj(i -> new MessageId("m" + i + "@guichet.example")).toList();
    }

    @Test
    @DisplayName("R2: a long thread keeps its root and its 19 most recent messages in the outbox")
    void longThreadKeepsRoot() {
        List<MessageId> kept = OutboxMessenger.rootAndRecent(thread(30));

        assertThat(kept).hasSize(20).startsWith(MessageId.of("m1@guichet.example")).endsWith(MessageId.of("m30@guichet.example"))
                .doesNotContain(MessageId.of("m11@guichet.example")).contains(MessageId.of("m12@guichet.example"));
    }

    @Test
    @DisplayName("R2: a short thread is kept whole")
    void shortThreadWhole() {
        assertThat(OutboxMessenger.rootAndRecent(thread(5))).isEqualTo(thread(5));
    }

    @Test
    @DisplayName("R2: the header trims by length with the same rule: root first, then the most recent")
    void headerSameRule() {
        List<MessageId> ids = thread(30);
        String header = HeaderValues.references(OutboxMessenger.rootAndRecent(ids), 200).orElseThrow();

        assertThat(header).startsWith("<m1@guichet.example> ").endsWith("<m30@guichet.example>");
        assertThat(header.length()).isLessThanOrEqualTo(200);
    }
}
