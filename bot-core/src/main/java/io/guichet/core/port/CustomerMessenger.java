package io.guichet.core.port;

import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.mail.MessageId;

import java.util.List;
import java.util.Optional;

/**
 * Says something to a customer. Called inside the transaction of the change that causes it, so an
 * implementation records the message durably (an outbox) and sends it after commit: nothing is said for a change
 * that rolled back, and nothing to say is lost.
 */
public interface CustomerMessenger {

    /** Says several things at once, in this order, in answer to the channel's message {@code answering} if any. */
    void tellAll(List<CustomerNotice> notices, Optional<MessageId> answering);

    default void tellAll(List<CustomerNotice> notices) {
        tellAll(notices, Optional.empty());
    }

    default void tell(CustomerNotice notice) {
        tellAll(List.of(notice), Optional.empty());
    }
}
