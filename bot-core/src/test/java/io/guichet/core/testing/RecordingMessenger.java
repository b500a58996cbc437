package io.guichet.core.testing;

import io.guichet.core.mail.MessageId;

import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.port.CustomerMessenger;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the desk told customers, for assertions. */
public final class RecordingMessenger implements CustomerMessenger {

    private final List<CustomerNotice> told = new CopyOnWriteArrayList<>();

    @Override
    public void tellAll(List<CustomerNotice> notices, Optional<MessageId> answering) {
        told.addAll(notices);
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
