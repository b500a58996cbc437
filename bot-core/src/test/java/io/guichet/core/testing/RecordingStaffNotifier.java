package io.guichet.core.testing;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffNotifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Keeps what was delivered to the staff, for assertions; can be told to refuse the next deliveries. */
public final class RecordingStaffNotifier implements StaffNotifier {

    private final List<StaffNotice> notices = new CopyOnWriteArrayList<>();
    private final AtomicInteger refusals = new AtomicInteger();

    @Override
    public void deliver(StaffNotice notice) throws NotDelivered {
        if (refusals.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new NotDelivered("the staff channel answered 503 Service Unavailable");
        }
        notices.add(notice);
    }

    /** The next {@code count} deliveries are refused. */
    public void refuseNext(int count) {
        refusals.set(count);
    }

    public List<StaffNotice> notices() {
        return List.copyOf(notices);
    }

    public <T extends StaffNotice> List<T> notices(Class<T> kind) {
        return notices.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
