package io.guichet.bench;

import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.imap.IMAPFolder;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The mail servers of a scenario: an in-process GreenMail (default; mail is put in the support mailbox through its
 * API, not over SMTP, which GreenMail serves slowly), or any IMAP and SMTP server given by options: a backlog is
 * APPENDed to the support mailbox over IMAP, a stream of mail is submitted over SMTP, and answers are watched with
 * IMAP IDLE in the mailbox every customer address is delivered to.
 */
final class MailWorld implements AutoCloseable {

    private static final long ANSWER_POLL_MILLIS = 10;

    private final Optional<GreenMail> greenMail;
    private final BenchNode.MailEndpoints endpoints;
    private final Optional<GreenMailUser> support;
    private final String customersUser;
    private final String customersPassword;
    private final Session session = Session.getInstance(clientProperties());
    private Transport submission;
    private Thread answerWatcher;
    private Store answerStore;
    private volatile boolean closing;

    private MailWorld(Optional<GreenMail> greenMail, BenchNode.MailEndpoints endpoints, Optional<GreenMailUser> support,
                      String customersUser, String customersPassword) {
        this.greenMail = greenMail;
        this.endpoints = endpoints;
        this.support = support;
        this.customersUser = customersUser;
        this.customersPassword = customersPassword;
    }

