package io.guichet.discord;

import io.guichet.discord.console.QueueView;
import io.guichet.core.ticket.ResolutionReason;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

import java.util.ArrayList;
import java.util.List;

/**
 * The slash commands registered for the guild: names, options, choices for severity and resolution reason, and
 * autocomplete on ticket and account options. Their paths match the console's handlers one to one (tested).
 * Discord's own command permissions are left open: the console checks roles on every use.
 */
public final class CommandCatalog {

    private static final int TEXT_MAX = 6000;

    private CommandCatalog() {
    }

    public static List<SlashCommandData> commands() {
        return List.of(queue(), ticket(), contact(), account(), version(), snippet());
    }

    /** Every registered path, e.g. {@code "ticket reply"}, as JDA's {@code getFullCommandName()} gives it. */
    public static List<String> paths() {
        List<String> paths = new ArrayList<>();
        for (SlashCommandData command : commands()) {
            if (command.getSubcommands().isEmpty()) {
                paths.add(command.getName());
            }
            command.getSubcommands().forEach(sub -> paths.add(command.getName() + " " + sub.getName()));
        }
        return paths;
    }

    private static SlashCommandData queue() {
        OptionData status = new OptionData(OptionType.STRING, "status", "Which tickets (default: every active one)");
        for (QueueView.StatusFilter filter : QueueView.StatusFilter.values()) {
            status.addChoice(filter.code(), filter.code());
        }
        return guildOnly(Commands.slash("queue", "The triage queue in R15 order, 10 per page, with Claim buttons")
                .addOptions(status, severity("severity", "Only this severity", false),
                        new OptionData(OptionType.INTEGER, "page", "Page number, from 1").setMinValue(1),
                        new OptionData(OptionType.BOOLEAN, "mine", "Only the tickets you hold"),
                        new OptionData(OptionType.STRING, "account", "Only this account's tickets", false, true),
                        new OptionData(OptionType.STRING, "search", "Only tickets with this text in subject or "
                                + "description").setMaxLength(io.guichet.core.triage.QueueFilter.MAX_TEXT)));
    }

    private static SlashCommandData ticket() {
        return guildOnly(Commands.slash("ticket", "Work on a ticket").addSubcommands(
                sub("show", "Everything about a ticket"),
                sub("history", "The ticket's audit trail, newest last"),
                sub("claim", "Take the ticket (takes it over if someone else holds it)"),
                sub("unclaim", "Give the ticket back to the queue"),
                sub("assign", "Give the ticket to another technician (or transfer it from its holder)")
                        .addOptions(new OptionData(OptionType.USER, "technician", "The technician who takes it", true)),
                sub("reopen", "Reopen a resolved ticket (R13); a closed one is closed for good"),
                sub("subscribe", "Be pinged in the ticket's thread when the customer writes"),
                sub("unsubscribe", "No longer be pinged in the ticket's thread (the holder always is)"),
                sub("reply", "Mail an answer to the customer (threaded on the ticket)")
                        .addOptions(text("text", "What the customer reads (leave it out to write several lines)", false),
                                new OptionData(OptionType.STRING, "snippet",
                                        "A saved reply, sent before your text if you write one", false, true)),
                sub("ask", "Mail a question; the ticket waits on the customer (reminders, then R12a)")
                        .addOptions(text("text", "The question the customer reads", true)),
                sub("note", "An internal note, never sent to the customer")
                        .addOptions(text("text", "The note", true)),
                sub("severity", "Change the severity, with a reason (R6, R11, R17)")
                        .addOptions(severity("level", "The new severity", true),
                                text("reason", "Why: diagnostics not followed, contact unavailable...", true)),
                sub("frequency", "Update less often, severity unchanged, e.g. contact unavailable (R17)")
                        .addOptions(new OptionData(OptionType.STRING, "every", "The new interval: 12h, 2d, 1d 12h", true),
                                text("reason", "Why: the designated contact is not available...", true)),
                sub("hold", "Park for a hardware/OS cause until the customer fixes it (R9)")
                        .addOptions(text("text", "The change the customer must make", true)),
                sub("resume", "Take a parked ticket back to work (R9)"),
                sub("resolve", "Resolve: solution given (R12), R12a-g, diagnostics not followed (R6), exclusion (R21)")
                        .addOptions(reason(), text("text", "Explanation mailed with the resolution", false),
                                text("root-cause", "The root cause, when known: recorded and mailed (R12)", false)),
                sub("decline", "Decline at intake: excluded from support (R21a-g) or outside it (R3)")
                        .addOptions(exclusion(), text("text", "Explanation mailed with the decline", false)),
                sub("escalate", "Escalate to support management (R18)")
                        .addOptions(text("reason", "Why", false)),
                sub("call", "Record a phone call: a response (R15, R16); may fill missing fields (R5)")
                        .addOptions(text("summary", "What was said, for the history", true),
                                severity("severity", "Severity given on the phone", false),
                                text("server-url", "Full server address given", false),
                                text("module", "Module or product category given", false),
                                text("steps", "Steps to reproduce given", false),
                                text("devices", "Affected devices (serial number, device id) given", false),
                                text("version", "Product version given", false)),
                sub("access", "Record that you accessed the customer's server (R7)")
                        .addOptions(text("detail", "Which server, what for", false))));
    }

