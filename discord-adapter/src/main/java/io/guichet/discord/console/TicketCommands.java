package io.guichet.discord.console;

import io.guichet.core.Problem;
import io.guichet.core.desk.SnippetDesk;
import io.guichet.core.desk.TicketQueries;
import io.guichet.core.desk.StaffCommand;
import io.guichet.core.desk.StaffDesk;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;
import io.guichet.core.ticket.Ticket;
import io.guichet.core.ticket.TicketNumber;
import io.guichet.core.triage.QueueFilter;
import io.guichet.core.triage.QueueKey;
import io.guichet.core.ticket.Actor;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import static io.guichet.discord.console.StaffRoles.Role.TECHNICIAN;

/** {@code /queue} and {@code /ticket ...}: technicians' work on tickets, through the core's {@link StaffDesk}. */
final class TicketCommands {

    static final int PAGE_SIZE = 10;

    private final StaffDesk staffDesk;
    private final TicketQueries queries;
    private final io.guichet.core.desk.DirectoryDesk directory;
    private final StaffRoles roles;
    private final QueueSearches searches;
    private final SnippetDesk snippets;

    TicketCommands(StaffDesk staffDesk, TicketQueries queries, io.guichet.core.desk.DirectoryDesk directory,
                   StaffRoles roles, QueueSearches searches, SnippetDesk snippets) {
        this.staffDesk = staffDesk;
        this.queries = queries;
        this.directory = directory;
        this.roles = roles;
        this.searches = searches;
        this.snippets = snippets;
    }

    /** The search text a queue button's token stands for, while it is kept. */
    Optional<String> searchText(String token) {
        return searches.text(token);
    }

