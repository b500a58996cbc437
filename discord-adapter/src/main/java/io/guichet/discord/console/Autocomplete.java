package io.guichet.discord.console;

import io.guichet.core.account.Account;
import io.guichet.core.desk.DirectoryDesk;
import io.guichet.core.desk.SnippetDesk;
import io.guichet.core.desk.TicketQueries;
import io.guichet.core.ticket.Ticket;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Suggestions while typing: ticket numbers (the most recent active tickets whose number starts with what is typed)
 * account names and saved replies' names. Only members with the role of the command see any, so subjects never leak to others.
 */
final class Autocomplete {

    /** How many active tickets are looked at for suggestions. */
    static final int WINDOW = 500;

    private final TicketQueries queries;
    private final DirectoryDesk directory;
    private final SnippetDesk snippets;
    private final StaffRoles roles;

    Autocomplete(TicketQueries queries, DirectoryDesk directory, SnippetDesk snippets, StaffRoles roles) {
        this.queries = queries;
        this.directory = directory;
        this.snippets = snippets;
        this.roles = roles;
    }

    List<Choice> complete(AutocompleteInput input) {
        return switch (input.option()) {
            case "ticket" -> roles.holds(input.roleIds(), StaffRoles.Role.TECHNICIAN) ? tickets(input.typed()) : List.of();
            case "account" -> roles.holds(input.roleIds(), input.commandPath().equals("queue")
                    ? StaffRoles.Role.TECHNICIAN : StaffRoles.Role.MANAGER) ? accounts(input.typed()) : List.of();
            case "snippet" -> roles.holds(input.roleIds(), StaffRoles.Role.TECHNICIAN) ? snippets(input.typed()) : List.of();
            case "name" -> input.commandPath().equals("snippet remove")
                    && roles.holds(input.roleIds(), StaffRoles.Role.MANAGER) ? snippets(input.typed()) : List.of();
            default -> List.of();
        };
    }

    private List<Choice> tickets(String typed) {
        String prefix = typed.strip().replaceFirst("^#", "");
        List<Ticket> active = queries.queue(QueueView.StatusFilter.ACTIVE.statuses(), java.util.Optional.empty(), 0,
                WINDOW);
        return active.stream()
                .filter(t -> String.valueOf(t.number().value()).startsWith(prefix))
                .sorted(Comparator.comparing(Ticket::createdAt).reversed())
                .limit(DiscordText.CHOICES)
                .map(t -> new Choice(t.number() + " " + Cards.severity(t.severity()) + " " + Cards.status(t.status())
                        + " - " + t.fields().subject().replaceAll("\\s+", " "), String.valueOf(t.number().value())))
                .toList();
    }

    /** Saved replies whose name contains what is typed, with the start of their text. */
    private List<Choice> snippets(String typed) {
        String part = typed.strip().toLowerCase(Locale.ROOT);
        return snippets.all().stream()
                .filter(s -> s.name().contains(part))
                .limit(DiscordText.CHOICES)
                .map(s -> new Choice(DiscordText.cut(s.name() + " - " + s.text().replaceAll("\\s+", " "),
                        DiscordText.CHOICE_NAME), s.name()))
                .toList();
    }

    private List<Choice> accounts(String typed) {
        String part = typed.strip().toLowerCase(Locale.ROOT);
        return directory.accounts().stream()
                .map(Account::name)
                .filter(n -> n.toLowerCase(Locale.ROOT).contains(part))
                .limit(DiscordText.CHOICES)
                .map(n -> new Choice(n, n))
                .toList();
    }
}