    private static SlashCommandData contact() {
        return guildOnly(Commands.slash("contact", "Authorized contacts of customer accounts (R10); managers only")
                .addSubcommands(
                        new SubcommandData("add", "Authorize a new contact (after the customer's written notice)")
                                .addOptions(accountOption(),
                                        new OptionData(OptionType.STRING, "name", "Full name", true),
                                        new OptionData(OptionType.STRING, "email", "E-mail address", true),
                                        new OptionData(OptionType.STRING, "phone", "Direct phone number", true),
                                        new OptionData(OptionType.STRING, "language", "Language of the mail")
                                                .addChoice("English", "en").addChoice("Français", "fr"),
                                        new OptionData(OptionType.USER, "discord-user", "The contact's Discord account"),
                                        new OptionData(OptionType.STRING, "certified-until",
                                                "Certified administrator through this day (YYYY-MM-DD)"),
                                        requestReference(), requestDate()),
                        new SubcommandData("remove", "Withdraw a contact's authorization")
                                .addOptions(new OptionData(OptionType.STRING, "email", "E-mail address", true),
                                        requestReference(), requestDate()),
                        new SubcommandData("list", "Contacts of an account").addOptions(accountOption()),
                        new SubcommandData("available", "Always available for severity-1 questions (R11), or no longer")
                                .addOptions(new OptionData(OptionType.STRING, "email", "E-mail address", true),
                                        new OptionData(OptionType.STRING, "available", "yes (default) or no")
                                                .addChoice("yes", "yes").addChoice("no", "no")),
                        new SubcommandData("certify", "Record a certification (renewed yearly; gives triage priority)")
                                .addOptions(new OptionData(OptionType.STRING, "email", "E-mail address", true),
                                        new OptionData(OptionType.STRING, "until",
                                                "Last certified day, YYYY-MM-DD (default: one year)"))));
    }

    private static SlashCommandData account() {
        return guildOnly(Commands.slash("account", "Customer accounts; managers only").addSubcommands(
                new SubcommandData("coverage", "Set the last day covered by licence or maintenance (R1)")
                        .addOptions(accountOption(),
                                new OptionData(OptionType.STRING, "until", "Last covered day, YYYY-MM-DD", true)),
                new SubcommandData("cover", "Cover one product through a day, besides all products (R1)")
                        .addOptions(accountOption(),
                                new OptionData(OptionType.STRING, "product", "Product of the version catalogue, e.g. VSA", true),
                                new OptionData(OptionType.STRING, "until", "Last covered day, YYYY-MM-DD", true)),
                new SubcommandData("uncover", "End the coverage of one product (R1)")
                        .addOptions(accountOption(),
                                new OptionData(OptionType.STRING, "product", "Product the account is covered for", true))));
    }

