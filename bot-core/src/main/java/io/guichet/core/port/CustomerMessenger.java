package io.guichet.core.port;

import io.guichet.core.desk.CustomerNotice;

import java.util.List;

/**
 * Says something to a customer. Called inside the transaction of the change that causes it, so an
 * implementation records the message durably (an outbox) and sends it after commit: nothing is said for a change
 * that rolled back, and nothing to say is lost.
 */
public interface CustomerMessenger {

    void tell(CustomerNotice notice);

    /** Says several things at once, as {@link #tell} would one after the other (in this order). */
    default void tellAll(List<CustomerNotice> notices) {
        notices.forEach(this::tell);
    }
}
