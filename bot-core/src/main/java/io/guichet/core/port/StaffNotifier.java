package io.guichet.core.port;

import io.guichet.core.desk.StaffNotice;

/** Tells the support staff about events that need a person (new severity 1, escalation, breach, downgrade). */
public interface StaffNotifier {

    void notify(StaffNotice notice);
}
