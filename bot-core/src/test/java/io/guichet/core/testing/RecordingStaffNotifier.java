package io.guichet.core.testing;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffNotifier;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps what the desk told the staff, for assertions. */
public final class RecordingStaffNotifier implements StaffNotifier {

    private final List<StaffNotice> notices = new CopyOnWriteArrayList<>();

    @Override
    public void notify(StaffNotice notice) {
        notices.add(notice);
    }

    public List<StaffNotice> notices() {
        return List.copyOf(notices);
    }

    public <T extends StaffNotice> List<T> notices(Class<T> kind) {
        return notices.stream().filter(kind::isInstance).map(kind::cast).toList();
    }
}
