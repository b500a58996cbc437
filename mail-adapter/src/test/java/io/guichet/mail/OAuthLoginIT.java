package io.guichet.mail;

import io.guichet.core.mail.MessageId;
import io.guichet.mail.testing.SubjectRecorder;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.OutgoingMail;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryMailboxLock;
import io.guichet.core.testing.InMemoryOutbox;
import io.guichet.core.testing.MutableClock;
import io.guichet.core.ticket.TicketId;
import io.guichet.mail.imap.ImapMailboxWatcher;
import io.guichet.mail.imap.ImapSettings;
import io.guichet.mail.inbound.MailHandler;
import io.guichet.mail.oauth.AccessTokens;
import io.guichet.mail.oauth.OAuthGrant;
import io.guichet.mail.oauth.Secret;
import io.guichet.mail.oauth.TokenEndpoint;
import io.guichet.mail.smtp.RetryPolicy;
import io.guichet.mail.smtp.SmtpOutboxDispatcher;
import io.guichet.mail.smtp.SmtpSettings;
import io.guichet.mail.testing.TcpProxy;
import io.guichet.mail.testing.TokenEndpointStandIn;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OAuth2 logins (SASL XOAUTH2) of the mailbox watcher and the outbox dispatcher against GreenMail, which accepts
 * XOAUTH2 on IMAP and SMTP (since 2.1.5 and 2.1.3) and checks the token as the user's password; the token endpoint
 * stand-in makes each token it issues the valid one. Relays in front of GreenMail keep what the clients sent.
 */
class OAuthLoginIT {

    private static final String MAILBOX = "support@guichet.test";
    private static final Pattern IMAP_XOAUTH2 = Pattern.compile("AUTHENTICATE XOAUTH2 ([A-Za-z0-9+/=]+)\r\n");
    private static final Pattern SMTP_XOAUTH2 = Pattern.compile("AUTH XOAUTH2 ([A-Za-z0-9+/=]+)\r\n");
    private static final Pattern BEARER = Pattern.compile("^user=" + Pattern.quote(MAILBOX) + "\u0001auth=Bearer ([^\u0001]+)\u0001\u0001$");

    /**
     * A short safety-net poll: GreenMail does not report mail that arrives between a read and the IDLE that follows it
     * until the IDLE ends.
     */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final SubjectRecorder handler = new SubjectRecorder();
    private GreenMail greenMail;
    private GreenMailUser user;
    private TokenEndpointStandIn standIn;
    private TcpProxy imapRelay;
    private TcpProxy smtpRelay;
    private AccessTokens tokens;
    private ImapMailboxWatcher watcher;