    private static SlashCommandData version() {
        return guildOnly(Commands.slash("version", "Product versions and their support window (R20); managers only")
                .addSubcommands(
                        new SubcommandData("add", "Record a released version").addOptions(
                                new OptionData(OptionType.STRING, "product", "Product, e.g. VSA", true),
                                new OptionData(OptionType.STRING, "version", "Version number, e.g. 9.5", true),
                                new OptionData(OptionType.STRING, "released", "Release day, YYYY-MM-DD", true),
                                new OptionData(OptionType.BOOLEAN, "on-premise", "Installed on premise (default yes)"),
                                new OptionData(OptionType.STRING, "retired",
                                        "Announced retirement of the product, YYYY-MM-DD")),
                        new SubcommandData("list", "Versions and whether each is supported today").addOptions(
                                new OptionData(OptionType.STRING, "product", "Only this product"))));
    }

    private static SlashCommandData snippet() {
        OptionData name = new OptionData(OptionType.STRING, "name", "Lowercase letters, digits and dashes, e.g. ask-logs",
                true).setMaxLength(io.guichet.core.snippet.Snippet.NAME_MAX);
        return guildOnly(Commands.slash("snippet", "Saved replies: managers keep them, technicians insert them")
                .addSubcommands(
                        new SubcommandData("add", "Save a reply under a name (replaces its text if taken); managers only")
                                .addOptions(name, new OptionData(OptionType.STRING, "text",
                                        "What the customer reads (leave it out to write several lines)", false)
                                        .setMaxLength(io.guichet.core.snippet.Snippet.TEXT_MAX)),
                        new SubcommandData("remove", "Remove a saved reply; managers only")
                                .addOptions(new OptionData(OptionType.STRING, "name", "The saved reply's name", true, true)),
                        new SubcommandData("list", "The saved replies, by name")));
    }

    private static SubcommandData sub(String name, String description) {
        return new SubcommandData(name, description).addOptions(
                new OptionData(OptionType.STRING, "ticket", "Ticket number, e.g. 1042", true, true));
    }

    private static OptionData text(String name, String description, boolean required) {
        return new OptionData(OptionType.STRING, name, description, required).setMaxLength(TEXT_MAX);
    }

    private static OptionData severity(String name, String description, boolean required) {
        return new OptionData(OptionType.STRING, name, description, required)
                .addChoice("1 - outage, critical production impact", "1")
                .addChoice("2 - major loss of function", "2")
                .addChoice("3 - moderate loss", "3")
                .addChoice("4 - minor, or configuration request", "4");
    }

    private static OptionData reason() {
        OptionData reason = new OptionData(OptionType.STRING, "reason", "Why it is resolved (R12, R12a-g, R6, R21a-g)", true);
        for (ResolutionReason r : ResolutionReason.values()) {
            reason.addChoice(r.code() + " (" + r.rule() + ")", r.code());
        }
        return reason;
    }

    private static OptionData exclusion() {
        OptionData reason = new OptionData(OptionType.STRING, "reason", "The exclusion (R21a-g) or out of scope (R3)", true);
        for (ResolutionReason r : ResolutionReason.values()) {
            if (r.declines()) {
                reason.addChoice(r.code() + " (" + r.rule() + ")", r.code());
            }
        }
        return reason;
    }

    private static OptionData requestReference() {
        return new OptionData(OptionType.STRING, "request", "The customer's written request: ticket, mail subject (R10)");
    }

    private static OptionData requestDate() {
        return new OptionData(OptionType.STRING, "request-date", "The day the written request arrived (YYYY-MM-DD)");
    }

    private static OptionData accountOption() {
        return new OptionData(OptionType.STRING, "account", "Account name", true, true);
    }

    private static SlashCommandData guildOnly(SlashCommandData command) {
        return command.setContexts(InteractionContextType.GUILD);
    }
}
