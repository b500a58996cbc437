/**
 * Inbound half of the e-mail channel: turns raw RFC 5322 bytes into plain values the rest of Guichet can use
 * without knowing about Jakarta Mail.
 *
 * <ul>
 *   <li>{@link io.guichet.mail.inbound.MimeParser} parses raw bytes into an {@link io.guichet.mail.inbound.InboundEmail}
 *       (or says why it cannot), with limits against MIME bombs.</li>
 *   <li>{@link io.guichet.mail.inbound.QuoteStripper} keeps only what is new in a reply.</li>
 *   <li>{@link io.guichet.mail.inbound.IntakeExtractor} reads the intake fields of policy rule R4.</li>
 *   <li>{@link io.guichet.mail.inbound.MailClassifier} and {@link io.guichet.mail.inbound.AuthenticationVerdict}
 *       decide whether a message deserves an automatic answer and whether its sender is authenticated.</li>
 * </ul>
 * Nothing here opens a connection, touches the database or calls the core.
 */
package io.guichet.mail.inbound;
