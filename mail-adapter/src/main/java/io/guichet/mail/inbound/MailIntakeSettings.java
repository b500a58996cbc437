package io.guichet.mail.inbound;

import io.guichet.mail.headers.SubjectTag;

import java.util.List;
import java.util.Optional;

/**
 * How inbound mail is read.
 *
 * @param tag                the ticket tag in subjects (default {@code [Ticket#{n}]})
 * @param classifier         our own addresses and Message-ID domains (loop detection)
 * @param trustedAuthservId  the authserv-id of our receiving server, whose {@code Authentication-Results} we trust (R10)
 * @param escalationKeywords a first line starting with one of these asks for escalation (R18)
 * @param maxAttempts        failed attempts at a mail before it is quarantined ({@link FailurePolicy})
 */
public record MailIntakeSettings(SubjectTag tag, ClassifierSettings classifier, Optional<String> trustedAuthservId,
                                 List<String> escalationKeywords, int maxAttempts) {

    public MailIntakeSettings {
        escalationKeywords = List.copyOf(escalationKeywords);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** With the default number of attempts ({@value FailurePolicy#DEFAULT_MAX_ATTEMPTS}). */
    public MailIntakeSettings(SubjectTag tag, ClassifierSettings classifier, Optional<String> trustedAuthservId,
                              List<String> escalationKeywords) {
        this(tag, classifier, trustedAuthservId, escalationKeywords, FailurePolicy.DEFAULT_MAX_ATTEMPTS);
    }
}
