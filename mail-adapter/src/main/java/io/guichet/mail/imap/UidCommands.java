package io.guichet.mail.imap;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.iap.Argument;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

import java.util.Collection;

/**
 * Moves and flags messages by UID. Angus Mail's own {@code moveMessages}/{@code setFlags} address messages by
 * sequence number, which goes wrong when the server expunges without telling this session (GreenMail after MOVE);
 * a UID never changes meaning.
 */
final class UidCommands {

    private UidCommands() {
    }

    /** {@code UID MOVE} when the server has it; else {@code UID COPY}, {@code \Deleted} and an expunge. */
    static void move(IMAPFolder folder, Collection<Long> uids, String destination, ImapConnection server)
            throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        String set = uidSet(uids);
        if (server.supportsMove()) {
            run(folder, "UID MOVE", set, destination);
            return;
        }
        run(folder, "UID COPY", set, destination);
        raw(folder, "UID STORE " + set + " +FLAGS.SILENT (\\Deleted)");
        // without UIDPLUS a plain EXPUNGE also removes mail someone else marked \Deleted: the best we can do
        raw(folder, server.supportsUidPlus() ? "UID EXPUNGE " + set : "EXPUNGE");
    }

    /** Adds flags (system flags with their backslash, or keywords) to the messages. */
    static void addFlags(IMAPFolder folder, Collection<Long> uids, String flagList) throws MessagingException {
        if (uids.isEmpty()) {
            return;
        }
        raw(folder, "UID STORE " + uidSet(uids) + " +FLAGS.SILENT (" + flagList + ")");
    }

    private static void run(IMAPFolder folder, String command, String set, String mailbox) throws MessagingException {
        folder.doCommand(p -> {
            Argument args = new Argument();
            args.writeAtom(set);
            args.writeString(BASE64MailboxEncoder.encode(mailbox));
            Response[] r = p.command(command, args);
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return null;
        });
    }

    private static void raw(IMAPFolder folder, String command) throws MessagingException {
        folder.doCommand(p -> {
            Response[] r = p.command(command, null);
            p.notifyResponseHandlers(r);
            p.handleResult(r[r.length - 1]);
            return null;
        });
    }

    private static String uidSet(Collection<Long> uids) {
        return UIDSet.toString(UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
    }
}
