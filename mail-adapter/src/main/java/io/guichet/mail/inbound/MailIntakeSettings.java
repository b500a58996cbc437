package io.guichet.mail.inbound;

import io.guichet.mail.headers.SubjectTag;

import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;

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
 * @param mailbox            the support address this intake reads for: recorded on the tickets its mail opens, and
 *                           the From of their answers (empty: not recorded, the node's one address answers)
 * @param defaultLanguage    the language of a mail whose own cannot be told (empty: English)
 */
public record MailIntakeSettings(SubjectTag tag, ClassifierSettings classifier, Optional<String> trustedAuthservId,
                                 List<String> escalationKeywords, int maxAttempts, Optional<EmailAddress> mailbox,
                                 Optional<Language> defaultLanguage) {

    public MailIntakeSettings {
        escalationKeywords = List.copyOf(escalationKeywords);
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
    }

    /** For no particular address, in the language of each mail (or English). */
    public MailIntakeSettings(SubjectTag tag, ClassifierSettings classifier, Optional<String> trustedAuthservId,
                              List<String> escalationKeywords, int maxAttempts) {
        this(tag, classifier, trustedAuthservId, escalationKeywords, maxAttempts, Optional.empty(), Optional.empty());
    }

    /** With the default number of attempts ({@value FailurePolicy#DEFAULT_MAX_ATTEMPTS}). */
    public MailIntakeSettings(SubjectTag tag, ClassifierSettings classifier, Optional<String> trustedAuthservId,
                              List<String> escalationKeywords) {
        this(tag, classifier, trustedAuthservId, escalationKeywords, FailurePolicy.DEFAULT_MAX_ATTEMPTS);
    }
}
