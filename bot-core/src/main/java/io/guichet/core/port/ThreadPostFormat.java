package io.guichet.core.port;

import io.guichet.core.desk.StaffNotice;

import java.util.List;

/**
 * How a ticket's thread post reads in the chat, rendered when the change is made (in its transaction), so that the
 * post says what was true then even when it is delivered later.
 */
public interface ThreadPostFormat {

    /** {@code post} as the chat will show it; {@code subscribers} are the staff ids subscribed to its ticket now. */
    StaffNotice.AsPosted render(StaffNotice.ThreadPost post, List<String> subscribers);
}
