package io.guichet.core.mail;

import java.time.Instant;
import java.util.Optional;

/**
 * A mail moved to the quarantine folder, as its receipt tells it.
 *
 * @param id         the receipt's number, by which an operator names it
 * @param position   where it was in the inbox before it was moved
 * @param contentHash the content hash its receipt carries (to tell copies apart)
 * @param size       its size in bytes as far as known (0 when not)
 * @param reason     why it was quarantined (one line: no stack trace, no SQL)
 * @param releasedAt when an operator released it to be handled again, if so
 */
public record QuarantinedMail(long id, MailPosition position, Optional<MessageId> messageId, String sender, String subject,
                              String contentHash, long size, String reason, Instant receivedAt,
                              Optional<Instant> releasedAt) {
}
