package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.ticket.TicketId;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationLoopTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final String ROBOT = "Thank you for your message of 2026-03-02. We will answer within 2 days. Ref 4001.";

    private static ThreadMessage in(long ticket, String body, int minute) {
        return new ThreadMessage(ticket == 0 ? Optional.empty() : Optional.of(new TicketId(ticket)),
                ThreadMessage.Direction.IN, new MessageId("in" + minute + "-" + ticket), "s", "robot@x.example", body,
                T0.plusSeconds(60L * minute), List.of());
    }

    private static ThreadMessage out(long ticket, int minute) {
        return new ThreadMessage(Optional.of(new TicketId(ticket)), ThreadMessage.Direction.OUT, new MessageId("out" + minute), "s",
                "robot@x.example", "ack", T0.plusSeconds(60L * minute), List.of());
    }

    private static List<ThreadMessage> loopOf(int tickets) {
        List<ThreadMessage> exchange = new ArrayList<>();
        for (int i = 1; i <= tickets; i++) {
            exchange.add(in(i, ROBOT.replace("4001", "400" + i), i * 2));
            exchange.add(out(i, i * 2));
        }
        return exchange;
    }

    @Test
    @DisplayName("R2: the same fresh mail right after our answer, after 3 tickets, is a loop; before that it opens tickets")
    void loopAfterThree() {
        String next = ROBOT.replace("2026-03-02", "2026-03-03").replace("4001", "4009");

        assertThat(ConversationLoop.of(loopOf(2), next, T0.plusSeconds(300))).isInstanceOf(ConversationLoop.Verdict.None.class);
        assertThat(ConversationLoop.of(loopOf(3), next, T0.plusSeconds(420)))
                .isEqualTo(new ConversationLoop.Verdict.Loop(new TicketId(3), 3, true));
        List<ThreadMessage> afterFirstStop = new ArrayList<>(loopOf(3));
        afterFirstStop.add(in(0, next, 7));
        assertThat(ConversationLoop.of(afterFirstStop, next, T0.plusSeconds(480)))
                .isEqualTo(new ConversationLoop.Verdict.Loop(new TicketId(3), 3, false));
    }

    @Test
    @DisplayName("R2: other text, or the same text long after our last answer, is not a loop")
    void notALoop() {
        assertThat(ConversationLoop.of(loopOf(3), "The console is slow since this morning, every page takes a minute.",
                T0.plusSeconds(420))).isInstanceOf(ConversationLoop.Verdict.None.class);
        assertThat(ConversationLoop.of(loopOf(3), ROBOT, T0.plusSeconds(6 * 60 + 11 * 60)))
                .isInstanceOf(ConversationLoop.Verdict.None.class);
    }
}
