package io.guichet.mail.smtp;

import io.guichet.mail.headers.HeaderValues;

import io.guichet.core.mail.OutgoingMail;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/** Renders an outbox mail as a MIME message: our Message-ID, threading headers, every header value made safe. */
final class MimeComposer {

    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    private final SmtpSettings settings;
    private final Clock clock;

    MimeComposer(SmtpSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    MimeMessage compose(Session session, OutgoingMail mail) throws MessagingException, UnsupportedEncodingException {
        String messageId = HeaderValues.messageId(mail.messageId())
                .orElseThrow(() -> new MessagingException("the outbox mail has no usable Message-ID"));
        MimeMessage message = new OwnIdMessage(session, messageId);
        message.setFrom(new InternetAddress(settings.fromAddress().value(), HeaderValues.safe(settings.fromName()), UTF_8));
        message.setRecipient(Message.RecipientType.TO,
                new InternetAddress(mail.to().value(), HeaderValues.safe(mail.toName()), UTF_8));
        message.setSubject(HeaderValues.safe(mail.subject()), UTF_8);
        message.setSentDate(Date.from(clock.instant()));
        Optional<String> inReplyTo = mail.inReplyTo().flatMap(HeaderValues::messageId);
        if (inReplyTo.isPresent()) {
            message.setHeader("In-Reply-To", inReplyTo.get());
        }
        Optional<String> references = HeaderValues.references(mail.references());
        if (references.isPresent()) {
            // folded at the spaces between ids: a long thread stays within the line-length limit
            message.setHeader("References", MimeUtility.fold("References: ".length(), references.get()));
        }
        if (mail.automatic()) {
            message.setHeader("Auto-Submitted", "auto-replied");
            message.setHeader("X-Auto-Response-Suppress", "All");
        }
        message.setText(mail.body(), UTF_8);
        message.saveChanges();
        return message;
    }

    /** Keeps the Message-ID we chose: Jakarta Mail would otherwise replace it when saving changes. */
    private static final class OwnIdMessage extends MimeMessage {

        private final String messageId;

        OwnIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
