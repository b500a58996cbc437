package io.guichet.discord.console;

import io.guichet.core.desk.Desks;
import io.guichet.core.desk.StaffDesk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The technician console, in plain Java: turns slash commands and button clicks into the core's commands and their
 * outcomes into {@link Answer}s. It checks the caller's role on every interaction (technician for tickets, manager
 * for contacts, coverage and versions), whatever Discord's command permissions say, and logs refusals at WARN. No
 * exception text reaches a technician: an unexpected failure answers with a reference logged at ERROR.
 */
public final class Console {

    private static final Logger LOG = LoggerFactory.getLogger(Console.class);

    private final StaffRoles roles;
    private final Routes routes = new Routes();
    private final TicketCommands tickets;
    private final Autocomplete autocomplete;
    private final StaffDesk staffDesk;
    private final io.guichet.core.desk.ThreadDesk threads;

    public Console(Desks desks, StaffRoles roles) {
        this.roles = roles;
        this.staffDesk = desks.staffDesk();
        this.tickets = new TicketCommands(desks.staffDesk(), desks.tickets(), desks.directory(), roles,
                new QueueSearches(java.time.Clock.systemUTC()), desks.snippets());
        this.threads = desks.threads();
        this.tickets.register(routes);
        routes.add("ticket subscribe", StaffRoles.Role.TECHNICIAN, (c, o) -> {
            Optional<io.guichet.core.ticket.TicketNumber> n = o.ticket("ticket");
            return o.problems().isEmpty() ? Cards.outcome(threads.subscribe(n.orElseThrow(), c.actor()))
                    : Cards.refused(o.problems());
        });
        routes.add("ticket unsubscribe", StaffRoles.Role.TECHNICIAN, (c, o) -> {
            Optional<io.guichet.core.ticket.TicketNumber> n = o.ticket("ticket");
            return o.problems().isEmpty() ? Cards.outcome(threads.unsubscribe(n.orElseThrow(), c.actor()))
                    : Cards.refused(o.problems());
        });
        new DirectoryCommands(desks.directory()).register(routes);
        new SnippetCommands(desks.snippets()).register(routes);
        this.autocomplete = new Autocomplete(desks.tickets(), desks.directory(), desks.snippets(), roles);
    }

    /** Every command path the console handles, e.g. {@code "ticket reply"}. */
    public Set<String> commandPaths() {
        return routes.paths();
    }

    public Answer handle(SlashInput input) {
        return guarded("/" + input.commandPath(), input.userName(), () -> {
            Optional<Routes.Route> route = routes.find(input.commandPath());
            if (route.isEmpty()) {
                LOG.warn("unknown command /{} from {} ({})", input.commandPath(), input.userName(), input.userId());
                return Answer.text("There is no command /" + input.commandPath() + " here. Commands: "
                        + String.join(", ", routes.paths().stream().sorted().map(p -> "/" + p).toList()) + ".");
            }
            if (!roles.holds(input.roleIds(), route.get().role())) {
                return refuse(input.caller(), "/" + input.commandPath(), route.get().role());
            }
            Options options = new Options(input.options(), input.members());
            Answer answer = route.get().handler().apply(input.caller(), options);
            if (!options.problems().isEmpty()) {
                // an option that could not be read (a bad severity, a bad date...) refuses the command before it
                // reaches a desk: recorded in the audit trail like the desks' own refusals
                staffDesk.refused(input.caller().actor(), "/" + input.commandPath(), "console options",
                        options.problems());
                return answer;
            }
            LOG.info("/{} by {}", input.commandPath(), input.caller().actor().label());
            return answer;
        });
    }

    public Answer handle(ButtonInput input) {
        return guarded("button " + input.buttonId(), input.userName(), () -> {
            Optional<ButtonAction> action = ButtonAction.parse(input.buttonId(), tickets::searchText);
            if (action.isEmpty()) {
                LOG.warn("unknown button {} from {} ({})", input.buttonId(), input.userName(), input.userId());
                return Answer.text("This button is no longer understood: run the command again.");
            }
            if (!roles.holds(input.roleIds(), StaffRoles.Role.TECHNICIAN)) {
                return refuse(input.caller(), "button " + input.buttonId(), StaffRoles.Role.TECHNICIAN);
            }
            LOG.info("button {} by {}", input.buttonId(), input.caller().actor().label());
            return switch (action.get()) {
                case ButtonAction.Claim claim -> tickets.claimButton(input.caller(), claim.ticket());
                case ButtonAction.Show show -> tickets.show(input.caller(), show.ticket());
                case ButtonAction.Subscribe subscribe -> Cards.outcome(
                        threads.subscribe(subscribe.ticket(), input.caller().actor()));
                case ButtonAction.Page page -> tickets.queuePage(input.caller(), page.view(), page.page(), page.after());
            };
        });
    }

    /** Suggestions for an option with autocomplete; none on any failure (a suggestion list is never worth an error). */
    public List<Choice> complete(AutocompleteInput input) {
        try {
            return autocomplete.complete(input);
        } catch (RuntimeException e) {
            LOG.error("autocomplete of {} in /{} failed", input.option(), input.commandPath(), e);
            return List.of();
        }
    }

    /** A member without the role: nothing changes; the refusal is in the audit trail and the log (WARN). */
    private Answer refuse(Caller caller, String what, StaffRoles.Role role) {
        LOG.warn("refused {} for {} ({}): lacks the {} role", what, caller.userName(), caller.userId(), role.label());
        String text = "Only members with the " + role.label() + " role may use " + what + ". Ask a manager if you need it.";
        staffDesk.refused(caller.actor(), what, "discord role", List.of(io.guichet.core.Problem.notAllowed("role", text)));
        return Answer.text(text);
    }

    private static Answer guarded(String what, String user, Supplier<Answer> work) {
        String ref = UUID.randomUUID().toString().substring(0, 8).toUpperCase(Locale.ROOT);
        MDC.put("channel", "discord");
        MDC.put("correlationId", ref);
        try {
            return work.get();
        } catch (RuntimeException e) {
            LOG.error("{} by {} failed (ref {})", what, user, ref, e);
            return Answer.text("Something went wrong (ref " + ref + "). Nothing was changed; try again, and if it "
                    + "happens again give this reference to an administrator.");
        } finally {
            MDC.remove("channel");
            MDC.remove("correlationId");
        }
    }
}
