package io.guichet.core.port;

import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.desk.Received;
import io.guichet.core.mail.ThreadMessage;

import java.util.List;
import java.util.Optional;

/**
 * The conversation with a customer: keeps what they wrote and says something to them. Called inside the
 * transaction of the change that causes it, so an implementation records the message durably (an outbox) and sends
 * it after commit: nothing is said for a change that rolled back, and nothing to say is lost.
 */
public interface CustomerMessenger {

    /**
     * Keeps the customer's message in its ticket's conversation ({@code message.ticket()} is set), before anything is
     * said in answer: the conversation is in the order things happened.
     */
    void received(ThreadMessage message);

    /**
     * Says several things at once, in this order, in answer to the channel's message {@code inAnswerTo} if any: the
     * answers thread on it and carry its correlation id.
     */
    void tellAll(List<CustomerNotice> notices, Optional<Received> inAnswerTo);

    default void tellAll(List<CustomerNotice> notices) {
        tellAll(notices, Optional.empty());
    }

    default void tell(CustomerNotice notice) {
        tellAll(List.of(notice), Optional.empty());
    }
}
