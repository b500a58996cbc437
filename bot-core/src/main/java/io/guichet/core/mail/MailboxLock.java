package io.guichet.core.mail;

/**
 * Exactly one node of a cluster reads a mailbox: the holder of this lock. Held for as long as the holder lives
 * (a PostgreSQL session advisory lock), so it passes to another node when the holder dies.
 */
public interface MailboxLock {

    /** Takes the lock for {@code mailbox} if nobody holds it; true when this node holds it now. */
    boolean tryAcquire(String mailbox);

    /** Is the lock still ours (the session that holds it is alive)? */
    boolean stillHeld(String mailbox);

    void release(String mailbox);
}
