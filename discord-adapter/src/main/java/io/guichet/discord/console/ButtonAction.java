package io.guichet.discord.console;

import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.triage.QueueKey;

import java.util.Optional;

/**
 * What a console button does, written into its id: {@code claim:1042}, {@code show:1042}, {@code queue:2:open:S2}
 * (page 2 of the open tickets of severity 2; {@code any} for every severity), {@code queue:2:open:S2:2c.m1bz...}
 * (the same page, read after the last ticket of page 1: the key of {@link QueueKey#text()}, which Next carries). Ids
 * are short (at most 80 characters, Discord allows 100), carry no secret, and are parsed back here; anything else is
 * an unknown button.
 */
public sealed interface ButtonAction {

    String id();

    /** Does the click change the message it is on (paging) rather than answer in a new one? */
    default boolean updatesInPlace() {
        return this instanceof Page;
    }

    record Claim(TicketNumber ticket) implements ButtonAction {
        public String id() {
            return "claim:" + ticket.value();
        }
    }

    record Show(TicketNumber ticket) implements ButtonAction {
        public String id() {
            return "show:" + ticket.value();
        }
    }

    /** Be pinged in the ticket's thread when the customer writes. */
    record Subscribe(TicketNumber ticket) implements ButtonAction {
        public String id() {
            return "subscribe:" + ticket.value();
        }
    }

    /**
     * A page of the queue, counted from 1; with {@code after}, the tickets after that key (R15 order), else counted
     * from the first ticket.
     */
    record Page(int page, QueueView view, Optional<QueueKey> after) implements ButtonAction {

        public Page(int page, QueueView view) {
            this(page, view, Optional.empty());
        }

        public String id() {
            return "queue:" + page + ":" + view.status().code() + ":" + view.severity().map(Enum::name).orElse("any")
                    + after.map(k -> ":" + k.text()).orElse("");
        }
    }

    static Optional<ButtonAction> parse(String id) {
        String[] parts = id.split(":", -1);
        return switch (parts[0]) {
            case "claim" -> parts.length == 2 ? number(parts[1]).map(Claim::new) : Optional.empty();
            case "show" -> parts.length == 2 ? number(parts[1]).map(Show::new) : Optional.empty();
            case "subscribe" -> parts.length == 2 ? number(parts[1]).map(Subscribe::new) : Optional.empty();
            case "queue" -> parts.length == 4 ? page(parts[1], parts[2], parts[3], Optional.empty())
                    : parts.length == 5 ? QueueKey.parse(parts[4]).flatMap(key -> page(parts[1], parts[2], parts[3],
                            Optional.of(key)))
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<TicketNumber> number(String text) {
        return text.matches("\\d{1,18}") ? TicketNumber.parse(text) : Optional.empty();
    }

    private static Optional<ButtonAction> page(String page, String status, String severity, Optional<QueueKey> after) {
        if (!page.matches("\\d{1,6}") || Integer.parseInt(page) < 1) {
            return Optional.empty();
        }
        Optional<QueueView.StatusFilter> filter = QueueView.StatusFilter.parse(status);
        Optional<Optional<Severity>> level = severity.equals("any") ? Optional.of(Optional.empty())
                : severity.matches("S[1-4]") ? Optional.of(Optional.of(Severity.valueOf(severity))) : Optional.empty();
        if (filter.isEmpty() || level.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Page(Integer.parseInt(page), new QueueView(filter.get(), level.get()), after));
    }
}
