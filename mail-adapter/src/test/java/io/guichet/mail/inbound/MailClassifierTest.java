package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;
import static io.guichet.mail.inbound.Fixtures.parsed;
import static io.guichet.mail.inbound.Fixtures.parsedText;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailClassifierTest {

    private static final ClassifierSettings SETTINGS = ClassifierSettings.of("Support@Guichet.example",
            "@guichet.example");

    @Test
    @DisplayName("Replies written by people are Human")
    void humans() {
        for (String fixture : new String[] {"thunderbird-fr-reply.eml", "outlook-en-reply.eml",
                "gmail-html-only.eml", "latin1-encoded-subject.eml", "no-message-id.eml"}) {
            assertThat(MailClassifier.classify(parsed(fixture), SETTINGS)).as(fixture)
                    .isEqualTo(new Classification.Human());
        }
    }

    @Test
    @DisplayName("An RFC 3834 vacation reply is an AutoReply naming its Auto-Submitted value")
    void vacation() {
        assertThat(MailClassifier.classify(parsed("vacation-auto-submitted.eml"), SETTINGS))
                .isEqualTo(new Classification.AutoReply("Auto-Submitted: auto-replied"));
    }

    @Test
    @DisplayName("A Postfix DSN is a Bounce carrying our original Message-ID, status and recipient")
    void postfixBounce() {
        assertThat(MailClassifier.classify(parsed("postfix-dsn-bounce.eml"), SETTINGS))
                .isEqualTo(new Classification.Bounce(Optional.of(MessageId.of("reply-1042-3.1741857128@guichet.example")),
                        Optional.of("5.1.1"), Optional.of("old.contact@transports-martin.fr")));
    }

    @ParameterizedTest(name = "{0} makes an AutoReply: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Auto-Submitted: auto-generated       | Auto-Submitted: auto-generated
            Precedence: bulk                     | Precedence: bulk
            Precedence: Junk                     | Precedence: junk
            Precedence: list                     | Precedence: list
            List-Id: Users <users.lists.example> | mailing list (List-Id: Users <users.lists.example>)
            X-Autoreply: yes                     | X-Autoreply header
            X-Autorespond: Out of office         | X-Autorespond header
            Return-Path: <>                      | null return path
            """)
    void autoReplyMarkers(String header, String reason) {
        InboundEmail email = parsedText("From: someone@acme.example\n" + header + "\nSubject: hi\n\nbody\n");

        assertThat(MailClassifier.classify(email, SETTINGS)).isEqualTo(new Classification.AutoReply(reason));
    }

    @Test
    @DisplayName("Auto-Submitted: no and Precedence: first-class are Human")
    void explicitHuman() {
        InboundEmail email = parsedText("From: someone@acme.example\nAuto-Submitted: no\n"
                + "Precedence: first-class\nSubject: hi\n\nbody\n");

        assertThat(MailClassifier.classify(email, SETTINGS)).isEqualTo(new Classification.Human());
    }

    @Test
    @DisplayName("Mail from mailer-daemon or postmaster without a report is an AutoReply")
    void daemonSender() {
        InboundEmail email = parsedText("From: Mail Delivery Subsystem <MAILER-DAEMON@mail.example.org>\n"
                + "Subject: Returned mail\n\nSorry.\n");
        InboundEmail postmaster = parsedText("From: postmaster@example.org\nSubject: Notice\n\nHi.\n");

        assertThat(MailClassifier.classify(email, SETTINGS))
                .isEqualTo(new Classification.AutoReply("sent by mailer-daemon"));
        assertThat(MailClassifier.classify(postmaster, SETTINGS))
                .isEqualTo(new Classification.AutoReply("sent by postmaster"));
    }

    @Test
    @DisplayName("A read receipt (disposition notification) is an AutoReply")
    void readReceipt() {
        InboundEmail email = parsedText("""
                From: elodie.martin@transports-martin.fr
                Subject: Read: [Ticket#1042] Update
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=disposition-notification; boundary="r"

                --r
                Content-Type: text/plain

                Your message was displayed.
                --r
                Content-Type: message/disposition-notification

                Final-Recipient: rfc822; elodie.martin@transports-martin.fr
                Disposition: manual-action/MDN-sent-manually; displayed
                --r--
                """);

        assertThat(MailClassifier.classify(email, SETTINGS))
                .isEqualTo(new Classification.AutoReply("read receipt (disposition notification)"));
    }

    @Test
    @DisplayName("Mail from our own support address is OwnMail (loop), whatever the case")
    void ownAddress() {
        InboundEmail email = parsedText("From: SUPPORT@guichet.example\nSubject: [Ticket#1] x\n\nbody\n");

        assertThat(MailClassifier.classify(email, SETTINGS))
                .isEqualTo(new Classification.OwnMail("sent from our own address support@guichet.example"));
    }

    @Test
    @DisplayName("A Message-ID in our own domain is OwnMail, a subdomain is not")
    void ownMessageIdDomain() {
        InboundEmail ours = parsedText("From: relay@forwarder.example\n"
                + "Message-ID: <reply-1042-3.1741857128@Guichet.Example>\nSubject: x\n\nbody\n");
        InboundEmail subdomain = parsedText("From: someone@acme.example\n"
                + "Message-ID: <abc@mail.guichet.example>\nSubject: x\n\nbody\n");

        assertThat(MailClassifier.classify(ours, SETTINGS))
                .isEqualTo(new Classification.OwnMail("Message-ID in our own domain guichet.example"));
        assertThat(MailClassifier.classify(subdomain, SETTINGS)).isEqualTo(new Classification.Human());
    }

    @Test
    @DisplayName("Settings normalise addresses and domains")
    void settings() {
        ClassifierSettings settings = new ClassifierSettings(Set.of(" Help@Acme.example "), Set.of("@Acme.Example"));

        assertThat(settings.ownAddresses()).containsExactly("help@acme.example");
        assertThat(settings.ownMessageIdDomains()).containsExactly("acme.example");
    }

    @Test
    @DisplayName("Every classification can be handled by an exhaustive switch")
    void exhaustive() {
        String summary = switch (MailClassifier.classify(parsed("postfix-dsn-bounce.eml"), SETTINGS)) {
            case Classification.Human human -> "human";
            case Classification.AutoReply autoReply -> "auto: " + autoReply.reason();
            case Classification.Bounce bounce -> "bounce " + bounce.status().orElse("?");
            case Classification.OwnMail ownMail -> "loop: " + ownMail.reason();
        };

        assertThat(summary).isEqualTo("bounce 5.1.1");
    }
}
