package io.guichet.bench;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.time.Instant;
import java.util.Date;
import java.util.Properties;
import java.util.SplittableRandom;

/**
 * Customer mail as it arrives at a support desk: new requests with the intake fields filled in, and replies tagged
 * with an existing ticket's number quoting the previous message. Bodies are padded with log excerpts to a size of
 * 2 to 20 KB (skewed towards the small end, as real mail is). Each mail has a unique Message-ID.
 */
final class MailFactory {

    private static final String[] LOG_LINES = {
            "2026-11-26 22:41:07.112 WARN  [agent-4711] heartbeat to https://vsa.bench-corp.example timed out after 30000 ms",
            "2026-11-26 22:41:09.381 INFO  [agent-4711] reconnecting (attempt 3 of 10), backoff 4000 ms",
            "2026-11-26 22:41:13.402 ERROR [agent-4711] TLS handshake failed: certificate path validation failed",
            "2026-11-26 22:41:13.977 INFO  [patch-svc] KB-2211 installed, reboot pending on 14 endpoints",
            "2026-11-26 22:42:00.004 WARN  [scheduler] job 'inventory-sync' skipped: previous run still active",
    };

    private final Session session = Session.getInstance(new Properties());
    private final SplittableRandom random;
    private final String supportAddress;

    MailFactory(long seed, String supportAddress) {
        this.random = new SplittableRandom(seed);
        this.supportAddress = supportAddress;
    }

    /** A size between 2 and 20 KB, skewed towards small. */
    int size() {
        double r = random.nextDouble();
        return 2048 + (int) (18 * 1024 * r * r);
    }

    MimeMessage request(String token, String from, int bytes) {
        String subject = "Agents offline after upgrade " + token;
        StringBuilder body = new StringBuilder("""
                Hello,

                Since last night's upgrade part of our agents show offline in the console.

                Severity: %d
                Server URL: https://vsa.bench-corp.example
                Module: Agent
                Steps to reproduce: upgrade the server to 10.0, open the console, look at the agents page
                Affected devices: SN-%d / dev-%d
                Version: VSA 10.0

                Relevant log lines:
                """.formatted(2 + random.nextInt(3), random.nextInt(100_000), random.nextInt(500)));
        pad(body, bytes, "");
        body.append("\nRegards,\n").append(from).append('\n');
        return message(from, subject, body.toString(), token);
    }

    MimeMessage reply(String token, String from, long ticketNumber, int bytes) {
        String subject = "Re: [Ticket#" + ticketNumber + "] Agents offline " + token;
        StringBuilder body = new StringBuilder("""
                Hello,

                Here is what you asked for: the agents still drop after the patch. More logs below.

                """);
        pad(body, bytes * 2 / 3, "");
        body.append("\nThanks\n\nOn Tue, 25 Nov 2026 at 10:02, Guichet support <").append(supportAddress)
                .append("> wrote:\n> Could you send the agent logs of an affected device?\n");
        pad(body, bytes, "> ");
        return message(from, subject, body.toString(), token);
    }

    private void pad(StringBuilder body, int bytes, String prefix) {
        while (body.length() < bytes) {
            body.append(prefix).append(LOG_LINES[random.nextInt(LOG_LINES.length)]).append('\n');
        }
    }

    private MimeMessage message(String from, String subject, String body, String token) {
        try {
            MimeMessage m = new MimeMessage(session) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", "<" + token + "@" + Seed.DOMAIN + ">");
                }
            };
            m.setFrom(new InternetAddress(from));
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(supportAddress));
            m.setSubject(subject, "UTF-8");
            m.setSentDate(Date.from(Instant.now()));
            m.setText(body, "UTF-8");
            m.saveChanges();
            return m;
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
