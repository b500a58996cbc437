package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One received e-mail, parsed once by {@link MimeParser}. A plain value: no Jakarta Mail type escapes. Its text is
 * inert ({@link InertText}): the subject and ids on one line without controls, the bodies without controls but
 * their line breaks and tabs.
 *
 * @param messageId             {@code Message-ID}, if usable
 * @param inReplyTo             the first id of {@code In-Reply-To}
 * @param references            the ids of {@code References}, oldest first
 * @param from                  the author ({@code From}, else {@code Sender}); address lower-cased
 * @param to                    {@code To}
 * @param cc                    {@code Cc}
 * @param replyTo               {@code Reply-To}
 * @param returnPath            {@code Return-Path} without angle brackets; the empty string for the null
 *                              return path {@code <>} (see {@link #hasNullReturnPath()})
 * @param subject               the decoded subject (RFC 2047); empty when absent
 * @param date                  {@code Date}, when present and parseable
 * @param textBody              the plain text: the text/plain parts, else the HTML converted to text
 * @param newText               {@code textBody} without the quoted history (see {@link QuoteStripper})
 * @param attachments           every non-text part, including forwarded or returned messages
 * @param classificationHeaders the headers that tell automatic mail and authentication apart
 * @param report                the content of a {@code multipart/report} (bounce, read receipt), if any
 * @param contentHash           lower-case hex SHA-256 of what the author wrote: the author's header fields and the
 *                              body, not the fields added in transit (the same mail by two routes has one hash)
 * @param rawSize               size of the raw message in bytes
 */
public record InboundEmail(
        Optional<MessageId> messageId,
        Optional<MessageId> inReplyTo,
        List<MessageId> references,
        MailboxAddress from,
        List<MailboxAddress> to,
        List<MailboxAddress> cc,
        List<MailboxAddress> replyTo,
        Optional<String> returnPath,
        String subject,
        Optional<Instant> date,
        String textBody,
        String newText,
        List<Attachment> attachments,
        ClassificationHeaders classificationHeaders,
        Optional<DeliveryReport> report,
        String contentHash,
        long rawSize) {

    public InboundEmail {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(inReplyTo, "inReplyTo");
        references = List.copyOf(references);
        Objects.requireNonNull(from, "from");
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        Objects.requireNonNull(returnPath, "returnPath");
        subject = InertText.line(Objects.requireNonNull(subject, "subject"));
        Objects.requireNonNull(date, "date");
        textBody = InertText.block(Objects.requireNonNull(textBody, "textBody"));
        newText = InertText.block(Objects.requireNonNull(newText, "newText"));
        attachments = List.copyOf(attachments);
        Objects.requireNonNull(classificationHeaders, "classificationHeaders");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(contentHash, "contentHash");
    }

    /**
     * A stable identity for de-duplication: the Message-ID when there is one, else {@code sha256:} and the
     * content hash ({@link MessageId#ofContent}).
     */
    public MessageId identity() {
        return messageId.orElseGet(() -> MessageId.ofContent(contentHash));
    }

    /** Whether {@code Return-Path: <>} marks this as a message that must never be answered (RFC 5321 4.5.5). */
    public boolean hasNullReturnPath() {
        return returnPath.filter(String::isEmpty).isPresent();
    }
}
