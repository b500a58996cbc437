package io.guichet.app.node;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import io.guichet.mail.testing.TokenEndpointStandIn;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node configured for Microsoft 365 (OAuth2 client credentials) against GreenMail with XOAUTH2, its token endpoint
 * replaced by a stand-in through GUICHET_OAUTH_TOKEN_URL: the configuration as an operator writes it, wired by the node.
 */
@ExtendWith(PostgresExtension.class)
class OAuthNodeIT {

    private static final String SUPPORT = "support@guichet.test";
    private static final String BOB = "bob@acme.example";

    private GreenMail mail;
    private TokenEndpointStandIn tokens;
    private GuichetNode node;

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        mail.stop();
        tokens.close();
    }

    @Test
    @DisplayName("with GUICHET_IMAP_AUTH and GUICHET_SMTP_AUTH oauth2, a contact's mail is read and answered over XOAUTH2 with one token")
    void readsAndAnswersWithOneToken(Database database) throws Exception {
        mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        GreenMailUser support = mail.setUser(SUPPORT, SUPPORT, "no token yet");
        tokens = new TokenEndpointStandIn();
        tokens.onIssue(support::setPassword);
        node = new GuichetNode(config(), database, Clock.systemUTC());
        node.ports().run(d -> {
            Account acme = d.contacts().addAccount("Acme", Optional.of(LocalDate.now().plusYears(1)),
                    new AccountManager("Marie", "marie@vendor.example")).orElseThrow();
            d.contacts().addContact(acme.id(), "Bob Smith", EmailAddress.parse(BOB).orElseThrow(), "",
                    Language.EN, Optional.empty(), Optional.empty());
        });

        node.start();
        send("Agents offline", "Severity: 2\n");

        await().atMost(Duration.ofSeconds(30)).until(() -> mail.getReceivedMessagesForDomain("acme.example").length == 1);
        MimeMessage ack = mail.getReceivedMessagesForDomain("acme.example")[0];
        assertThat(ack.getSubject()).isEqualTo("[Ticket#1000] Agents offline");
        assertThat(tokens.requests()).singleElement().satisfies(r -> assertThat(r.form())
                .containsEntry("grant_type", "client_credentials").containsEntry("client_id", "guichet-app")
                .containsEntry("client_secret", "s3cret").containsEntry("scope", "https://outlook.office365.com/.default"));
        assertThat(node.watcher().orElseThrow().health().connected()).isTrue();
        assertThat(node.dispatcher().orElseThrow().health().connectionError()).isEmpty();
    }

    private GuichetConfig config() throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("GUICHET_IMAP_HOST", "127.0.0.1");
        settings.put("GUICHET_IMAP_PORT", Integer.toString(mail.getImap().getPort()));
        settings.put("GUICHET_IMAP_SECURITY", "none");
        settings.put("GUICHET_IMAP_AUTH", "oauth2");
        settings.put("GUICHET_IMAP_USER", SUPPORT);
        settings.put("GUICHET_IMAP_POLL_INTERVAL", "PT1S");
        settings.put("GUICHET_SMTP_HOST", "127.0.0.1");
        settings.put("GUICHET_SMTP_PORT", Integer.toString(mail.getSmtp().getPort()));
        settings.put("GUICHET_SMTP_SECURITY", "none");
        settings.put("GUICHET_SMTP_AUTH", "oauth2");
        settings.put("GUICHET_SMTP_USER", SUPPORT);
        settings.put("GUICHET_SUPPORT_ADDRESS", SUPPORT);
        settings.put("GUICHET_HTTP_PORT", "off");
        settings.put("GUICHET_OAUTH_PROVIDER", "microsoft");
        settings.put("GUICHET_OAUTH_TENANT", "guichet-test");
        settings.put("GUICHET_OAUTH_CLIENT_ID", "guichet-app");
        settings.put("GUICHET_OAUTH_CLIENT_SECRET", "s3cret");
        settings.put("GUICHET_OAUTH_TOKEN_URL", tokens.uri().toString());
        ConfigReader.Result result = ConfigReader.read(settings);
        assertThat(result).isInstanceOf(ConfigReader.Result.Valid.class);
        return ((ConfigReader.Result.Valid) result).config();
    }

    private void send(String subject, String body) throws MessagingException {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(BOB));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        Transport.send(message);
    }
}
