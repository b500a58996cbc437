package io.guichet.core.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * The record that a mail arrived. Two receipts are of the same mail when they have the same position, or the same
 * Message-ID (or both none), sender and content hash: recording the same mail twice is refused, which makes intake
 * exactly-once. Another mail reusing a Message-ID is not the same mail.
 *
 * @param contentHash a hash of what the author wrote (not of the headers added in transit), lower-case hex
 * @param size        the size of the raw mail in bytes, as far as known (0 when not)
 */
public record InboundReceipt(MailPosition position, Optional<MessageId> messageId, String contentHash, String sender,
                             String subject, long size, Instant receivedAt) {
}
