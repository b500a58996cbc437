package io.guichet.mail.imap;

import io.guichet.core.mail.QuarantinedMail;
import io.guichet.mail.inbound.Envelope;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.search.AndTerm;
import jakarta.mail.search.FromStringTerm;
import jakarta.mail.search.HeaderTerm;
import jakarta.mail.search.SearchTerm;
import jakarta.mail.search.SubjectTerm;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The quarantine folder, for an operator: finds the message of a quarantine receipt there and moves it back to the
 * folder the watcher reads, where it arrives with a new UID and is handled again.
 *
 * <p>A message is found by its Message-ID (server-side {@code SEARCH HEADER}), else by its sender and subject, and
 * must come from the receipt's sender. When several match, the one whose content hash is the receipt's is taken;
 * when none can be told apart that way (a receipt recorded without the mail's body), they are copies of one mail
 * and the oldest is moved.
 */
public final class QuarantineFolder {

    /** What became of a release in the mailbox. */
    public sealed interface Moved {
        /** The message went back to the inbox. */
        record Back(String folder) implements Moved {
        }

        /** No message of the quarantine folder is that mail (someone moved or deleted it). */
        record NotFound(String reason) implements Moved {
        }

        /** The mailbox could not be reached or refused: nothing was moved. */
        record Unreachable(String reason) implements Moved {
        }
    }

    private final ImapSettings settings;
    private final Function<byte[], List<String>> hashes;

    /**
     * @param hashes the content hashes a receipt may carry for a raw mail (as the intake computes them)
     */
    public QuarantineFolder(ImapSettings settings, Function<byte[], List<String>> hashes) {
        this.settings = settings;
        this.hashes = hashes;
    }

    /** Moves the message of {@code mail} back to the inbox. */
    public Moved moveBack(QuarantinedMail mail) {
        try {
            return tryMoveBack(mail);
        } catch (MessagingException e) {
            String message = e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("");
            return new Moved.Unreachable(e.getClass().getSimpleName() + message);
        }
    }

    private Moved tryMoveBack(QuarantinedMail mail) throws MessagingException {
        try (ImapConnection server = ImapConnection.open(settings, Optional.empty())) {
            IMAPFolder quarantine = server.openReadWrite(settings.quarantineFolder());
            try {
                List<Message> candidates = new ArrayList<>();
                for (Message m : quarantine.search(term(mail))) {
                    if (sender(m).equals(mail.sender())) {
                        candidates.add(m);
                    }
                }
                if (candidates.isEmpty()) {
                    return new Moved.NotFound("no message in " + settings.quarantineFolder() + " has "
                            + mail.messageId().map(id -> "Message-ID " + id.inBrackets() + " from " + mail.sender())
                            .orElse("the sender and subject of this mail"));
                }
                Message chosen = candidates.size() == 1 ? candidates.getFirst() : byHash(candidates, mail)
                        .orElse(candidates.getFirst());
                UidCommands.move(quarantine, List.of(quarantine.getUID(chosen)), settings.folder(), server);
                return new Moved.Back(settings.folder());
            } finally {
                if (quarantine.isOpen()) {
                    quarantine.close(false);
                }
            }
        }
    }

    private static SearchTerm term(QuarantinedMail mail) {
        return mail.messageId().<SearchTerm>map(id -> new HeaderTerm("Message-ID", id.inBrackets()))
                .orElseGet(() -> new AndTerm(new FromStringTerm(mail.sender()), new SubjectTerm(mail.subject())));
    }

    private Optional<Message> byHash(List<Message> candidates, QuarantinedMail mail) throws MessagingException {
        for (Message m : candidates) {
            if (hashes.apply(raw(m)).contains(mail.contentHash())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static String sender(Message m) throws MessagingException {
        String[] from = m.getHeader("From");
        return from == null || from.length == 0 ? "" : Envelope.senderOf(from[0]);
    }

    private static byte[] raw(Message m) throws MessagingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            m.writeTo(out);
        } catch (IOException e) {
            throw new MessagingException("could not read a message of the quarantine folder", e);
        }
        return out.toByteArray();
    }

    /** The lower-case hex SHA-256 of the raw bytes: how unreadable mail is recorded. */
    public static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
