package io.guichet.core.testing;

import io.guichet.core.mail.MailboxLock;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link MailboxLock} in memory. Each instance is one node; nodes made with {@link #otherNode()} share the same
 * locks, as the nodes of a cluster share one PostgreSQL. Like a session advisory lock: a node that holds a lock
 * and asks again gets {@code true} (it does not stack), only the holder can release it, and {@link #die()}
 * releases everything a node holds, as the end of its database session does.
 */
public final class InMemoryMailboxLock implements MailboxLock {

    private final Map<String, InMemoryMailboxLock> holders;

    /** The first node of a new cluster. */
    public InMemoryMailboxLock() {
        this(new ConcurrentHashMap<>());
    }

    private InMemoryMailboxLock(Map<String, InMemoryMailboxLock> holders) {
        this.holders = holders;
    }

    /** Another node of the same cluster. */
    public InMemoryMailboxLock otherNode() {
        return new InMemoryMailboxLock(holders);
    }

    @Override
    public boolean tryAcquire(String mailbox) {
        return holders.computeIfAbsent(mailbox, m -> this) == this;
    }

    @Override
    public boolean stillHeld(String mailbox) {
        return holders.get(mailbox) == this;
    }

    @Override
    public void release(String mailbox) {
        holders.remove(mailbox, this);
    }

    /** This node's session ends: every lock it holds passes to whoever asks next. */
    public void die() {
        holders.values().removeIf(holder -> holder == this);
    }
}
