package io.guichet.app.cli.admin;

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
import java.util.List;

/** {@code guichet quarantine}: mail that could not be handled, listed, shown, and released to be handled again. */
@Command(name = "quarantine", mixinStandardHelpOptions = true,
        description = "Mail that could not be handled: list it, show one, release one to be handled again.",
        subcommands = {QuarantineCommand.ListMail.class, QuarantineCommand.Show.class, QuarantineCommand.Release.class})
public final class QuarantineCommand {

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Quarantined mail, newest first.")
    static final class ListMail extends AdminCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N mails (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            if (limit < 1 || limit > 10_000) {
                throw AdminProblem.usage("--limit: " + limit + " is not between 1 and 10000.");
            }
            Quarantine quarantine = admin.core().quarantine();
            List<QuarantinedMail> mails = quarantine.list(limit);
            if (mails.isEmpty()) {
                out.println("No quarantined mail.");
                return;
            }
            for (QuarantinedMail m : mails) {
                out.printf("%-6d %-20s %10d  %-32s %s%n", m.id(), m.receivedAt().toString().substring(0, 19),
                        m.size(), dash(m.sender()), dash(m.subject()));
                out.println("       " + m.reason());
            }
            out.println(mails.size() + " of " + quarantine.count() + " quarantined mail(s). Release one with"
                    + " 'guichet quarantine release ID'.");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One quarantined mail and why.")
    static final class Show extends AdminCommand {
        @Parameters(paramLabel = "ID", description = "Its number, as 'quarantine list' shows it.")
        long id;

        @Override
        void run(AdminDesks admin, PrintWriter out) {
            QuarantinedMail m = found(admin, id);
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

    private static QuarantinedMail found(AdminDesks admin, long id) {
        return admin.core().quarantine().find(id).orElseThrow(() -> AdminProblem.notFound("there is no quarantined mail " + id
                + "; 'guichet quarantine list' shows them."));
    }

    private static String dash(String text) {
        return text.isBlank() ? "-" : text;
    }
}
