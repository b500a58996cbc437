package io.guichet.mail.imap;

import io.guichet.mail.imap.UidFetch.Bodies;
import io.guichet.mail.imap.UidFetch.Summary;
import jakarta.mail.FolderClosedException;
import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bodies of one batch, downloaded chunk by chunk as the watcher reaches them: a chunk is the next messages in
 * UID order whose sizes add up to at most {@code chunkBytes}, read in one {@code UID FETCH (BODY.PEEK[])}. Only one
 * chunk is held at a time (the previous one is dropped before the next is asked for), and each body is handed over
 * once, so the bytes held never exceed {@code chunkBytes} (as far as the sizes the server reports are true).
 * Messages larger than {@code chunkBytes} are not downloaded at all; a message of unknown size is a chunk of its own.
 *
 * <p>A message missing from a chunk's answer is asked for alone; absent again, it is called removed only if a
 * {@code UID FETCH (UID)} confirms it is gone (else reading it failed). When the server refuses a chunk (NO, BAD), or
 * its answer cannot be read, its messages are read one by one, so one message the server cannot serve does not hold
 * up the others nor count as their failure.
 */
final class BatchDownload {

    private static final Logger log = LoggerFactory.getLogger(BatchDownload.class);

    /** What reading one message found. */
    sealed interface Download {
        /** Its raw bytes, as the server stores them. */
        record Body(byte[] raw) implements Download {
        }

        /** It is no longer in the mailbox (someone else moved or deleted it). */
        record Removed() implements Download {
        }
    }

    private final IMAPFolder folder;
    private final String mailbox;
    private final List<List<Long>> chunks;
    private final Map<Long, Integer> chunkOf = new HashMap<>();
    private int current = -1;
    private Map<Long, byte[]> held = new HashMap<>();
    private Set<Long> bodiless = Set.of();
    private boolean refused;

    BatchDownload(IMAPFolder folder, String mailbox, List<Summary> batch, long chunkBytes) {
        this.folder = folder;
        this.mailbox = mailbox;
        this.chunks = chunks(batch, chunkBytes);
        for (int i = 0; i < chunks.size(); i++) {
            for (long uid : chunks.get(i)) {
                chunkOf.put(uid, i);
            }
        }
    }

    /**
     * The UIDs to download, in UID order, cut into chunks whose sizes add up to at most {@code chunkBytes}; messages
     * larger than that are left out.
     */
    static List<List<Long>> chunks(List<Summary> batch, long chunkBytes) {
        List<List<Long>> chunks = new ArrayList<>();
        List<Long> chunk = new ArrayList<>();
        long bytes = 0;
        for (Summary mail : batch.stream().sorted((a, b) -> Long.compare(a.uid(), b.uid())).toList()) {
            if (mail.size() > chunkBytes) {
                continue;
            }
            if (mail.size() < 0) {
                if (!chunk.isEmpty()) {
                    chunks.add(List.copyOf(chunk));
                    chunk.clear();
                    bytes = 0;
                }
                chunks.add(List.of(mail.uid()));
                continue;
            }
            if (!chunk.isEmpty() && bytes + mail.size() > chunkBytes) {
                chunks.add(List.copyOf(chunk));
                chunk.clear();
                bytes = 0;
            }
            chunk.add(mail.uid());
            bytes += mail.size();
        }
        if (!chunk.isEmpty()) {
            chunks.add(List.copyOf(chunk));
        }
        return chunks;
    }

    /** The chunk {@code uid} is downloaded with, or -1 when it is not downloaded (oversize). */
    int chunkOf(long uid) {
        return chunkOf.getOrDefault(uid, -1);
    }

    /**
     * The body of {@code uid}, downloading its chunk first if needed. A server that refuses it or answers without
     * its body is a {@link MessagingException}; a broken connection a {@link jakarta.mail.FolderClosedException}.
     */
    Download take(long uid) throws MessagingException {
        Integer chunk = chunkOf.get(uid);
        if (chunk == null) {
            throw new IllegalArgumentException("UID " + uid + " is not downloaded in this batch");
        }
        if (chunk != current) {
            load(chunk);
        }
        byte[] raw = held.remove(uid);
        if (raw != null) {
            return new Download.Body(raw);
        }
        if (bodiless.contains(uid)) {
            throw new MessagingException("the server answered for UID " + uid + " without its body");
        }
        if (refused || chunks.get(chunk).size() > 1) {
            return alone(uid);
        }
        return gone(uid);
    }

    private void load(int chunk) throws MessagingException {
        held = new HashMap<>();
        bodiless = Set.of();
        refused = false;
        current = chunk;
        List<Long> uids = chunks.get(chunk);
        Bodies answer;
        try {
            answer = UidFetch.bodies(folder, uids);
        } catch (FolderClosedException | StoreClosedException e) {
            throw e;
        } catch (MessagingException e) {
            if (uids.size() == 1) {
                throw e;
            }
            answer = new Bodies.Refused("its answer could not be read: " + e.getMessage());
        }
        switch (answer) {
            case Bodies.Fetched f -> {
                held = f.bodies();
                bodiless = f.bodiless();
                log.debug("mailbox {}: downloaded {} of {} bodies in one UID FETCH", mailbox, held.size(), uids.size());
            }
            case Bodies.Refused r -> {
                refused = true;
                log.warn("mailbox {}: the server refused to send {} bodies at once ({}); reading them one by one",
                        mailbox, uids.size(), r.reason());
            }
        }
    }

    private Download alone(long uid) throws MessagingException {
        return switch (UidFetch.bodies(folder, List.of(uid))) {
            case Bodies.Refused r -> throw new MessagingException("the server refused to send UID " + uid + ": "
                    + r.reason());
            case Bodies.Fetched f -> {
                byte[] raw = f.bodies().get(uid);
                if (raw != null) {
                    yield new Download.Body(raw);
                }
                if (f.bodiless().contains(uid)) {
                    throw new MessagingException("the server answered for UID " + uid + " without its body");
                }
                yield gone(uid);
            }
        };
    }

    /** Removed when the server no longer knows the UID; if it does, it did not send the body: a failure. */
    private Download gone(long uid) throws MessagingException {
        if (UidFetch.exists(folder, uid)) {
            throw new MessagingException("the server sent no body for UID " + uid);
        }
        return new Download.Removed();
    }
}
