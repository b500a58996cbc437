package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The fields of a {@code message/delivery-status} body (RFC 3464 section 2): a per-message group, then one
 * group per recipient, groups separated by blank lines. Only the first recipient group is kept; a field missing
 * there is looked up in the per-message group.
 */
final class DeliveryStatusFields {

    private final Map<String, String> perMessage;
    private final Map<String, String> firstRecipient;

    private DeliveryStatusFields(Map<String, String> perMessage, Map<String, String> firstRecipient) {
        this.perMessage = perMessage;
        this.firstRecipient = firstRecipient;
    }

    static DeliveryStatusFields parse(String body) {
        List<Map<String, String>> groups = new ArrayList<>();
        Map<String, String> group = new LinkedHashMap<>();
        String lastName = "";
        for (String line : body.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!group.isEmpty()) {
                    groups.add(group);
                    group = new LinkedHashMap<>();
                }
                lastName = "";
            } else if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && !lastName.isEmpty()) {
                group.merge(lastName, " " + line.strip(), String::concat);
            } else {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    lastName = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                    group.putIfAbsent(lastName, line.substring(colon + 1).strip());
                }
            }
        }
        if (!group.isEmpty()) {
            groups.add(group);
        }
        Map<String, String> perMessage = groups.isEmpty() ? Map.of() : groups.getFirst();
        Map<String, String> recipient = groups.size() > 1 ? groups.get(1) : Map.of();
        return new DeliveryStatusFields(perMessage, recipient);
    }

    DeliveryReport toReport(String reportType, Optional<MessageId> originalMessageId) {
        return new DeliveryReport(
                reportType,
                field("action").map(value -> value.toLowerCase(Locale.ROOT)),
                field("status").map(value -> value.split("\\s", 2)[0]),
                field("final-recipient").or(() -> field("original-recipient")).map(DeliveryStatusFields::untyped)
                        .map(value -> value.toLowerCase(Locale.ROOT)),
                field("diagnostic-code").map(DeliveryStatusFields::untyped),
                originalMessageId);
    }

    private Optional<String> field(String name) {
        return Optional.ofNullable(firstRecipient.get(name))
                .or(() -> Optional.ofNullable(perMessage.get(name)))
                .filter(value -> !value.isBlank());
    }

    /** {@code rfc822; bob@example.com} is {@code bob@example.com}. */
    private static String untyped(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon < 0 ? value : value.substring(semicolon + 1)).strip();
    }
}