    void register(Routes routes) {
        routes.add("queue", TECHNICIAN, this::queue);
        routes.add("ticket show", TECHNICIAN, (c, o) -> show(c, o.ticket("ticket"), o));
        routes.add("ticket history", TECHNICIAN, (c, o) -> history(o.ticket("ticket"), o));
        routes.add("ticket claim", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            return act(o, () -> new StaffCommand.Claim(c.actor(), n.orElseThrow(), true));
        });
        routes.add("ticket unclaim", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            return act(o, () -> new StaffCommand.Unclaim(c.actor(), n.orElseThrow()));
        });
        routes.add("ticket assign", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            Optional<SlashInput.Member> to = o.member("technician");
            if (to.isPresent() && !roles.holds(to.get().roleIds(), TECHNICIAN)) {
                o.problem(Problem.notAllowed("technician", to.get().name() + " does not have the technician role: a "
                        + "ticket is assigned to a technician only."));
            }
            return act(o, () -> new StaffCommand.Assign(c.actor(), n.orElseThrow(),
                    Actor.Staff.discord(to.orElseThrow().userId(), to.get().name())));
        });
        routes.add("ticket reopen", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            return act(o, () -> new StaffCommand.Reopen(c.actor(), n.orElseThrow()));
        });
        routes.add("ticket reply", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            String text = o.text("text");
            Optional<String> snippet = o.optionalText("snippet");
            if (snippet.isPresent()) {
                // a saved reply: its text, then what was typed, if anything
                switch (snippets.find(snippet.get())) {
                    case SnippetDesk.Found.Snippet found -> text = text.isBlank() ? found.snippet().text()
                            : found.snippet().text() + "\n\n" + text;
                    case SnippetDesk.Found.Unknown unknown -> o.problem(unknown.problem());
                }
            }
            String reply = text;
            return act(o, () -> new StaffCommand.Reply(c.actor(), n.orElseThrow(), reply));
        });
        routes.add("ticket ask", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            String text = o.text("text");
            return act(o, () -> new StaffCommand.Ask(c.actor(), n.orElseThrow(), text));
        });
        routes.add("ticket note", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            String text = o.text("text");
            return act(o, () -> new StaffCommand.Note(c.actor(), n.orElseThrow(), text));
        });
        routes.add("ticket severity", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            Optional<Severity> level = o.severity("level");
            String reason = o.text("reason");
            return act(o, () -> new StaffCommand.ChangeSeverity(c.actor(), n.orElseThrow(), level.orElseThrow(), reason));
        });
        routes.add("ticket frequency", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            Optional<java.time.Duration> every = o.duration("every");
            String reason = o.text("reason");
            return act(o, () -> new StaffCommand.LowerUpdateFrequency(c.actor(), n.orElseThrow(), every.orElseThrow(),
                    reason));
        });
        routes.add("ticket hold", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            String text = o.text("text");
            return act(o, () -> new StaffCommand.Hold(c.actor(), n.orElseThrow(), text));
        });
        routes.add("ticket resume", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            return act(o, () -> new StaffCommand.Resume(c.actor(), n.orElseThrow()));
        });
        routes.add("ticket resolve", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            Optional<ResolutionReason> reason = o.reason("reason");
            String text = o.text("text");
            Optional<String> rootCause = o.optionalText("root-cause");
            return act(o, () -> new StaffCommand.Resolve(c.actor(), n.orElseThrow(), reason.orElseThrow(), text,
                    rootCause));
        });
        routes.add("ticket decline", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            Optional<ResolutionReason> reason = o.reason("reason");
            String text = o.text("text");
            return act(o, () -> new StaffCommand.Decline(c.actor(), n.orElseThrow(), reason.orElseThrow(), text));
        });
        routes.add("ticket escalate", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            String reason = o.text("reason");
            return act(o, () -> new StaffCommand.Escalate(c.actor(), n.orElseThrow(), reason));
        });
        routes.add("ticket call", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            String summary = o.text("summary");
            io.guichet.core.intake.IntakeDraft fields = io.guichet.core.intake.IntakeDraft.empty()
                    .with(io.guichet.core.intake.IntakeField.SEVERITY, o.optionalText("severity").orElse(null))
                    .with(io.guichet.core.intake.IntakeField.SERVER_URL, o.optionalText("server-url").orElse(null))
                    .with(io.guichet.core.intake.IntakeField.MODULE, o.optionalText("module").orElse(null))
                    .with(io.guichet.core.intake.IntakeField.STEPS_TO_REPRODUCE, o.optionalText("steps").orElse(null))
                    .with(io.guichet.core.intake.IntakeField.AFFECTED_DEVICES, o.optionalText("devices").orElse(null))
                    .with(io.guichet.core.intake.IntakeField.VERSION, o.optionalText("version").orElse(null));
            return act(o, () -> new StaffCommand.RecordCall(c.actor(), n.orElseThrow(), summary, fields));
        });
        routes.add("ticket access", TECHNICIAN, (c, o) -> {
            Optional<TicketNumber> n = o.ticket("ticket");
            String detail = o.text("detail");
            return act(o, () -> new StaffCommand.RecordServerAccess(c.actor(), n.orElseThrow(), detail));
        });
    }

    /** Runs a staff command once every option read well; else lists what was wrong. */
    private Answer act(Options options, Supplier<StaffCommand> command) {
        if (!options.problems().isEmpty()) {
            return Cards.refused(options.problems());
        }
        return Cards.outcome(staffDesk.handle(command.get()));
    }

    private Answer queue(Caller caller, Options o) {
        Optional<QueueView.StatusFilter> status = o.statusFilter("status");
        Optional<Optional<Severity>> severity = o.optionalSeverity("severity");
        Optional<Integer> page = o.page("page");
        Optional<Boolean> mine = o.flag("mine", false);
        Optional<String> accountName = o.optionalText("account");
        Optional<io.guichet.core.account.Account> account = accountName.flatMap(directory::account);
        if (accountName.isPresent() && account.isEmpty()) {
            o.problem(directory.unknownAccount(accountName.get()));
        }
        Optional<Optional<String>> search = o.search("search", QueueFilter.MAX_TEXT);
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        QueueView view = new QueueView(status.orElseThrow(), severity.orElseThrow(), mine.orElseThrow(),
                account.map(io.guichet.core.account.Account::id), search.orElseThrow());
        return queuePage(caller, view, page.orElseThrow(), Optional.empty());
    }

    /**
     * R15: one page of the queue in triage order, a Claim button per ticket, Prev/Next to page. Next carries the key of
     * the page's last ticket, and its page is read after that key (keyset pagination: page 41 costs what page 1
     * does); a page typed in {@code /queue page:N}, and Prev, are counted from the first ticket. Both carry the
     * view's filters (a search text by a token, see {@link QueueSearches}), so page 2 shows the same tickets' next
     * ones; "mine" is the tickets of whoever clicks (the page is only shown to who asked for it).
     */
    Answer queuePage(Caller caller, QueueView view, int page, Optional<QueueKey> after) {
        LocalDate today = queries.today();
        QueueFilter filter = view.filter(caller);
        List<Ticket> tickets = after.isPresent()
                ? queries.queueAfter(view.status().statuses(), view.severity(), filter, after.get(), PAGE_SIZE + 1)
                : queries.queue(view.status().statuses(), view.severity(), filter, (page - 1) * PAGE_SIZE, PAGE_SIZE + 1);
        view.search().ifPresent(searches::remember);
        boolean more = tickets.size() > PAGE_SIZE;
        List<Ticket> shown = tickets.subList(0, Math.min(PAGE_SIZE, tickets.size()));
        List<String> lines = shown.stream().map(t -> Cards.queueLine(t, today)).toList();
        String title = "Queue: " + view.describe(view.account().flatMap(queries::account)
                .map(io.guichet.core.account.Account::name)) + " - page " + page;
        String body = lines.isEmpty() ? "No tickets here." : String.join("\n\n", lines);
        List<Answer.Button> buttons = new ArrayList<>();
        for (Ticket t : shown) {
            buttons.add(new Answer.Button(new ButtonAction.Claim(t.number()).id(), "Claim " + t.number(),
                    Answer.Button.Style.PRIMARY, false));
        }
        buttons.add(new Answer.Button(new ButtonAction.Page(Math.max(1, page - 1), view).id(), "Prev",
                Answer.Button.Style.SECONDARY, page == 1));
        Optional<QueueKey> last = shown.isEmpty() ? Optional.empty()
                : Optional.of(QueueKey.of(shown.get(shown.size() - 1), today));
        buttons.add(new Answer.Button(new ButtonAction.Page(page + 1, view, last).id(), "Next",
                Answer.Button.Style.SECONDARY, !more));
        Answer.Embed embed = new Answer.Embed(title, body, List.of(),
                Optional.of("Triage order (R15): severity, certified submitter, earliest target, age."), Cards.BLUE);
        return new Answer("", List.of(embed), buttons, true);
    }

    private Answer show(Caller caller, Optional<TicketNumber> number, Options o) {
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return show(caller, number.orElseThrow());
    }

    Answer show(Caller caller, TicketNumber number) {
        return queries.view(number).map(view -> {
            Ticket t = view.ticket();
            List<Answer.Button> buttons = new ArrayList<>();
            if (t.status().active() && !t.assignee().filter(caller.actor()::sameAs).isPresent()) {
                buttons.add(new Answer.Button(new ButtonAction.Claim(t.number()).id(), "Claim " + t.number(),
                        Answer.Button.Style.PRIMARY, false));
            }
            return new Answer("", List.of(Cards.card(t, view.contact(), view.account(), queries.today())), buttons, true);
        }).orElseGet(() -> noSuchTicket(number));
    }

    private Answer history(Optional<TicketNumber> number, Options o) {
        if (!o.problems().isEmpty()) {
            return Cards.refused(o.problems());
        }
        return queries.history(number.orElseThrow())
                .map(h -> new Answer("", List.of(Cards.history(h.ticket(), h.events())), List.of(), true))
                .orElseGet(() -> noSuchTicket(number.orElseThrow()));
    }

    /**
     * The Claim button. A second click by the same technician is refused by the core ("already claimed"), with no
     * second event; a click on a ticket someone else holds does not take it over (the core refuses it): that needs
     * {@code /ticket claim}, typed on purpose.
     */
    Answer claimButton(Caller caller, TicketNumber number) {
        return Cards.outcome(staffDesk.handle(new StaffCommand.Claim(caller.actor(), number, false)));
    }

    private static Answer noSuchTicket(TicketNumber number) {
        return Cards.refused(List.of(Problem.notFound("ticket", "There is no ticket " + number + ".")));
    }
}
