package io.guichet.core.ticket;

import io.guichet.core.account.EmailAddress;

/** Who did something to a ticket: recorded with every audit event. */
public sealed interface Actor {

    /** An authorized contact, by e-mail. */
    record Customer(EmailAddress email) implements Actor {
    }

    /** A technician or manager, by user name. */
    record Staff(String name) implements Actor {
    }

    /** Guichet itself: deadlines, automatic rules. */
    record Automatic() implements Actor {
    }

    Actor SYSTEM = new Automatic();

    /** Stable text form stored in the audit log: {@code customer:a@b.c}, {@code staff:alice}, {@code system}. */
    default String label() {
        return switch (this) {
            case Customer c -> "customer:" + c.email().value();
            case Staff s -> "staff:" + s.name();
            case Automatic a -> "system";
        };
    }

    static Actor fromLabel(String label) {
        if (label.startsWith("customer:")) {
            return new Customer(EmailAddress.parse(label.substring("customer:".length()))
                    .orElseThrow(() -> new IllegalArgumentException("bad actor label " + label)));
        }
        if (label.startsWith("staff:")) {
            return new Staff(label.substring("staff:".length()));
        }
        if (label.equals("system")) {
            return SYSTEM;
        }
        throw new IllegalArgumentException("bad actor label " + label);
    }
}
