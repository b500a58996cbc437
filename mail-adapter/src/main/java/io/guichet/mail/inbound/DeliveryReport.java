package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;

import java.util.Objects;
import java.util.Optional;

/**
 * What a {@code multipart/report} (RFC 6522) said: for a delivery status notification (RFC 3464) the
 * per-recipient status fields of the first recipient, and the {@code Message-ID} of the returned message read
 * from its {@code message/rfc822} or {@code text/rfc822-headers} part.
 *
 * @param reportType        the {@code report-type} parameter, lower-cased, e.g. {@code delivery-status}
 * @param action            {@code Action}, e.g. {@code failed}, {@code delayed}
 * @param status            {@code Status}, e.g. {@code 5.1.1}
 * @param finalRecipient    the address of {@code Final-Recipient} (or {@code Original-Recipient}), without its type
 * @param diagnosticCode    {@code Diagnostic-Code}, without its type
 * @param originalMessageId the {@code Message-ID} of the returned message, without angle brackets
 */
public record DeliveryReport(
        String reportType,
        Optional<String> action,
        Optional<String> status,
        Optional<String> finalRecipient,
        Optional<String> diagnosticCode,
        Optional<MessageId> originalMessageId) {

    public DeliveryReport {
        Objects.requireNonNull(reportType, "reportType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finalRecipient, "finalRecipient");
        Objects.requireNonNull(diagnosticCode, "diagnosticCode");
        Objects.requireNonNull(originalMessageId, "originalMessageId");
    }

    /** Whether this is a delivery status notification, i.e. a bounce or a delay warning. */
    public boolean isDeliveryStatus() {
        return reportType.equals("delivery-status") || reportType.equals("global-delivery-status");
    }

    /** Whether this is a message disposition notification (a read receipt, RFC 8098). */
    public boolean isDispositionNotification() {
        return reportType.equals("disposition-notification")
                || reportType.equals("global-disposition-notification");
    }
}
