package io.guichet.app;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.app.testing.NodeSettings;
import io.guichet.app.config.GuichetConfig;
import io.guichet.app.node.GuichetNode;
import io.guichet.core.account.Account;
import io.guichet.core.account.AccountManager;
import io.guichet.core.account.EmailAddress;
import io.guichet.core.account.Language;
import io.guichet.core.version.ProductVersion;
import io.guichet.db.Database;
import io.guichet.db.testing.PostgresExtension;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R1: coverage per product with every real part (GreenMail, PostgreSQL): Acme is covered for VSA only; a mail about
 * VSA opens a ticket, a mail about Traverse is answered with the decline naming the product and the account manager.
 */
@ExtendWith(PostgresExtension.class)
class CoveragePerProductIT {

    private static final String SUPPORT = "support@guichet.test";
    private static final String BOB = "bob@acme.example";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private GreenMail mail;
    private GuichetNode node;
    private Database database;

    @BeforeEach
    void start(Database database) {
        this.database = database;
        mail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(SUPPORT, "support", "secret");
        Map<String, String> settings = NodeSettings.onGreenMail(mail, SUPPORT, "PT1S");
        settings.put("GUICHET_HTTP_PORT", "0");
        GuichetConfig config = NodeSettings.config(settings);
        node = new GuichetNode(config, database, Clock.systemUTC());
        node.ports().run(d -> {
            d.versions().add(new ProductVersion("VSA", "9.5", LocalDate.now().minusYears(1), true,
                    Optional.empty()));
            d.versions().add(new ProductVersion("Traverse", "3.1", LocalDate.now().minusYears(1), true,
                    Optional.empty()));
            Account acme = d.contacts().addAccount("Acme", Optional.empty(),
                    new AccountManager("Marie Curie", "marie@vendor.example")).orElseThrow();
            d.contacts().coverProduct(acme.id(), "VSA", LocalDate.now().plusYears(1));
            d.contacts().addContact(acme.id(), "Bob Smith", EmailAddress.parse(BOB).orElseThrow(), "",
                    Language.EN, Optional.empty(), Optional.empty());
        });
    }

    @AfterEach
    void stop() {
        node.close();
        mail.stop();
    }

    @Test
    @DisplayName("R1: a mail about a covered product opens a ticket; a mail about a product not covered gets the decline naming it and the account manager, and is recorded")
    void coveredOpensUncoveredDeclined() throws Exception {
        node.start();
        send("Agents offline", "All agents went offline after the upgrade.\nSeverity: 2\nVersion: VSA 9.5\n");
        send("Monitoring down", "No monitoring data since this morning.\nSeverity: 2\nVersion: Traverse 3.1\n");

        await().atMost(WAIT).until(() -> count("select count(*) from inbound_receipts where disposition not in"
                + " ('RECEIVED')") == 2);
        await().atMost(WAIT).until(() -> {
            node.dispatcher().orElseThrow().wakeUp();
            return mail.getReceivedMessagesForDomain("acme.example").length == 2;
        });

        List<MimeMessage> answers = Arrays.asList(mail.getReceivedMessagesForDomain("acme.example"));
        assertThat(answers).filteredOn(m -> GreenMailUtil.getBody(m).contains("does not include Traverse"))
                .singleElement().satisfies(m -> assertThat(GreenMailUtil.getBody(m))
                        .contains("support coverage of Acme", "Marie Curie")
                        .doesNotContain("VSA"));
        assertThat(answers).filteredOn(m -> !GreenMailUtil.getBody(m).contains("Traverse")).singleElement()
                .satisfies(m -> assertThat(m.getSubject()).contains("Agents offline"));
        assertThat(count("select count(*) from tickets")).as("only the covered request").isEqualTo(1);
        assertThat(count("select count(*) from tickets where product_version = 'VSA 9.5'")).isEqualTo(1);
        assertThat(count("select count(*) from inbound_receipts where disposition = 'REJECTED'"))
                .as("the declined mail is recorded").isEqualTo(1);
        assertThat(count("select count(*) from inbound_receipts where disposition = 'OPENED'")).isEqualTo(1);
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

    private long count(String sql) throws java.sql.SQLException {
        try (var connection = database.dataSource().getConnection();
             var statement = connection.createStatement();
             var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
