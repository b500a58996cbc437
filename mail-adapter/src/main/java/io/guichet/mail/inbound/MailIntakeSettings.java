package io.guichet.mail.inbound;

import io.guichet.mail.outbound.SubjectTag;

import java.util.List;
import java.util.Optional;

/**
 * How inbound mail is read.
 *
 * @param tag                the ticket tag in subjects (default {@code [Ticket#{n}]})
 * @param classifier         our own addresses and Message-ID domains (loop detection)
 * @param trustedAuthservId  the authserv-id of our receiving server, whose {@code Authentication-Results} we trust (R10)
 * @param escalationKeywords a first line starting with one of these asks for escalation (R18)
 */
public record MailIntakeSettings(SubjectTag tag, ClassifierSettings classifier, Optional<String> trustedAuthservId,
                                 List<String> escalationKeywords) {

    public MailIntakeSettings {
        escalationKeywords = List.copyOf(escalationKeywords);
    }
}
