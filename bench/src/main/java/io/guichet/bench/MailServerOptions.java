package io.guichet.bench;

import picocli.CommandLine.Option;

import java.util.Optional;

/**
 * The mail servers a scenario runs against: an in-process GreenMail unless {@code --imap-host} names an external
 * IMAP server (then SMTP goes to {@code --smtp-host}, by default the same host). {@code bench/mail-servers.sh start}
 * sets up Dovecot and Postfix on this machine and prints the options to use.
 */
final class MailServerOptions {

    @Option(names = "--imap-host", description = "An external IMAP server (default: in-process GreenMail).")
    private Optional<String> imapHost;

    @Option(names = "--imap-port", defaultValue = "143", description = "Its port (default ${DEFAULT-VALUE}).")
    private int imapPort;

    @Option(names = "--smtp-host", description = "The SMTP server answers go through (default: the IMAP host).")
    private Optional<String> smtpHost;

    @Option(names = "--smtp-port", defaultValue = "25", description = "Its port (default ${DEFAULT-VALUE}).")
    private int smtpPort;

    @Option(names = "--support-address", defaultValue = BenchNode.SUPPORT,
            description = "The support address (default ${DEFAULT-VALUE}).")
    private String supportAddress;

    @Option(names = "--imap-user", defaultValue = "support", description = "The support mailbox's user (default ${DEFAULT-VALUE}).")
    private String imapUser;

    @Option(names = "--imap-password", defaultValue = "support", description = "Its password (default ${DEFAULT-VALUE}).")
    private String imapPassword;

    @Option(names = "--customers-user", defaultValue = "customers@" + Seed.DOMAIN,
            description = "External servers: the mailbox every customer address is delivered to, where answers are "
                    + "watched (default ${DEFAULT-VALUE}).")
    private String customersUser;

    @Option(names = "--customers-password", defaultValue = "customers", description = "Its password (default ${DEFAULT-VALUE}).")
    private String customersPassword;

    boolean external() {
        return imapHost.isPresent();
    }

    MailWorld open() throws Exception {
        if (imapHost.isEmpty()) {
            return MailWorld.inProcess();
        }
        return MailWorld.external(new BenchNode.MailEndpoints(imapHost.get(), imapPort, smtpHost.orElse(imapHost.get()),
                smtpPort, supportAddress, imapUser, imapPassword), customersUser, customersPassword);
    }
}