    @BeforeEach
    void start() throws IOException {
        greenMail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)});
        greenMail.start();
        user = greenMail.setUser(MAILBOX, MAILBOX, "no token yet");
        standIn = new TokenEndpointStandIn();
        standIn.onIssue(user::setPassword);
        imapRelay = new TcpProxy(greenMail.getImap().getPort());
        smtpRelay = new TcpProxy(greenMail.getSmtp().getPort());
        tokens = new AccessTokens(new OAuthGrant.ClientCredentials(standIn.uri(), "guichet-test", Secret.of("s3cret"),
                OAuthGrant.MICROSOFT_SCOPE), new TokenEndpoint(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (watcher != null) {
            watcher.stop();
        }
        imapRelay.close();
        smtpRelay.close();
        standIn.close();
        greenMail.stop();
    }

    private ImapMailboxWatcher startWatcher() {
        ImapSettings settings = new ImapSettings("127.0.0.1", imapRelay.port(), TransportSecurity.NONE,
                TlsTrust.system(), new MailLogin.OAuth2(MAILBOX, tokens), "INBOX", Optional.of("Processed"),
                "Quarantine", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofMinutes(9),
                POLL, 100, 1_000_000, 1);
        watcher = new ImapMailboxWatcher(settings, handler, new InMemoryMailJournal(),
                new InMemoryMailboxLock(), clock);
        watcher.start();
        return watcher;
    }

    private SmtpOutboxDispatcher dispatcher() {
        return new SmtpOutboxDispatcher(new SmtpSettings("127.0.0.1", smtpRelay.port(), TransportSecurity.NONE,
                TlsTrust.system(), Optional.of(new MailLogin.OAuth2(MAILBOX, tokens)), new EmailAddress(MAILBOX),
                "Support", Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(5), 10,
                Duration.ofMinutes(5), Duration.ofMinutes(5), RetryPolicy.standard()), outbox, clock);
    }

    private void queueAnswer(String id) {
        outbox.enqueue(new OutgoingMail(0, Optional.of(new TicketId(7)), new MessageId(id + "@guichet.test"),
                new EmailAddress("alice@acme.example"), "Alice", "[Ticket#7] " + id, "Bonjour Alice.\n",
                Optional.empty(), List.of(), false, clock.instant(), 0));
    }

    private void deliver(String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
        m.setFrom("alice@acme.example");
        m.setRecipients(Message.RecipientType.TO, MAILBOX);
        m.setSubject(subject);
        m.setText("Bonjour.\n");
        user.deliver(m);
    }

    /** The tokens a client logged in with, in order, read from its XOAUTH2 initial responses. */
    private static List<String> tokensUsed(Pattern command, String sent) {
        return command.matcher(sent).results()
                .map(m -> new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8))
                .map(response -> {
                    Matcher bearer = BEARER.matcher(response);
                    assertThat(bearer.matches()).as("an XOAUTH2 response for %s", MAILBOX).isTrue();
                    return bearer.group(1);
                })
                .toList();
    }

    @Test
    @DisplayName("IMAP and SMTP log in with XOAUTH2 using one token from the client credentials grant, never LOGIN")
    void logsInWithXoauth2() throws Exception {
        startWatcher();
        deliver("help please");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.subjects().contains("help please"));

        queueAnswer("ack");
        SmtpOutboxDispatcher.Pass pass = dispatcher().dispatchDue();

        assertThat(pass.sent()).isEqualTo(1);
        assertThat(greenMail.getReceivedMessages()).extracting(MimeMessage::getSubject).contains("[Ticket#7] ack");
        assertThat(standIn.requests()).singleElement().satisfies(r -> assertThat(r.form())
                .containsEntry("grant_type", "client_credentials").containsEntry("client_id", "guichet-test")
                .containsEntry("scope", "https://outlook.office365.com/.default"));
        String imap = imapRelay.sentByClients();
        assertThat(tokensUsed(IMAP_XOAUTH2, imap)).containsExactly("token-1");
        assertThat(imap).doesNotContain(" LOGIN ").doesNotContain("token-1");
        String smtp = smtpRelay.sentByClients();
        assertThat(tokensUsed(SMTP_XOAUTH2, smtp)).containsExactly("token-1");
        assertThat(smtp).doesNotContain("AUTH LOGIN").doesNotContain("AUTH PLAIN");
        assertThat(watcher.health().lastError()).isEmpty();
    }

    @Test
    @DisplayName("the IMAP session logs in again with a new token before its token expires, and mail keeps flowing")
    void renewsBeforeExpiry() throws Exception {
        Duration lifetime = Duration.ofSeconds(2); // renewed halfway, after 1 s
        standIn.issue(lifetime);
        startWatcher();

        await().atMost(Duration.ofSeconds(15)).until(() -> standIn.count() >= 4);
        deliver("during renewals");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.subjects().contains("during renewals"));

        List<TokenEndpointStandIn.Request> requests = standIn.requests();
        for (int i = 1; i < requests.size(); i++) {
            assertThat(requests.get(i).at()).as("token %d asked for before token %d expired", i + 1, i)
                    .isBefore(requests.get(i - 1).at().plus(lifetime));
        }
        // each session logged in with a token of its own, the newest
        List<String> used = tokensUsed(IMAP_XOAUTH2, imapRelay.sentByClients());
        assertThat(used).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(requests.size() - 1);
        assertThat(used.subList(0, requests.size() - 1))
                .isEqualTo(requests.subList(0, requests.size() - 1).stream().map(TokenEndpointStandIn.Request::issued).toList());
        assertThat(watcher.health().lastError()).isEmpty();
    }

    @Test
    @DisplayName("a token the server refuses is replaced by a new one and the login retried: IMAP after a reconnect, SMTP at once")
    void refusedTokenReplaced() throws Exception {
        startWatcher();
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.health().connected());

        user.setPassword("revoked"); // token-1 no longer accepted
        imapRelay.dropAll(); // GreenMail's connection thread fails on the cut connection: expected
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10))
                .until(() -> standIn.count() == 2 && watcher.health().connected());
        deliver("after revocation");
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.subjects().contains("after revocation"));
        // the first session, the try refused after the reconnect, the new token's
        assertThat(tokensUsed(IMAP_XOAUTH2, imapRelay.sentByClients())).containsExactly("token-1", "token-1", "token-2");

        user.setPassword("revoked again"); // token-2 no longer accepted
        queueAnswer("answer");
        SmtpOutboxDispatcher dispatcher = dispatcher();
        SmtpOutboxDispatcher.Pass pass = dispatcher.dispatchDue();

        assertThat(pass.sent()).isEqualTo(1);
        assertThat(standIn.count()).isEqualTo(3);
        assertThat(tokensUsed(SMTP_XOAUTH2, smtpRelay.sentByClients())).containsExactly("token-2", "token-3");
        assertThat(dispatcher.health().connectionError()).isEmpty();
    }

    @Test
    @DisplayName("a token endpoint refusal is one clear line in health, retried with backoff (not in a loop) until it passes")
    void endpointRefusal() throws Exception {
        standIn.refuse(2, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.\\r\\nTrace ID: 1");
        String reason = "OAuth2: the token endpoint 127.0.0.1 refused the client credentials of application"
                + " guichet-test: invalid_client (AADSTS7000215: Invalid client secret provided.)";
        startWatcher();

        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.health().lastError().isPresent());
        assertThat(watcher.health().lastError()).contains(reason);
        assertThat(watcher.health().connected()).isFalse();
        queueAnswer("waiting");
        SmtpOutboxDispatcher dispatcher = dispatcher();
        assertThat(dispatcher.dispatchDue().failed()).isEqualTo(1);
        assertThat(dispatcher.health().connectionError()).contains("cannot connect: " + reason);
        assertThat(outbox.entries()).singleElement().satisfies(e -> assertThat(e.lastError())
                .isEqualTo("cannot connect: " + reason));

        await().atMost(Duration.ofSeconds(20)).until(() -> watcher.health().connected());
        List<TokenEndpointStandIn.Request> requests = standIn.requests();
        assertThat(requests).hasSize(3);
        for (int i = 1; i < requests.size(); i++) {
            assertThat(Duration.between(requests.get(i - 1).at(), requests.get(i).at()))
                    .as("pause before request %d", i + 1).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
        assertThat(watcher.health().lastError()).isEmpty();

        clock.advance(Duration.ofMinutes(1)); // the mail's next attempt
        assertThat(dispatcher.dispatchDue().sent()).isEqualTo(1);
        assertThat(dispatcher.health().connectionError()).isEmpty();
    }
}
