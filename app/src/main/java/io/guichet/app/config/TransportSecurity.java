package io.guichet.app.config;

/** How a mail connection is protected. */
public enum TransportSecurity {
    /** TLS from the first byte (IMAPS 993, SMTPS 465). */
    TLS,
    /** Plain connection upgraded with STARTTLS, required. */
    STARTTLS,
    /** No encryption: only for a server on the same host or in tests. */
    NONE
}
