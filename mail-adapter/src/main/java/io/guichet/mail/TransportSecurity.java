package io.guichet.mail;

/** How a connection to the IMAP or SMTP server is protected. */
public enum TransportSecurity {
    /** Plain text: only for a server on the same host, a local relay, or tests. */
    NONE,
    /** Plain connection upgraded with STARTTLS, which is required (IMAP 143, SMTP submission 587). */
    STARTTLS,
    /** TLS from the first byte (IMAPS 993, SMTPS 465). */
    TLS
}
