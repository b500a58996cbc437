package io.guichet.mail.imap;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.iap.ByteArray;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
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
import java.util.TreeMap;

/**
 * The watcher's reads, by UID: which messages are new, their size and a few header fields, and their raw bytes, each
 * a single {@code UID FETCH} for many messages. Everything is read with {@code BODY.PEEK}, which never sets
 * {@code \Seen}; bodies come back byte for byte as the server stores them.
 *
 * <p>Angus Mail skips a FETCH response it cannot parse (it logs "ignoring bad response"), and a message missing from
 * the answer would look removed. So the answers asked for are the simplest to parse: numbers and literals (header
 * fields rather than {@code ENVELOPE}, whose address lists are where servers differ), and a message that comes back
 * without its body is only called removed once a plain {@code UID FETCH (UID)} confirms it is gone.
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

    /** The header fields a summary holds: what {@code MailHandler.oversize} records of mail it does not download. */
    private static final String SUMMARY_HEADERS = "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID FROM SENDER SUBJECT)]";

    /**
     * What is known of a message before its body is read.
     *
     * @param size its size as the server reports it (RFC822.SIZE), or -1 when the server gave none
     */
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
     * Size, Message-ID, sender and subject of the messages whose UIDs are in {@code uidSet} (an IMAP UID set without
     * {@code *}), in UID order. UIDs that do not exist are not in the answer.
     */
    static List<Summary> summaries(IMAPFolder folder, String uidSet) throws MessagingException {
        Answer answer = fetch(folder, "UID FETCH " + uidSet + " (UID RFC822.SIZE " + SUMMARY_HEADERS + ")");
        if (answer.refusal().isPresent()) {
            throw new MessagingException("UID FETCH of sizes and headers refused: " + answer.refusal().get());
        }
        Map<Long, Summary> summaries = new TreeMap<>();
        for (FetchResponse f : answer.fetches()) {
            UID uid = f.getItem(UID.class);
            if (uid == null) {
                continue; // an unsolicited FETCH (flags changed by someone else)
            }
            RFC822SIZE size = f.getItem(RFC822SIZE.class);
            InternetHeaders headers = headerFields(f);
            summaries.put(uid.uid, new Summary(uid.uid, size == null ? -1 : size.size,
                    Objects.requireNonNullElse(headers.getHeader("Message-ID", null), "").strip(), sender(headers),
                    subject(headers)));
        }
        return List.copyOf(summaries.values());
    }

    /** Whether a message with this UID is still in the folder ({@code UID FETCH uid (UID)}). */
    static boolean exists(IMAPFolder folder, long uid) throws MessagingException {
        Answer answer = fetch(folder, "UID FETCH " + uid + " (UID)");
        if (answer.refusal().isPresent()) {
            throw new MessagingException("UID FETCH of UID " + uid + " refused: " + answer.refusal().get());
        }
        return answer.fetches().stream().map(f -> f.getItem(UID.class)).anyMatch(u -> u != null && u.uid == uid);
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

    private static InternetHeaders headerFields(FetchResponse f) {
        for (int i = 0; i < f.getItemCount(); i++) {
            if (f.getItem(i) instanceof BODY body && body.isHeader() && body.getByteArray() != null) {
                try {
                    return new InternetHeaders(body.getByteArrayInputStream());
                } catch (MessagingException e) {
                    return new InternetHeaders();
                }
            }
        }
        return new InternetHeaders();
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

    /** The first address of From, else of Sender, parsed leniently as {@code MimeMessage.getFrom} does; or "". */
    private static String sender(InternetHeaders headers) {
        for (String name : List.of("From", "Sender")) {
            String value = headers.getHeader(name, ",");
            if (value == null) {
                continue;
            }
            try {
                Optional<String> first = Arrays.stream(InternetAddress.parseHeader(value, false))
                        .map(InternetAddress::getAddress).filter(Objects::nonNull).findFirst();
                if (first.isPresent()) {
                    return first.get();
                }
            } catch (AddressException e) {
                // unparseable: try the next header
            }
        }
        return "";
    }

    /** The decoded Subject, as {@code MimeMessage.getSubject}; or "". */
    private static String subject(InternetHeaders headers) {
        String raw = headers.getHeader("Subject", null);
        if (raw == null) {
            return "";
        }
        String unfolded = MimeUtility.unfold(raw);
        try {
            return MimeUtility.decodeText(unfolded);
        } catch (UnsupportedEncodingException | RuntimeException e) {
            return unfolded;
        }
    }
}
