package io.guichet.app.cli.admin;

import io.guichet.app.cli.JsonOutput;
import io.guichet.app.cli.Table;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.Quarantine;
import io.guichet.core.mail.QuarantinedMail;
import io.guichet.app.node.CoreAssembly;
import io.guichet.mail.imap.QuarantineFolder;
import io.guichet.mail.inbound.MimeParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code guichet quarantine}: mail that could not be handled, listed, shown, and released to be handled again. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Mail that could not be handled: list it, show one, release one to be handled again.",
        subcommands = {QuarantineCommand.ListMail.class, QuarantineCommand.Show.class, QuarantineCommand.Release.class})
public final class QuarantineCommand {

    /**
     * The JSON form: an array of {@code {"id", "received": instant, "size": bytes, "sender", "subject", "messageId":
     * string|null, "reason", "released": instant|null}}, newest first.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Quarantined mail, newest first.")
    static final class ListMail extends AdminCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N mails (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--json", description = "One JSON array (its shape: docs/operations.md).")
        boolean json;

        @Override
        void checkArguments() {
            if (limit < 1 || limit > 10_000) {
                throw AdminProblem.usage("--limit: " + limit + " is not between 1 and 10000.");
            }
        }

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            Quarantine quarantine = admin.core().quarantine();
            List<QuarantinedMail> mails = quarantine.list(limit);
            if (json) {
                JsonOutput.print(out, mails.stream().map(QuarantineCommand::json).toList());
                return;
            }
            if (mails.isEmpty()) {
                out.println("No quarantined mail.");
                return;
            }
            Table table = new Table("ID", "RECEIVED", "SIZE", "FROM", "SUBJECT", "REASON");
            for (QuarantinedMail m : mails) {
                table.row(Long.toString(m.id()), TIME.format(m.receivedAt()), Long.toString(m.size()), dash(m.sender()),
                        Table.shorten(dash(m.subject()), 40), Table.shorten(m.reason(), 80));
            }
            table.print(out);
            out.println(mails.size() + " of " + quarantine.count() + " quarantined mail(s). Release one with"
                    + " 'guichet quarantine release ID'.");
        }
    }

    /** The JSON form: one object, as an item of {@code quarantine list --json}, with its mailbox position. */
    @Command(name = "show", mixinStandardHelpOptions = true, description = "One quarantined mail and why.")
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "ID", description = "Its number, as 'quarantine list' shows it.")
        long id;
        @Option(names = "--json", description = "One JSON object (its shape: docs/operations.md).")
        boolean json;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            QuarantinedMail m = found(admin, id);
            if (json) {
                java.util.Map<String, Object> object = json(m);
                object.put("mailbox", JsonOutput.object("folder", m.position().mailbox(),
                        "uidValidity", m.position().uidValidity(), "uid", m.position().uid()));
                JsonOutput.print(out, object);
                return;
            }
            out.println("Quarantined mail " + m.id() + (m.releasedAt().isPresent() ? " (released)" : ""));
            out.println("  from        " + dash(m.sender()));
            out.println("  subject     " + dash(m.subject()));
            out.println("  message-id  " + m.messageId().map(MessageId::inBrackets).orElse("-"));
            out.println("  size        " + m.size() + " bytes");
            out.println("  received    " + m.receivedAt());
            out.println("  mailbox     " + m.position().mailbox() + ", UIDVALIDITY " + m.position().uidValidity()
                    + ", UID " + m.position().uid());
            out.println("  reason      " + m.reason());
            m.releasedAt().ifPresent(at -> out.println("  released    " + at));
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = "Moves a quarantined mail back to the inbox to be handled again; its failed attempts are forgotten.")
    static final class Release extends AdminCommand {
        @Parameters(paramLabel = "ID", description = "Its number, as 'quarantine list' shows it.")
        long id;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            QuarantinedMail m = found(admin, id);
            if (m.releasedAt().isPresent()) {
                throw AdminProblem.notFound("mail " + id + " was already released at " + m.releasedAt().get() + ".");
            }
            GuichetConfig.MailboxConfig box = config.mailbox().orElseThrow(() -> AdminProblem.config(
                    "releasing moves the mail back to the inbox: set GUICHET_IMAP_HOST and the other GUICHET_IMAP_* settings."));
            QuarantineFolder folder = new QuarantineFolder(GuichetNode.imapSettings(config, box),
                    new MimeParser()::contentHashes);
            // one transaction around the move: if the mailbox refuses, the receipt stays quarantined
            String moved = switch (admin.core().releaseQuarantined(id, () -> folder.moveBack(m))) {
                case CoreAssembly.Released.NotQuarantined none ->
                        throw AdminProblem.notFound("mail " + id + " is no longer quarantined.");
                case CoreAssembly.Released.Moved done -> switch (done.moved()) {
                    case QuarantineFolder.Moved.Back back -> back.folder();
                    case QuarantineFolder.Moved.NotFound missing -> throw AdminProblem.notFound(missing.reason()
                            + "; nothing was changed.");
                    case QuarantineFolder.Moved.Unreachable down -> throw AdminProblem.infrastructure(
                            "the mailbox could not be reached (" + down.reason() + "); nothing was changed.");
                };
            };
            out.println("Released mail " + id + " (" + dash(m.subject()) + " from " + dash(m.sender()) + "): moved back to "
                    + moved + "; it is handled again, its failed attempts forgotten.");
        }
    }

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private static java.util.Map<String, Object> json(QuarantinedMail m) {
        return JsonOutput.object("id", m.id(), "received", m.receivedAt(), "size", m.size(), "sender", m.sender(),
                "subject", m.subject(), "messageId", m.messageId(), "reason", m.reason(), "released", m.releasedAt());
    }

    private static QuarantinedMail found(AdminDesks admin, long id) {
        return admin.core().quarantine().find(id).orElseThrow(() -> AdminProblem.notFound("there is no quarantined mail " + id
                + "; 'guichet quarantine list' shows them."));
    }

    private static String dash(String text) {
        return text.isBlank() ? "-" : text;
    }
}
