package io.guichet.mail;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryMailboxLock;
import io.guichet.core.testing.InMemoryOutbox;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.TicketId;
import io.guichet.mail.imap.ImapMailboxWatcher;
import io.guichet.mail.imap.ImapSettings;
import io.guichet.mail.inbound.MailHandler;
import io.guichet.mail.smtp.RetryPolicy;
import io.guichet.mail.smtp.SmtpOutboxDispatcher;
import io.guichet.mail.smtp.SmtpSettings;
import io.guichet.mail.testing.StartTlsFront;
import io.guichet.mail.testing.SubjectRecorder;
import io.guichet.mail.testing.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS for real: IMAP over TLS (GreenMail's IMAPS), SMTP with STARTTLS (a front terminating STARTTLS before
 * GreenMail's SMTP: GreenMail has no STARTTLS) and over TLS (GreenMail's SMTPS), all presenting a certificate for
 * {@code localhost} signed by a test CA. Accepted when the CA is trusted through a PEM file and the host connected
 * to is the one certified; refused, with a one-line reason in the health, otherwise.
 */
class MailTlsIT {

    private static final String USER = "support";
    private static final String PASSWORD = "secret";

    @TempDir
    static Path dir;
    private static TestCertificates certificates;
    private static GreenMail greenMail;
    private static GreenMailUser mailbox;
    private static StartTlsFront startTls;
    private static TlsTrust testCa;
    private static TlsTrust otherCa;

