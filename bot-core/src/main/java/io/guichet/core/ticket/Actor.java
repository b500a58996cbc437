package io.guichet.core.ticket;

import io.guichet.core.account.EmailAddress;

/** Who did something to a ticket: recorded with every audit event. */
public sealed interface Actor {

    /** An authorized contact, by e-mail. */
    record Customer(EmailAddress email) implements Actor {
    }

    /**
     * A technician or manager: {@code id} is stable ({@code discord:<user id>} for a Discord member,
     * {@code cli:<name>} for an operator at the command line) and decides who holds a ticket; {@code name} is the
     * display name at the time, kept beside it for people to read.
     */
    record Staff(String id, String name) implements Actor {

        public Staff {
            id = id.strip();
            name = name.strip();
            if (id.isEmpty() || id.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a staff id is one word: '" + id + "'");
            }
            if (name.isEmpty()) {
                name = id;
            }
        }

        /** A Discord member, by user id, with the name shown. */
        public static Staff discord(String userId, String name) {
            return new Staff("discord:" + userId, name);
        }

        /** An operator at the command line, by name. */
        public static Staff operator(String name) {
            return new Staff("cli:" + name.strip().replaceAll("\\s+", "_"), name);
        }

        /** The same person, whatever their display name is now. */
        public boolean sameAs(Staff other) {
            return id.equals(other.id);
        }

        /** The stored form: {@code id} then the name, separated by one space (the name alone when it is the id). */
        public String stored() {
            return name.equals(id) ? id : id + " " + name;
        }

        /** Reads {@link #stored()}; a bare word (from before stable ids) is both id and name. */
        public static Staff parseStored(String text) {
            String trimmed = text.strip();
            int space = trimmed.indexOf(' ');
            return space < 0 ? new Staff(trimmed, trimmed) : new Staff(trimmed.substring(0, space), trimmed.substring(space + 1));
        }
    }

    /** Guichet itself: deadlines, automatic rules. */
    record Automatic() implements Actor {
    }

    Actor SYSTEM = new Automatic();

    /**
     * Stable text form stored in the audit log: {@code customer:a@b.c}, {@code staff:discord:42 Alice},
     * {@code system}.
     */
    default String label() {
        return switch (this) {
            case Customer c -> "customer:" + c.email().value();
            case Staff s -> "staff:" + s.stored();
            case Automatic a -> "system";
        };
    }

    static Actor fromLabel(String label) {
        if (label.startsWith("customer:")) {
            return new Customer(EmailAddress.parse(label.substring("customer:".length()))
                    .orElseThrow(() -> new IllegalArgumentException("bad actor label " + label)));
        }
        if (label.startsWith("staff:")) {
            return Staff.parseStored(label.substring("staff:".length()));
        }
        if (label.equals("system")) {
            return SYSTEM;
        }
        throw new IllegalArgumentException("bad actor label " + label);
    }
}
