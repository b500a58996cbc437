package io.guichet.app.node;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Staff notices to the log, used when the Discord console is off. */
public final class LoggingStaffNotifier implements StaffNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingStaffNotifier.class);

    @Override
    public void notify(StaffNotice notice) {
        switch (notice) {
            case StaffNotice.NewSeverityOne n -> LOG.warn("staff: new severity-1 ticket {}", n.ticket().number());
            case StaffNotice.Escalation n -> LOG.warn("staff: ticket {} escalated: {}", n.ticket().number(), n.reason());
            case StaffNotice.TargetBreached n -> LOG.warn("staff: ticket {} missed its {} target", n.ticket().number(), n.target());
            case StaffNotice.Downgraded n -> LOG.info("staff: ticket {} downgraded {} -> {}: {}", n.ticket().number(),
                    n.from().level(), n.to().level(), n.reason());
        }
    }
}