    /**
     * A short safety-net poll: GreenMail does not report mail that arrives between a read and the IDLE that follows it
     * until the IDLE ends.
     */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final SubjectRecorder handler = new SubjectRecorder();
    private ImapMailboxWatcher watcher;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.create(dir);
        // GreenMail reads its key store once per JVM, when its first TLS server starts
        System.setProperty("greenmail.tls.keystore.file", certificates.serverKeyStore().toString());
        System.setProperty("greenmail.tls.keystore.password", TestCertificates.PASSWORD);
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        greenMail.start();
        mailbox = greenMail.setUser("support@guichet.test", USER, PASSWORD);
        startTls = new StartTlsFront(certificates.serverContext(), greenMail.getSmtp().getPort());
        testCa = ((TlsTrust.Loaded.Ready) TlsTrust.withPemFile(certificates.caPem())).trust();
        otherCa = ((TlsTrust.Loaded.Ready) TlsTrust.withPemFile(certificates.otherCaPem())).trust();
        assertThat(servedCertificate(greenMail.getImaps().getPort()).getIssuerX500Principal().getName())
                .as("GreenMail serves the test CA's certificate (its key store is chosen once per JVM: was a TLS"
                        + " GreenMail started earlier in this JVM?)").isEqualTo("CN=Guichet Test CA");
    }

    @AfterAll
    static void stopAll() throws Exception {
        startTls.close();
        greenMail.stop();
    }

    @AfterEach
    void stopWatcher() {
        if (watcher != null) {
            watcher.stop();
        }
    }

    private ImapMailboxWatcher watch(String host, TlsTrust trust) {
        ImapSettings settings = new ImapSettings(host, greenMail.getImaps().getPort(), TransportSecurity.TLS, trust,
                new MailLogin.Password(USER, PASSWORD), "INBOX", Optional.of("Processed"), "Quarantine",
                Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(9),
                POLL, 100, 1_000_000, 1);
        watcher = new ImapMailboxWatcher(settings, handler, new InMemoryMailJournal(),
                new InMemoryMailboxLock(), clock);
        watcher.start();
        return watcher;
    }

    private String refusal(ImapMailboxWatcher w) {
        // GreenMail's connection threads fail on the refused handshakes: expected here
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> w.health().lastError().isPresent());
        assertThat(w.health().connected()).isFalse();
        return w.health().lastError().get();
    }

    private SmtpOutboxDispatcher dispatcher(String host, int port, TransportSecurity security, TlsTrust trust) {
        return new SmtpOutboxDispatcher(new SmtpSettings(host, port, security, trust,
                Optional.of(new MailLogin.Password(USER, PASSWORD)), new EmailAddress("support@guichet.test"),
                "Support", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), 10,
                Duration.ofMinutes(5), Duration.ofMinutes(5), RetryPolicy.standard()), outbox, clock);
    }

    private void queue(String subject) {
        outbox.enqueue(new OutgoingMail(0, Optional.of(new TicketId(9)), new MessageId(subject.replace(' ', '-') + "@guichet.test"),
                new EmailAddress("alice@acme.example"), "Alice", subject, "Bonjour Alice.\n", Optional.empty(),
                List.of(), false, clock.instant(), 0));
    }

    private static List<String> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(m -> {
            try {
                return m.getSubject();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    /** The refusal recorded on the dispatcher and on the mail, which must not have been sent. */
    private String refusal(SmtpOutboxDispatcher dispatcher, String subject) {
        queue(subject);
        SmtpOutboxDispatcher.Pass pass = dispatcher.dispatchDue();
        assertThat(pass.failed()).isEqualTo(1);
        assertThat(received()).doesNotContain(subject);
        String error = dispatcher.health().connectionError().orElseThrow();
        assertThat(outbox.entries()).singleElement().satisfies(e -> assertThat(e.lastError()).isEqualTo(error));
        return error;
    }

    @Test
    @DisplayName("IMAP over TLS: the server's certificate, from the CA of the PEM file and for the host connected to, is accepted")
    void imapAccepted() throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("alice@acme.example");
        m.setRecipients(Message.RecipientType.TO, "support@guichet.test");
        m.setSubject("over TLS");
        m.setText("Bonjour.\n");
        mailbox.deliver(m);

        ImapMailboxWatcher w = watch("localhost", testCa);

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.subjects().contains("over TLS"));
        assertThat(w.health().connected()).isTrue();
        assertThat(w.health().lastError()).isEmpty();
    }

    @Test
    @DisplayName("IMAP over TLS: a certificate that does not name the host connected to is refused, with the reason")
    void imapWrongHost() {
        String reason = refusal(watch("127.0.0.1", testCa));

        assertThat(reason).isEqualTo("TLS: the IMAP server's certificate does not name 127.0.0.1 (No subject"
                + " alternative names matching IP address 127.0.0.1 found); set GUICHET_IMAP_HOST to a name the"
                + " certificate holds");
        assertThat(handler.subjects()).isEmpty();
    }

    @Test
    @DisplayName("IMAP over TLS: a certificate from a CA trusted neither by the JDK nor by the PEM file is refused, with the reason")
    void imapUntrusted() {
        String withoutFile = refusal(watch("localhost", TlsTrust.system()));
        watcher.stop();
        String otherFile = refusal(watch("localhost", otherCa));

        assertThat(withoutFile).isEqualTo("TLS: the IMAP server's certificate is not trusted (PKIX path building"
                + " failed: unable to find valid certification path to requested target); if a private CA signed it,"
                + " set GUICHET_MAIL_CA_FILE to that CA's certificate (PEM)");
        assertThat(otherFile).isEqualTo("TLS: the IMAP server's certificate is not trusted (PKIX path building"
                + " failed: unable to find valid certification path to requested target); it chains to none of the"
                + " JDK's trusted CAs and the 1 certificate of " + certificates.otherCaPem());
        assertThat(handler.subjects()).isEmpty();
    }

    @Test
    @DisplayName("SMTP with STARTTLS: the relay's certificate is checked after the upgrade and accepted; nothing but EHLO and STARTTLS goes in the clear")
    void smtpStartTlsAccepted() {
        SmtpOutboxDispatcher dispatcher = dispatcher("localhost", startTls.port(), TransportSecurity.STARTTLS, testCa);
        int upgradedBefore = startTls.upgraded();
        queue("through STARTTLS");

        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);

        assertThat(received()).contains("through STARTTLS");
        assertThat(startTls.upgraded()).isEqualTo(upgradedBefore + 1);
        assertThat(startTls.plainCommands()).allMatch(c -> c.startsWith("EHLO ") || c.equals("STARTTLS"));
        assertThat(dispatcher.health().connectionError()).isEmpty();
    }

    @Test
    @DisplayName("SMTP with STARTTLS: a certificate that does not name the host is refused, with the reason; the mail waits")
    void smtpStartTlsWrongHost() {
        String reason = refusal(dispatcher("127.0.0.1", startTls.port(), TransportSecurity.STARTTLS, testCa),
                "wrong host");

        assertThat(reason).isEqualTo("cannot connect: TLS: the SMTP server's certificate does not name 127.0.0.1 (No"
                + " subject alternative names matching IP address 127.0.0.1 found); set GUICHET_SMTP_HOST to a name the"
                + " certificate holds");
    }

    @Test
    @DisplayName("SMTP with STARTTLS: a certificate from an untrusted CA is refused, with the reason; the mail waits")
    void smtpStartTlsUntrusted() {
        String reason = refusal(dispatcher("localhost", startTls.port(), TransportSecurity.STARTTLS, TlsTrust.system()),
                "untrusted");

        assertThat(reason).isEqualTo("cannot connect: TLS: the SMTP server's certificate is not trusted (PKIX path"
                + " building failed: unable to find valid certification path to requested target); if a private CA"
                + " signed it, set GUICHET_MAIL_CA_FILE to that CA's certificate (PEM)");
    }

    @Test
    @DisplayName("SMTP over TLS (port 465 style): the certificate is checked and accepted; a plain port, or one without STARTTLS, is named as such")
    void smtpsAcceptedAndPlainPortExplained() {
        queue("over SMTPS");
        assertThat(dispatcher("localhost", greenMail.getSmtps().getPort(), TransportSecurity.TLS, testCa).dispatchDue()
                .sent()).isEqualTo(1);
        assertThat(received()).contains("over SMTPS");

        int plain = greenMail.getSmtp().getPort();
        SmtpOutboxDispatcher toPlainPort = dispatcher("localhost", plain, TransportSecurity.TLS, testCa);
        queue("to the plain port");
        assertThat(toPlainPort.dispatchDue().failed()).isEqualTo(1);
        assertThat(toPlainPort.health().connectionError()).contains("cannot connect: TLS: the SMTP server at"
                + " localhost:" + plain + " did not answer with TLS; check GUICHET_SMTP_PORT and GUICHET_SMTP_SECURITY"
                + " (tls, starttls, none)");

        SmtpOutboxDispatcher noStartTls = dispatcher("localhost", plain, TransportSecurity.STARTTLS, testCa);
        clock.advance(Duration.ofMinutes(1)); // the failed mail's next attempt
        assertThat(noStartTls.dispatchDue().failed()).isEqualTo(1);
        assertThat(noStartTls.health().connectionError()).contains("cannot connect: TLS: the SMTP server at"
                + " localhost:" + plain + " does not offer STARTTLS; check GUICHET_SMTP_PORT and GUICHET_SMTP_SECURITY"
                + " (tls, starttls, none)");
    }

    private static X509Certificate servedCertificate(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() { // only to look at what GreenMail serves
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocketFactory factory = context.getSocketFactory();
        try (SSLSocket socket = (SSLSocket) factory.createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }
}
