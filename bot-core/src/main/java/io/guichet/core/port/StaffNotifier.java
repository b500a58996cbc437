package io.guichet.core.port;

import io.guichet.core.desk.StaffNotice;

/**
 * Delivers a staff notice to the people who must hear it (the Discord staff channel, or the log). Called after the
 * change committed, from the staff outbox's dispatcher: it returns once the notice is delivered and throws
 * {@link NotDelivered} when it is not, so the notice is tried again later.
 */
public interface StaffNotifier {

    void deliver(StaffNotice notice) throws NotDelivered;

    /** The channel refused or could not be reached; the message says why, in words for an operator. */
    final class NotDelivered extends Exception {
        public NotDelivered(String reason) {
            super(reason);
        }

        public NotDelivered(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
