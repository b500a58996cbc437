package io.guichet.mail.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.ENVELOPE;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;
import org.eclipse.angus.mail.imap.protocol.UIDSet;

import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The watcher's reads, by UID: which messages are new, their size and envelope, and their raw bytes, each a single
 * {@code UID FETCH} for many messages. Bodies are read with {@code BODY.PEEK[]}, which never sets {@code \Seen}, and
 * come back byte for byte as the server stores them.
 *
 * <p>Angus Mail's own {@code fetch} addresses messages by sequence number and caches what it reads in its message
 * objects for as long as the folder is open ({@code FetchProfileItem.MESSAGE} keeps every body of the batch); here
 * nothing is cached: the caller holds the bytes it asked for and drops them when done.
 */
final class UidFetch {

    /** The highest UID IMAP allows (RFC 3501: a non-zero 32-bit unsigned number). */
    static final long MAX_UID = 0xFFFF_FFFFL;

    private UidFetch() {
    }

    /** What is known of a message before its body is read: one item of a {@code UID FETCH} of size and envelope. */
    record Summary(long uid, long size, String messageId, String sender, String subject) {
        Summary {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(sender, "sender");
            Objects.requireNonNull(subject, "subject");
        }
    }

    /** The answer to a {@code UID FETCH} of bodies. */
    sealed interface Bodies {
        /**
         * @param bodies   the raw message of every UID the server sent a body for
         * @param bodiless UIDs the server answered for, but without a body
         */
        record Fetched(Map<Long, byte[]> bodies, Set<Long> bodiless) implements Bodies {
        }

        /** The server refused the command (NO or BAD), for a reason it gives. */
        record Refused(String reason) implements Bodies {
        }
    }

    /**
     * Size and envelope of the messages whose UIDs are in {@code uidSet} (an IMAP UID set without {@code *}), in UID
     * order. UIDs that do not exist are not in the answer.
     */
    static List<Summary> summaries(IMAPFolder folder, String uidSet) throws MessagingException {
        Answer answer = fetch(folder, "UID FETCH " + uidSet + " (UID RFC822.SIZE ENVELOPE)");
        if (answer.refusal().isPresent()) {
            throw new MessagingException("UID FETCH of sizes and envelopes refused: " + answer.refusal().get());
        }
        List<Summary> summaries = new ArrayList<>();
        for (FetchResponse f : answer.fetches()) {
            UID uid = f.getItem(UID.class);
            RFC822SIZE size = f.getItem(RFC822SIZE.class);
            ENVELOPE envelope = f.getItem(ENVELOPE.class);
            if (uid != null && size != null && envelope != null) {
                summaries.add(new Summary(uid.uid, size.size, Objects.requireNonNullElse(envelope.messageId, ""),
                        sender(envelope), subject(envelope)));
            }
        }
        summaries.sort((a, b) -> Long.compare(a.uid(), b.uid()));
        return summaries;
    }

    /** The UIDs from {@code first} up, in order ({@code UID FETCH first:* (UID)}, one short line per message). */
    static List<Long> uidsFrom(IMAPFolder folder, long first) throws MessagingException {
        Answer answer = fetch(folder, "UID FETCH " + first + ":* (UID)");
        if (answer.refusal().isPresent()) {
            throw new MessagingException("UID FETCH of UIDs refused: " + answer.refusal().get());
        }
        // "n:*" also names the highest message when its UID is below n
        return answer.fetches().stream().map(f -> f.getItem(UID.class)).filter(Objects::nonNull)
                .map(u -> u.uid).filter(u -> u >= first).sorted().distinct().toList();
    }

    /** The raw messages of {@code uids}, in one {@code UID FETCH (UID BODY.PEEK[])}. */
    static Bodies bodies(IMAPFolder folder, Collection<Long> uids) throws MessagingException {
        Set<Long> asked = Set.copyOf(uids);
        Answer answer = fetch(folder, "UID FETCH " + uidSet(asked) + " (UID BODY.PEEK[])");
        if (answer.refusal().isPresent()) {
            return new Bodies.Refused(answer.refusal().get());
        }
        Map<Long, byte[]> bodies = new HashMap<>();
        Set<Long> bodiless = new HashSet<>();
        List<FetchResponse> fetches = answer.fetches();
        for (int i = 0; i < fetches.size(); i++) {
            FetchResponse f = fetches.get(i);
            UID uid = f.getItem(UID.class);
            if (uid == null || !asked.contains(uid.uid)) {
                continue; // an unsolicited FETCH (flags changed by someone else)
            }
            Optional<byte[]> raw = wholeMessage(f);
            if (raw.isPresent()) {
                bodies.put(uid.uid, raw.get());
            } else {
                bodiless.add(uid.uid);
            }
            fetches.set(i, null); // its copy is in the map: let the response's buffer go
        }
        return new Bodies.Fetched(bodies, bodiless);
    }

    static String uidSet(Collection<Long> uids) {
        return UIDSet.toString(UIDSet.createUIDSets(uids.stream().mapToLong(Long::longValue).sorted().toArray()));
    }

    private static Optional<byte[]> wholeMessage(FetchResponse f) {
        for (int i = 0; i < f.getItemCount(); i++) {
            if (f.getItem(i) instanceof BODY body && body.getSection().isEmpty() && body.getOrigin() < 0) {
                ByteArray data = body.getByteArray();
                return data == null ? Optional.empty() : Optional.of(data.getNewBytes());
            }
        }
        return Optional.empty();
    }

    /** The FETCH responses of a command, or why the server refused it. */
    private record Answer(List<FetchResponse> fetches, Optional<String> refusal) {
    }

    /**
     * Runs a FETCH command on the folder's connection. Responses that are not FETCH (EXISTS, EXPUNGE, alerts) go to
     * the folder as usual; a NO or BAD is an answer, not an exception; a broken connection is a
     * {@link jakarta.mail.FolderClosedException}.
     */
    private static Answer fetch(IMAPFolder folder, String command) throws MessagingException {
        return (Answer) folder.doCommand(p -> {
            Response[] r = p.command(command, null);
            Response result = r[r.length - 1];
            List<FetchResponse> fetches = new ArrayList<>();
            List<Response> others = new ArrayList<>();
            for (int i = 0; i < r.length - 1; i++) {
                if (r[i] instanceof FetchResponse f) {
                    fetches.add(f);
                } else if (r[i] != null) {
                    others.add(r[i]);
                }
                r[i] = null;
            }
            p.notifyResponseHandlers(others.toArray(Response[]::new));
            if (result.isNO() || result.isBAD()) {
                return new Answer(fetches, Optional.of(Objects.requireNonNullElse(result.getRest(), "").strip()));
            }
            p.handleResult(result); // BYE: disconnects and throws
            return new Answer(fetches, Optional.empty());
        });
    }

    private static String sender(ENVELOPE envelope) {
        InternetAddress[] from = envelope.from != null && envelope.from.length > 0 ? envelope.from : envelope.sender;
        return Optional.ofNullable(from).stream().flatMap(Arrays::stream)
                .map(InternetAddress::getAddress)
                .filter(Objects::nonNull)
                .findFirst().orElse("");
    }

    private static String subject(ENVELOPE envelope) {
        if (envelope.subject == null) {
            return "";
        }
        // as Angus Mail's IMAPMessage.getSubject: the server should unfold, but may not
        String unfolded = MimeUtility.unfold(envelope.subject);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }
}
