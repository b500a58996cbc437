package io.guichet.bench;

import com.icegreen.greenmail.store.FolderListener;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * The mail servers of a scenario: an in-process GreenMail (default; mail is put in the support mailbox through its
 * API, not over SMTP, which GreenMail serves slowly), or any IMAP and SMTP server given by options (mail is
 * APPENDed to the support mailbox over IMAP).
 */
final class MailWorld implements AutoCloseable {

    private final Optional<GreenMail> greenMail;
    private final BenchNode.MailEndpoints endpoints;
    private final Optional<GreenMailUser> support;

    private MailWorld(Optional<GreenMail> greenMail, BenchNode.MailEndpoints endpoints, Optional<GreenMailUser> support) {
        this.greenMail = greenMail;
        this.endpoints = endpoints;
        this.support = support;
    }

    static MailWorld inProcess() {
        GreenMail gm = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        gm.start();
        GreenMailUser user = gm.setUser(BenchNode.SUPPORT, "support", "support");
        return new MailWorld(Optional.of(gm), new BenchNode.MailEndpoints("127.0.0.1", gm.getImap().getPort(),
                "127.0.0.1", gm.getSmtp().getPort(), BenchNode.SUPPORT, "support", "support"), Optional.of(user));
    }

    static MailWorld external(BenchNode.MailEndpoints endpoints) {
        return new MailWorld(Optional.empty(), endpoints, Optional.empty());
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
        Properties props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "60000");
        Store store = Session.getInstance(props).getStore("imap");
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

    /** Mail the servers accepted for delivery to customers (GreenMail only; empty for an external server). */
    Optional<Integer> receivedByCustomers() {
        return greenMail.map(gm -> {
            int n = 0;
            for (MimeMessage m : gm.getReceivedMessages()) {
                try {
                    if (m.getAllRecipients() != null && m.getAllRecipients()[0].toString().endsWith("@" + Seed.DOMAIN)) {
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
    void watchCustomer(String address, Consumer<MimeMessage> arrived) throws Exception {
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
        greenMail.ifPresent(GreenMail::stop);
    }
}
