package io.guichet.app.staff;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers staff notices to the log (from the staff outbox, after their change committed) until a staff channel (Discord) is configured: one line per notice, naming the
 * ticket and what happened, never the customer's text. Breaches and escalations are WARN: a person must look.
 */
public final class LoggingStaffNotifier implements StaffNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingStaffNotifier.class);

    @Override
    public void deliver(StaffNotice notice) {
        switch (notice) {
            case StaffNotice.NewSeverityOne n -> LOG.warn("staff: new severity-1 ticket {}", n.ticket().number());
            case StaffNotice.Escalation n -> LOG.warn("staff: ticket {} escalated (R18): {}", n.ticket().number(), n.reason());
            case StaffNotice.TargetBreached n -> LOG.warn("staff: ticket {} missed its {} target", n.ticket().number(),
                    n.target());
            case StaffNotice.LoopStopped n -> LOG.warn("staff: mail loop stopped after ticket {}: {}", n.ticket().number(),
                    n.detail());
            case StaffNotice.ThreadPost n -> LOG.debug("staff: ticket {} {} by {}", n.ticket().number(),
                    n.event(), n.actor());
            case StaffNotice.Transcript n -> LOG.debug("staff: ticket {} closed, transcript kept", n.ticket().number());
            case StaffNotice.Downgraded n -> LOG.info("staff: ticket {} lowered from severity {} to {}: {}",
                    n.ticket().number(), n.from().level(), n.to().level(), n.reason());
        }
    }
}
