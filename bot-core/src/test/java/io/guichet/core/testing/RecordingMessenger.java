package io.guichet.core.testing;

import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.desk.Received;
import io.guichet.core.mail.ThreadMessage;
import io.guichet.core.port.CustomerMessenger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what customers wrote and what the desk told them, each in order and both in one conversation. */
public final class RecordingMessenger implements CustomerMessenger {

    private final List<CustomerNotice> told = new CopyOnWriteArrayList<>();
    private final List<ThreadMessage> received = new CopyOnWriteArrayList<>();
    private final List<Object> conversation = new CopyOnWriteArrayList<>();

    @Override
    public void received(ThreadMessage message) {
        received.add(message);
        conversation.add(message);
    }

    /** What was kept and told, in the order it happened: {@link ThreadMessage}s and {@link CustomerNotice}s. */
    public List<Object> conversation() {
        return List.copyOf(conversation);
    }

    /** The customers' messages kept, in order. */
    public List<ThreadMessage> received() {
        return List.copyOf(received);
    }

    @Override
    public void tellAll(List<CustomerNotice> notices, Optional<Received> inAnswerTo) {
        told.addAll(notices);
        conversation.addAll(notices);
    }

    public List<CustomerNotice> told() {
        return List.copyOf(told);
    }

    public <T extends CustomerNotice> List<T> told(Class<T> kind) {
        return told.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public void clear() {
        told.clear();
    }
}
