package io.guichet.discord.console;

import io.guichet.core.account.AccountId;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.TicketStatus;
import io.guichet.core.triage.QueueFilter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which part of the triage queue (R15) a technician looks at: a status filter and an optional severity, and the
 * filters of {@code /queue}: {@code mine} (the tickets the technician looking holds), one account, a search text
 * (in subject or description, case-insensitive). Filters combine.
 */
public record QueueView(StatusFilter status, Optional<Severity> severity, boolean mine, Optional<AccountId> account,
                        Optional<String> search) {

    public QueueView {
        search = search.map(String::strip).filter(s -> !s.isEmpty());
    }

    /** The whole queue of {@code status}, of one severity or all. */
    public QueueView(StatusFilter status, Optional<Severity> severity) {
        this(status, severity, false, Optional.empty(), Optional.empty());
    }

    /** The {@code status} choices of {@code /queue}. */
    public enum StatusFilter {
        ACTIVE("active", EnumSet.of(TicketStatus.AWAITING_INFO, TicketStatus.OPEN, TicketStatus.IN_PROGRESS,
                TicketStatus.WAITING_ON_CUSTOMER, TicketStatus.ON_HOLD)),
        OPEN("open", EnumSet.of(TicketStatus.OPEN)),
        IN_PROGRESS("in-progress", EnumSet.of(TicketStatus.IN_PROGRESS)),
        WAITING("waiting", EnumSet.of(TicketStatus.WAITING_ON_CUSTOMER)),
        ON_HOLD("on-hold", EnumSet.of(TicketStatus.ON_HOLD)),
        AWAITING_INFO("awaiting-info", EnumSet.of(TicketStatus.AWAITING_INFO));

        private final String code;
        private final Set<TicketStatus> statuses;

        StatusFilter(String code, Set<TicketStatus> statuses) {
            this.code = code;
            this.statuses = statuses;
        }

        public String code() {
            return code;
        }

        public Set<TicketStatus> statuses() {
            return EnumSet.copyOf(statuses);
        }

        public static Optional<StatusFilter> parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
            return Arrays.stream(values()).filter(f -> f.code.equals(t)).findFirst();
        }

        public static String accepted() {
            return Arrays.stream(values()).map(StatusFilter::code).collect(Collectors.joining(", "));
        }
    }

    /** Is any of mine, account or search given? */
    boolean filtered() {
        return mine || account.isPresent() || search.isPresent();
    }

    /** The core's filter, "mine" meaning {@code caller}'s tickets. */
    QueueFilter filter(Caller caller) {
        return new QueueFilter(mine ? Optional.of(caller.actor().id()) : Optional.empty(), account, search);
    }

    String describe(Optional<String> accountName) {
        return status.code() + severity.map(s -> ", severity " + s.level()).orElse("")
                + (mine ? ", mine" : "")
                + account.map(a -> ", account " + accountName.orElse("#" + a.value())).orElse("")
                + search.map(s -> ", containing \"" + DiscordText.cut(s, 40) + "\"").orElse("");
    }
}
