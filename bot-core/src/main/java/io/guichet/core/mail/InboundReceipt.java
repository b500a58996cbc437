package io.guichet.core.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * The record that a mail arrived. Unique by position, by Message-ID and, when the Message-ID is missing, by a
 * hash of its content: recording the same mail twice is refused, which makes intake exactly-once.
 */
public record InboundReceipt(MailPosition position, Optional<String> messageId, String contentHash, String sender,
                             String subject, Instant receivedAt) {
}
