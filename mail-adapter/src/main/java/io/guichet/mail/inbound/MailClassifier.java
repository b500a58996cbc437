package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;
import io.guichet.mail.headers.HeaderValues;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Tells mail written by a person from mail that must never get an automatic answer, checked in this order:
 * <ol>
 *   <li>{@link Classification.OwnMail}: sent from one of our addresses, or a Message-ID in our domain (a loop);</li>
 *   <li>{@link Classification.Bounce}: a {@code multipart/report; report-type=delivery-status} (RFC 3464);</li>
 *   <li>{@link Classification.AutoReply}: a read receipt (RFC 8098); {@code Auto-Submitted} other than
 *       {@code no} (RFC 3834); {@code Precedence: bulk|junk|list|auto_reply}; {@code List-Id};
 *       {@code X-Autoreply} / {@code X-Autorespond}; the null return path {@code <>}; a mailer-daemon or
 *       postmaster sender;</li>
 *   <li>{@link Classification.Human} otherwise.</li>
 * </ol>
 */
public final class MailClassifier {

    private static final Set<String> BULK_PRECEDENCE = Set.of("bulk", "junk", "list", "auto_reply");
    private static final Set<String> DAEMON_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster", "mail-daemon");
    private static final int MAX_REASON_VALUE = 80;

    private MailClassifier() {
    }

    public static Classification classify(InboundEmail email, ClassifierSettings settings) {
        if (settings.ownAddresses().contains(email.from().address())) {
            return new Classification.OwnMail("sent from our own address " + email.from().address());
        }
        Optional<String> ownDomain = email.messageId().flatMap(MessageId::domain)
                .map(domain -> domain.toLowerCase(Locale.ROOT))
                .filter(settings.ownMessageIdDomains()::contains);
        if (ownDomain.isPresent()) {
            return new Classification.OwnMail("Message-ID in our own domain " + ownDomain.get());
        }
        Optional<DeliveryReport> report = email.report();
        if (report.filter(DeliveryReport::isDeliveryStatus).isPresent()) {
            DeliveryReport dsn = report.get();
            return new Classification.Bounce(dsn.originalMessageId(), dsn.status(), dsn.finalRecipient());
        }
        if (report.filter(DeliveryReport::isDispositionNotification).isPresent()) {
            return new Classification.AutoReply("read receipt (disposition notification)");
        }
        return autoReplyReason(email)
                .<Classification>map(Classification.AutoReply::new)
                .orElseGet(Classification.Human::new);
    }

    private static Optional<String> autoReplyReason(InboundEmail email) {
        ClassificationHeaders headers = email.classificationHeaders();
        Optional<String> autoSubmitted = headers.autoSubmitted().map(MailClassifier::firstToken)
                .filter(value -> !value.equals("no"));
        if (autoSubmitted.isPresent()) {
            return Optional.of("Auto-Submitted: " + shortened(autoSubmitted.get()));
        }
        Optional<String> precedence = headers.precedence().map(MailClassifier::firstToken)
                .filter(BULK_PRECEDENCE::contains);
        if (precedence.isPresent()) {
            return Optional.of("Precedence: " + precedence.get());
        }
        if (headers.listId().isPresent()) {
            return Optional.of("mailing list (List-Id: " + shortened(headers.listId().get()) + ")");
        }
        if (headers.xAutoreply().filter(MailClassifier::isSet).isPresent()) {
            return Optional.of("X-Autoreply header");
        }
        if (headers.xAutorespond().filter(MailClassifier::isSet).isPresent()) {
            return Optional.of("X-Autorespond header");
        }
        if (email.hasNullReturnPath()) {
            return Optional.of("null return path");
        }
        if (DAEMON_LOCAL_PARTS.contains(email.from().localPart())) {
            return Optional.of("sent by " + email.from().localPart());
        }
        return Optional.empty();
    }

    private static boolean isSet(String value) {
        return !firstToken(value).equals("no");
    }

    /** {@code "Auto-Replied; owner-email=x"} is {@code "auto-replied"}. */
    private static String firstToken(String value) {
        return value.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String shortened(String value) {
        String safe = HeaderValues.safe(value);
        return safe.length() > MAX_REASON_VALUE ? safe.substring(0, MAX_REASON_VALUE) + "..." : safe;
    }
}
