/**
 * IMAP in: {@link io.guichet.mail.imap.ImapMailboxWatcher} reads the support mailbox (Angus Mail) by UID, in
 * batches, with IDLE and a polling safety net, and hands each message to the
 * {@link io.guichet.mail.inbound.MailHandler}; only after the handler returns is the message moved or flagged.
 */
package io.guichet.mail.imap;
