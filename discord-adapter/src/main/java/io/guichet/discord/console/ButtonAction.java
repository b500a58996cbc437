package io.guichet.discord.console;

import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.triage.QueueKey;

import java.util.Optional;

/**
 * What a console button does, written into its id: {@code claim:1042}, {@code show:1042}, {@code queue:2:open:S2}
 * (page 2 of the open tickets of severity 2; {@code any} for every severity), {@code queue:2:open:S2:2c.m1bz...}
 * (the same page, read after the last ticket of page 1: the key of {@link QueueKey#text()}, which Next carries). A
 * filtered queue adds its filters after the key ({@code -} when there is none):
 * {@code queue:2:active:any:2c.m1bz...:m.a1f.tQ2xv0aZ_kW3} ({@code m}: mine; {@code a}: the account id in base 36;
 * {@code t}: the token of the search text, kept by {@link QueueSearches}, since the text may not fit). Ids stay
 * under Discord's 100 characters (a filtered page's, about 80 with today's times, numbers and account ids), carry no
 * secret, and are parsed back here; anything else is an unknown button.
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
            String id = "queue:" + page + ":" + view.status().code() + ":" + view.severity().map(Enum::name).orElse("any");
            if (!view.filtered()) {
                return id + after.map(k -> ":" + k.text()).orElse("");
            }
            java.util.List<String> filters = new java.util.ArrayList<>();
            if (view.mine()) {
                filters.add("m");
            }
            view.account().ifPresent(a -> filters.add("a" + Long.toString(a.value(), 36)));
            view.search().ifPresent(s -> filters.add("t" + QueueSearches.token(s)));
            return id + ":" + after.map(QueueKey::text).orElse("-") + ":" + String.join(".", filters);
        }
    }

    /** Does the button with this id change the message it is on (a page of the queue)? */
    static boolean pagesInPlace(String id) {
        return id.startsWith("queue:");
    }

    /** {@link #parse(String, java.util.function.Function)} without any search text kept. */
    static Optional<ButtonAction> parse(String id) {
        return parse(id, token -> Optional.empty());
    }

    /** The action of a button id, a search token read back through {@code searches}; empty for anything else. */
    static Optional<ButtonAction> parse(String id, java.util.function.Function<String, Optional<String>> searches) {
        String[] parts = id.split(":", -1);
        return switch (parts[0]) {
            case "claim" -> parts.length == 2 ? number(parts[1]).map(Claim::new) : Optional.empty();
            case "show" -> parts.length == 2 ? number(parts[1]).map(Show::new) : Optional.empty();
            case "subscribe" -> parts.length == 2 ? number(parts[1]).map(Subscribe::new) : Optional.empty();
            case "queue" -> parts.length == 4 ? page(parts[1], parts[2], parts[3], Optional.empty())
                    : parts.length == 5 ? QueueKey.parse(parts[4]).flatMap(key -> page(parts[1], parts[2], parts[3],
                            Optional.of(key)))
                    : parts.length == 6 ? filtered(parts, searches)
                    : Optional.empty();
            default -> Optional.empty();
        };
    }

    private static Optional<ButtonAction> filtered(String[] parts,
                                                   java.util.function.Function<String, Optional<String>> searches) {
        Optional<Optional<QueueKey>> after = parts[4].equals("-") ? Optional.of(Optional.empty())
                : QueueKey.parse(parts[4]).map(Optional::of);
        if (after.isEmpty()) {
            return Optional.empty();
        }
        boolean mine = false;
        Optional<io.guichet.core.account.AccountId> account = Optional.empty();
        Optional<String> search = Optional.empty();
        for (String filter : parts[5].split("\\.", -1)) {
            if (filter.equals("m") && !mine) {
                mine = true;
            } else if (filter.matches("a[0-9a-z]{1,12}") && account.isEmpty()) {
                account = Optional.of(new io.guichet.core.account.AccountId(Long.parseLong(filter.substring(1), 36)));
            } else if (filter.matches("t[A-Za-z0-9_-]{11}") && search.isEmpty()) {
                search = searches.apply(filter.substring(1));
                if (search.isEmpty()) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        boolean isMine = mine;
        Optional<io.guichet.core.account.AccountId> theAccount = account;
        Optional<String> theSearch = search;
        return page(parts[1], parts[2], parts[3], after.get()).map(p -> {
            Page plain = (Page) p;
            return new Page(plain.page(), new QueueView(plain.view().status(), plain.view().severity(), isMine,
                    theAccount, theSearch), plain.after());
        });
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
