package io.guichet.app.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo's mail world: an in-process IMAP and SMTP server (GreenMail) on free localhost ports, with the support
 * mailbox and the demo customers' mailboxes, and a tiny mail client to write as a customer and read the answers.
 * This is the demo playing the customer; Guichet itself talks to it like to any mail server.
 */
public final class DemoMailServer implements AutoCloseable {

    private final GreenMail greenMail;

    /** A mail as a customer's client shows it. */
    public record ReceivedMail(String from, String subject, String body) {
    }

    private DemoMailServer(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    /** Starts SMTP and IMAP on free ports with the given mailboxes ({@code address, login, password} triples). */
    public static DemoMailServer start(String[]... users) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        for (String[] user : users) {
            greenMail.setUser(user[0], user[1], user[2]);
        }
        return new DemoMailServer(greenMail);
    }

    public int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    public int imapPort() {
        return greenMail.getImap().getPort();
    }

    /** Sends a plain-text mail through the server's SMTP, as a mail client would. */
    public void send(String from, String to, String subject, String body) {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", Integer.toString(smtpPort()));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(props));
            message.setFrom(new InternetAddress(from));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
            message.setSubject(subject, "UTF-8");
            message.setText(body, "UTF-8");
            Transport.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("the demo mail server refused the sample mail: " + e.getMessage(), e);
        }
    }

    /** The first mail received for {@code domain} within {@code timeout}. */
    public Optional<ReceivedMail> awaitMailFor(String domain, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            MimeMessage[] received = greenMail.getReceivedMessagesForDomain(domain);
            if (received.length > 0) {
                return Optional.of(read(received[0]));
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    private static ReceivedMail read(MimeMessage message) {
        try {
            return new ReceivedMail(message.getFrom()[0].toString(), message.getSubject(),
                    message.getContent().toString());
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("the answer could not be read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
