/**
 * What the e-mail channel keeps durably, as plain records and ports: inbound receipts (so a mail is handled
 * exactly once), the thread of each ticket (so replies find their ticket), the outbox (so every answer is sent
 * exactly once, after the commit of the change that caused it), the per-sender automatic-reply log, the failed
 * attempts at handling a mail (so a mail that always fails is quarantined, not retried forever) and the
 * quarantine (listed and released by operators).
 * The core's use cases do not call these ports; the mail adapter and the command line do.
 */
package io.guichet.core.mail;
