package io.guichet.bench;

import io.guichet.app.config.ConfigReader;
import io.guichet.app.config.GuichetConfig;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Configurations of the node a scenario starts: the product's defaults, plus what the scenario names. */
final class BenchNode {

    static final String SUPPORT = "support@guichet.bench";

    private BenchNode() {
    }

    static GuichetConfig config(Path work, Map<String, String> extra) {
        Map<String, String> values = new HashMap<>();
        values.put("GUICHET_DATA_DIR", work.toString());
        // a free port for health and metrics: several benchmarks (or a running node) may share the machine
        values.put("GUICHET_HTTP_PORT", "0");
        values.putAll(extra);
        return switch (ConfigReader.read(values)) {
            case ConfigReader.Result.Valid valid -> valid.config();
            case ConfigReader.Result.Invalid invalid ->
                    throw new IllegalStateException("bench configuration is invalid: " + invalid.problems());
        };
    }

    /** The settings of a node reading {@code imap} and sending through {@code smtp}. */
    static Map<String, String> mail(MailEndpoints mail) {
        Map<String, String> values = new HashMap<>();
        values.put("GUICHET_IMAP_HOST", mail.imapHost());
        values.put("GUICHET_IMAP_PORT", Integer.toString(mail.imapPort()));
        values.put("GUICHET_IMAP_SECURITY", "none");
        values.put("GUICHET_IMAP_USER", mail.supportUser());
        values.put("GUICHET_IMAP_PASSWORD", mail.supportPassword());
        values.put("GUICHET_SMTP_HOST", mail.smtpHost());
        values.put("GUICHET_SMTP_PORT", Integer.toString(mail.smtpPort()));
        values.put("GUICHET_SMTP_SECURITY", "none");
        values.put("GUICHET_SUPPORT_ADDRESS", mail.supportAddress());
        values.put("GUICHET_SUPPORT_NAME", "Guichet bench support");
        return values;
    }

    /** Where the mail servers are and who the support mailbox is. */
    record MailEndpoints(String imapHost, int imapPort, String smtpHost, int smtpPort, String supportAddress,
                         String supportUser, String supportPassword) {
    }
}
