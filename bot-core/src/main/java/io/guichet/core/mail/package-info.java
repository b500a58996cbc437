/**
 * What the e-mail channel keeps durably, as plain records and ports: inbound receipts (so a mail is handled
 * exactly once), the thread of each ticket (so replies find their ticket), the outbox (so every answer is sent
 * exactly once, after the commit of the change that caused it) and the per-sender automatic-reply log.
 * The core's use cases do not call these ports; the mail adapter does, inside the same transaction as the desk.
 */
package io.guichet.core.mail;
