package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * What identifies a mail to the people who look after the mailbox, known before (or without) reading it whole: its
 * Message-ID (a {@link MessageId}), sender address, subject and size. Kept on the
 * receipt of a quarantined mail.
 * Its text is inert ({@link InertText}), the subject decoded as far as it can be ({@link EncodedWords}).
 *
 * @param size the size of the raw mail in bytes, as far as known (0 when not)
 */
public record Envelope(Optional<MessageId> messageId, String sender, String subject, long size) {

    /** Headers are read from at most this many leading bytes of a raw mail. */
    private static final int HEADER_BYTES = 64 * 1024;

    public Envelope {
        Objects.requireNonNull(messageId, "messageId");
        sender = InertText.line(Objects.requireNonNull(sender, "sender")).toLowerCase(java.util.Locale.ROOT);
        subject = InertText.line(Objects.requireNonNull(subject, "subject"));
    }

    /** Nothing known but the size. */
    public static Envelope unknown(long size) {
        return new Envelope(Optional.empty(), "", "", size);
    }

    /**
     * The envelope of a raw mail, read leniently from its header: never throws (what cannot be read stays empty), and
     * reads no further than the first 64 KB (a mail that broke the parser may be of any shape).
     */
    public static Envelope read(byte[] raw) {
        try {
            byte[] head = raw.length > HEADER_BYTES ? Arrays.copyOf(raw, HEADER_BYTES) : raw;
            InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(head), true);
            Optional<MessageId> messageId = Optional.ofNullable(headers.getHeader("Message-ID", null))
                    .map(MimeUtility::unfold).flatMap(MessageId::parse);
            String from = Optional.ofNullable(headers.getHeader("From", null))
                    .or(() -> Optional.ofNullable(headers.getHeader("Sender", null)))
                    .map(Envelope::senderOf).orElse("");
            String subject = Optional.ofNullable(headers.getHeader("Subject", null))
                    .map(MimeUtility::unfold).map(EncodedWords::decode).orElse("");
            return new Envelope(messageId, from, subject, raw.length);
        } catch (MessagingException | RuntimeException e) {
            return unknown(raw.length);
        }
    }

    /** The first address of a {@code From} header's value, lower-cased; empty when there is none. */
    public static String senderOf(String header) {
        try {
            InternetAddress[] parsed = InternetAddress.parseHeader(MimeUtility.unfold(header), false);
            return parsed.length == 0 || parsed[0].getAddress() == null ? ""
                    : parsed[0].getAddress().strip().toLowerCase(java.util.Locale.ROOT);
        } catch (jakarta.mail.internet.AddressException e) {
            return "";
        }
    }
}
