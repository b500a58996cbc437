package io.guichet.core.triage;

import io.guichet.core.account.AccountId;
import io.guichet.core.ticket.Ticket;

import java.util.Locale;
import java.util.Optional;

/**
 * Narrows the triage queue (R15) without changing its order: the tickets held by one technician ({@code holder}, a
 * stable staff id such as {@code discord:42}), of one account, and whose subject or description contains
 * {@code text} (case-insensitive). Every part is optional; given parts combine (all must match).
 */
public record QueueFilter(Optional<String> holder, Optional<AccountId> account, Optional<String> text) {

    /** Longest search text accepted. */
    public static final int MAX_TEXT = 100;

    /** The whole queue. */
    public static final QueueFilter NONE = new QueueFilter(Optional.empty(), Optional.empty(), Optional.empty());

    public QueueFilter {
        holder = holder.map(String::strip).filter(h -> !h.isEmpty());
        text = text.map(String::strip).filter(t -> !t.isEmpty());
        if (text.filter(t -> t.length() > MAX_TEXT).isPresent()) {
            throw new IllegalArgumentException("search text longer than " + MAX_TEXT + " characters");
        }
    }

    public boolean none() {
        return holder.isEmpty() && account.isEmpty() && text.isEmpty();
    }

    /** Does {@code ticket} pass every part of the filter? */
    public boolean matches(Ticket ticket) {
        if (holder.isPresent() && ticket.assignee().filter(a -> a.id().equals(holder.get())).isEmpty()) {
            return false;
        }
        if (account.isPresent() && !ticket.accountId().equals(account.get())) {
            return false;
        }
        if (text.isPresent()) {
            String wanted = text.get().toLowerCase(Locale.ROOT);
            return ticket.fields().subject().toLowerCase(Locale.ROOT).contains(wanted)
                    || ticket.fields().description().toLowerCase(Locale.ROOT).contains(wanted);
        }
        return true;
    }
}