    private static Properties clientProperties() {
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "60000");
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "60000");
        return props;
    }

    static MailWorld inProcess() {
        GreenMail gm = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        gm.start();
        GreenMailUser user = gm.setUser(BenchNode.SUPPORT, "support", "support");
        return new MailWorld(Optional.of(gm), new BenchNode.MailEndpoints("127.0.0.1", gm.getImap().getPort(),
                "127.0.0.1", gm.getSmtp().getPort(), BenchNode.SUPPORT, "support", "support"), Optional.of(user), "", "");
    }

    /** External servers; refuses a support INBOX that is not empty (mail of an earlier run would be counted). */
    static MailWorld external(BenchNode.MailEndpoints endpoints, String customersUser, String customersPassword)
            throws MessagingException {
        MailWorld world = new MailWorld(Optional.empty(), endpoints, Optional.empty(), customersUser, customersPassword);
        int waiting = world.supportInboxCount();
        if (waiting > 0) {
            throw new IllegalStateException("the support INBOX of " + endpoints.supportUser() + " already holds "
                    + waiting + " mails: empty it first (bench/mail-servers.sh reset)");
        }
        return world;
    }

    private int supportInboxCount() throws MessagingException {
        Store store = session.getStore("imap");
        store.connect(endpoints.imapHost(), endpoints.imapPort(), endpoints.supportUser(), endpoints.supportPassword());
        try {
            return store.getFolder("INBOX").getMessageCount();
        } finally {
            store.close();
        }
    }

    /** Whether the servers are the in-process GreenMail. */
    boolean isGreenMail() {
        return greenMail.isPresent();
    }

    /** Another mailbox on the in-process GreenMail (login {@code user}). */
    void addUser(String address, String user, String password) {
        greenMail.orElseThrow(() -> new IllegalStateException("mailboxes are added to the in-process GreenMail only"))
                .setUser(address, user, password);
    }

    BenchNode.MailEndpoints endpoints() {
        return endpoints;
    }

    String describe() {
        return greenMail.isPresent()
                ? "in-process GreenMail (IMAP 127.0.0.1:" + endpoints.imapPort() + ", SMTP 127.0.0.1:" + endpoints.smtpPort() + ")"
                : "external IMAP " + endpoints.imapHost() + ":" + endpoints.imapPort() + ", SMTP " + endpoints.smtpHost()
                        + ":" + endpoints.smtpPort() + ", mailbox " + endpoints.supportUser();
    }

    /** Puts mail in the support INBOX as delivered (not seen). */
    void deliver(List<MimeMessage> messages) throws MessagingException {
        if (support.isPresent()) {
            for (MimeMessage m : messages) {
                support.get().deliver(m);
            }
            return;
        }
        Store store = session.getStore("imap");
        store.connect(endpoints.imapHost(), endpoints.imapPort(), endpoints.supportUser(), endpoints.supportPassword());
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            for (int from = 0; from < messages.size(); from += 200) {
                List<MimeMessage> batch = messages.subList(from, Math.min(messages.size(), from + 200));
                for (MimeMessage m : batch) {
                    m.setFlags(new Flags(Flags.Flag.SEEN), false);
                }
                inbox.appendMessages(batch.toArray(new Message[0]));
            }
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    /**
     * Delivers one mail to the support address as it arrives in real life: through the GreenMail API in process,
     * over SMTP (one connection kept open) to an external server.
     */
    synchronized void submit(MimeMessage message) throws MessagingException {
        if (support.isPresent()) {
            support.get().deliver(message);
            return;
        }
        if (submission == null || !submission.isConnected()) {
            submission = session.getTransport("smtp");
            submission.connect(endpoints.smtpHost(), endpoints.smtpPort(), null, null);
        }
        submission.sendMessage(message, new Address[] {new InternetAddress(endpoints.supportAddress())});
    }

    /**
     * Calls {@code arrived} with each answer to a customer as it arrives: GreenMail's folder listeners for the
     * {@code customers} in process; on an external server, a client polling the catch-all customers' mailbox with
     * NOOP every {@value #ANSWER_POLL_MILLIS} ms, so the time seen is when the answer was stored, not when an IDLE
     * client would be told (Dovecot delays IDLE notifications by up to 500 ms).
     */
    void watchAnswers(List<String> customers, Consumer<MimeMessage> arrived) throws Exception {
        if (greenMail.isPresent()) {
            for (String customer : customers) {
                watchCustomer(customer, arrived);
            }
            return;
        }
        Store store = session.getStore("imap");
        store.connect(endpoints.imapHost(), endpoints.imapPort(), customersUser, customersPassword);
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_WRITE);
        answerStore = store;
        long seen = inbox.getUIDNext() - 1;
        answerWatcher = Thread.ofPlatform().name("bench-answer-watcher").daemon().start(() -> {
            try (store) {
                long last = seen;
                while (!closing) {
                    last = deliverNew(inbox, last, arrived);
                    Thread.sleep(ANSWER_POLL_MILLIS);
                    inbox.doCommand(protocol -> {
                        protocol.simpleCommand("NOOP", null);
                        return null;
                    });
                }
            } catch (MessagingException | InterruptedException e) {
                if (!closing) {
                    System.err.println("answer watcher stopped: " + e);
                }
            }
        });
    }

    private static long deliverNew(IMAPFolder inbox, long last, Consumer<MimeMessage> arrived) throws MessagingException {
        Message[] fresh = inbox.getMessagesByUID(last + 1, UIDFolder.LASTUID);
        FetchProfile profile = new FetchProfile();
        profile.add(UIDFolder.FetchProfileItem.UID);
        profile.add("In-Reply-To");
        inbox.fetch(fresh, profile);
        long highest = last;
        for (Message m : fresh) {
            long uid = inbox.getUID(m);
            if (uid > last) {
                arrived.accept((MimeMessage) m);
                highest = Math.max(highest, uid);
            }
        }
        return highest;
    }

    /** Mail the servers accepted for delivery to customers (GreenMail only; empty for an external server). */
    Optional<Integer> receivedByCustomers() {
        return greenMail.map(gm -> {
            int n = 0;
            for (MimeMessage m : gm.getReceivedMessages()) {
                try {
                    Address[] to = m.getAllRecipients();
                    if (to != null && to[0] instanceof InternetAddress address
                            && address.getAddress().endsWith("@" + Seed.DOMAIN)) {
                        n++;
                    }
                } catch (MessagingException e) {
                    // not counted
                }
            }
            return n;
        });
    }

    /** Calls {@code arrived} with each mail delivered to a customer's mailbox, as it arrives (GreenMail only). */
    private void watchCustomer(String address, Consumer<MimeMessage> arrived) throws Exception {
        GreenMail gm = greenMail.orElseThrow();
        GreenMailUser user = gm.getUserManager().getUserByEmail(address);
        if (user == null) {
            user = gm.setUser(address, address, address);
        }
        MailFolder inbox = gm.getManagers().getImapHostManager().getInbox(user);
        inbox.addListener(new FolderListener() {
            @Override
            public void expunged(int msn) {
            }

            @Override
            public void added(int msn) {
                List<com.icegreen.greenmail.store.StoredMessage> all = inbox.getMessages();
                if (msn >= 1 && msn <= all.size()) {
                    arrived.accept(all.get(msn - 1).getMimeMessage());
                }
            }

            @Override
            public void flagsUpdated(int msn, Flags flags, Long uid) {
            }

            @Override
            public void mailboxDeleted() {
            }
        });
    }

    @Override
    public void close() {
        closing = true;
        try {
            if (answerStore != null) {
                answerStore.close();
            }
        } catch (MessagingException e) {
            // closing anyway
        }
        try {
            if (submission != null) {
                submission.close();
            }
        } catch (MessagingException e) {
            // closing anyway
        }
        greenMail.ifPresent(GreenMail::stop);
    }
}
