package io.guichet.bench;

import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * What the mail system allows a desk, with no desk: the support INBOX read as the node's watcher reads it (windows of
 * {@value #BATCH} UIDs, their sizes and envelopes, then their whole bodies in one {@code UID FETCH}), one short reply
 * per mail sent to its sender over one kept SMTP connection (a thread of its own, as the node's dispatcher), and the
 * window moved to the processed folder with {@code UID MOVE} once its replies are sent. No parsing beyond the
 * envelope, no database. Its rate is the ceiling a node reading the same mailbox can approach.
 */
final class NullDesk {

    static final int BATCH = 100;

    private final BenchNode.MailEndpoints endpoints;
    private final String processedFolder;
    private final Session session;

    NullDesk(BenchNode.MailEndpoints endpoints, String processedFolder) {
        this.endpoints = endpoints;
        this.processedFolder = processedFolder;
        Properties properties = new Properties();
        properties.put("mail.imap.connectiontimeout", "10000");
        properties.put("mail.imap.timeout", "60000");
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "60000");
        this.session = Session.getInstance(properties);
    }

    /** Reads, answers and moves {@code expected} mails waiting in the INBOX; returns the seconds it took. */
    double drain(int expected) throws Exception {
        BlockingQueue<MimeMessage> replies = new ArrayBlockingQueue<>(4 * BATCH);
        MimeMessage end = new MimeMessage(session);
        AtomicReference<Exception> senderFailure = new AtomicReference<>();
        Store store = session.getStore("imap");
        long start = System.nanoTime();
        store.connect(endpoints.imapHost(), endpoints.imapPort(), endpoints.supportUser(), endpoints.supportPassword());
        Thread sender = Thread.ofPlatform().name("null-desk-smtp").start(() -> send(replies, end, senderFailure));
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            long lastUid = 0;
            int handled = 0;
            while (handled < expected) {
                Message[] window = inbox.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
                if (window.length == 0) {
                    throw new IllegalStateException("the INBOX holds no more mail after " + handled + " of " + expected);
                }
                Message[] batch = window.length > BATCH ? java.util.Arrays.copyOf(window, BATCH) : window;
                FetchProfile summaries = new FetchProfile();
                summaries.add(UIDFolder.FetchProfileItem.UID);
                summaries.add(FetchProfile.Item.SIZE);
                summaries.add(FetchProfile.Item.ENVELOPE);
                inbox.fetch(batch, summaries);
                FetchProfile bodies = new FetchProfile();
                bodies.add(IMAPFolder.FetchProfileItem.MESSAGE);
                inbox.fetch(batch, bodies);
                List<Long> uids = new ArrayList<>(batch.length);
                for (Message message : batch) {
                    uids.add(inbox.getUID(message));
                    bodyOf(message);
                    put(replies, reply(message), senderFailure);
                }
                awaitSent(replies, senderFailure);
                move(inbox, uids);
                lastUid = uids.get(uids.size() - 1);
                handled += batch.length;
            }
            put(replies, end, senderFailure);
            sender.join();
            if (senderFailure.get() != null) {
                throw senderFailure.get();
            }
            return (System.nanoTime() - start) / 1e9;
        } finally {
            sender.interrupt();
            store.close();
        }
    }

    /** The whole raw message, as the watcher downloads it (the fetch above holds it already). */
    private static int bodyOf(Message message) throws MessagingException, IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(message.getSize() > 0 ? message.getSize() : 4096);
        message.writeTo(raw);
        return raw.size();
    }

    private MimeMessage reply(Message original) throws MessagingException {
        MimeMessage reply = new MimeMessage(session);
        reply.setFrom(new InternetAddress(endpoints.supportAddress()));
        Address[] from = original.getFrom();
        reply.setRecipients(Message.RecipientType.TO, from);
        String subject = original.getSubject();
        reply.setSubject("Re: " + (subject == null ? "" : subject), "UTF-8");
        String[] messageId = original.getHeader("Message-ID");
        if (messageId != null && messageId.length > 0) {
            reply.setHeader("In-Reply-To", messageId[0]);
        }
        reply.setText("Received.\n", "UTF-8");
        reply.saveChanges();
        return reply;
    }

    private static void put(BlockingQueue<MimeMessage> replies, MimeMessage reply, AtomicReference<Exception> failure)
            throws Exception {
        while (!replies.offer(reply, 100, TimeUnit.MILLISECONDS)) {
            if (failure.get() != null) {
                throw failure.get();
            }
        }
    }

    /** Waits until the sender has taken every reply of the window: the node moves a mail once its answer is queued. */
    private static void awaitSent(BlockingQueue<MimeMessage> replies, AtomicReference<Exception> failure) throws Exception {
        while (!replies.isEmpty()) {
            if (failure.get() != null) {
                throw failure.get();
            }
            Thread.sleep(1);
        }
    }

    private void send(BlockingQueue<MimeMessage> replies, MimeMessage end, AtomicReference<Exception> failure) {
        try (Transport transport = session.getTransport("smtp")) {
            transport.connect(endpoints.smtpHost(), endpoints.smtpPort(), null, null);
            while (true) {
                MimeMessage reply = replies.take();
                if (reply == end) {
                    return;
                }
                transport.sendMessage(reply, reply.getAllRecipients());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.set(e);
        }
    }

    private void move(IMAPFolder inbox, List<Long> uids) throws MessagingException {
        String set = uids.stream().map(Object::toString).collect(Collectors.joining(","));
        String command = processedFolder.equals("-")
                ? "UID STORE " + set + " +FLAGS.SILENT (\\Seen)"
                : "UID MOVE " + set + " \"" + processedFolder + "\"";
        inbox.doCommand(protocol -> {
            Response[] responses = protocol.command(command, null);
            protocol.notifyResponseHandlers(responses);
            protocol.handleResult(responses[responses.length - 1]);
            return null;
        });
    }
}
