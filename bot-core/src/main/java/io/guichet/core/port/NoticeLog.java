package io.guichet.core.port;

import io.guichet.core.account.ContactId;

import java.time.Instant;

/** Remembers the calendar notices sent (R10, R20), so each is sent once per subject and contact. */
public interface NoticeLog {

    /** What a calendar notice is about. */
    enum Kind {
        /** R10: a certification ends soon; the subject is its last day. */
        CERTIFICATION_EXPIRY,
        /** R20: support for a product version ends; the subject is "product version". */
        END_OF_SUPPORT
    }

    /**
     * Records the notice in the caller's transaction: true the first time for this kind, subject and contact (send
     * it), false when it was already recorded (do not send it again).
     */
    boolean firstTime(Kind kind, String subject, ContactId contact, Instant at);
}
