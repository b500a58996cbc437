/**
 * SMTP out: {@link io.guichet.mail.smtp.SmtpOutboxDispatcher} sends the transactional outbox over one connection per
 * batch, with retry and backoff, our own Message-ID and threading headers, and every header value made safe.
 */
package io.guichet.mail.smtp;
