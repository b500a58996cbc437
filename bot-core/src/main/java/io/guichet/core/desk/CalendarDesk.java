package io.guichet.core.desk;

import io.guichet.core.account.Contact;
import io.guichet.core.port.NoticeLog;
import io.guichet.core.port.PerTransaction;
import io.guichet.core.port.VersionsInUse;
import io.guichet.core.version.ProductVersion;
import io.guichet.core.version.SupportWindow;
import io.guichet.core.version.VersionNumber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The policy's calendar work, run daily: certification-expiry reminders to contacts whose certification ends within
 * the configured time (R10, default 30 days), and end-of-support notices to the contacts of accounts with tickets on
 * a version whose support ends within the configured time (R20, default 1 year): the previous on-premise version
 * after the next release, or a product's announced retirement. Each notice goes once per subject and contact, in a
 * transaction of its own; a day missed is caught up the next day.
 */
public final class CalendarDesk {

    private static final Logger LOG = LoggerFactory.getLogger(CalendarDesk.class);

    /** What one run sent. */
    public record Report(int certificationReminders, int endOfSupportNotices) {
    }

    private final DeskPorts ports;
    private final PerTransaction<NoticeLog> log;
    private final PerTransaction<VersionsInUse> inUse;
    private final SupportWindow window;

    public CalendarDesk(DeskPorts ports, PerTransaction<NoticeLog> log, PerTransaction<VersionsInUse> inUse) {
        this.ports = ports;
        this.log = log;
        this.inUse = inUse;
        this.window = new SupportWindow(ports.policy().previousVersionSupport());
    }

    public Report run() {
        Report report = new Report(certificationReminders(), endOfSupportNotices());
        LOG.info("calendar notices: {} certification reminder(s) (R10), {} end-of-support notice(s) (R20)",
                report.certificationReminders(), report.endOfSupportNotices());
        return report;
    }

    /** R10: contacts whose certification ends between today and the reminder horizon, once per certification end. */
    private int certificationReminders() {
        LocalDate today = ports.today();
        List<Contact> ending = ports.inTransaction(desk -> desk.contacts().certificationsEndingBetween(today,
                today.plus(ports.policy().certificationReminder())));
        int sent = 0;
        for (Contact contact : ending) {
            LocalDate until = contact.certifiedUntil().orElseThrow();
            boolean told = ports.inTransaction(desk -> {
                if (!log.in(desk.tx()).firstTime(NoticeLog.Kind.CERTIFICATION_EXPIRY, until.toString(), contact.id(), now())) {
                    return false;
                }
                desk.messenger().tell(new CustomerNotice.CertificationExpiring(Recipient.of(contact), until));
                return true;
            });
            sent += told ? 1 : 0;
        }
        return sent;
    }

    /** R20: versions in use whose support ends within the notice period, once per version and contact. */
    private int endOfSupportNotices() {
        LocalDate today = ports.today();
        List<ProductVersion> catalogue = ports.inTransaction(desk -> desk.versions().all());
        int sent = 0;
        for (VersionsInUse.Use use : ports.transactions().inTransaction(tx -> inUse.in(tx).list())) {
            if (!(window.judge(use.version(), catalogue, today) instanceof SupportWindow.Verdict.Supported supported)) {
                continue;
            }
            ProductVersion release = supported.release();
            Optional<LocalDate> lastDay = lastDay(supported);
            if (lastDay.isEmpty() || today.isBefore(lastDay.get().minus(ports.policy().sunsetNotice()))) {
                continue;
            }
            Optional<String> upgrade = current(release, catalogue, today)
                    .filter(c -> !c.version().equals(release.version()))
                    .map(c -> c.product() + " " + c.version());
            String subject = release.product() + " " + release.version();
            for (Contact contact : ports.inTransaction(desk -> desk.contacts().contactsOf(use.account()))) {
                if (!contact.active()) {
                    continue;
                }
                boolean told = ports.inTransaction(desk -> {
                    if (!log.in(desk.tx()).firstTime(NoticeLog.Kind.END_OF_SUPPORT, subject, contact.id(), now())) {
                        return false;
                    }
                    desk.messenger().tell(new CustomerNotice.EndOfSupport(Recipient.of(contact), release.product(),
                            release.version(), lastDay.get(), upgrade));
                    return true;
                });
                sent += told ? 1 : 0;
            }
        }
        return sent;
    }

    /** The last supported day: the end of the previous-version year, or the day before the product's retirement. */
    private static Optional<LocalDate> lastDay(SupportWindow.Verdict.Supported supported) {
        Optional<LocalDate> retired = supported.release().retiredOn().map(d -> d.minusDays(1));
        Optional<LocalDate> until = supported.until();
        if (until.isPresent() && retired.isPresent()) {
            return Optional.of(until.get().isBefore(retired.get()) ? until.get() : retired.get());
        }
        return until.or(() -> retired);
    }

    private static Optional<ProductVersion> current(ProductVersion release, List<ProductVersion> catalogue,
                                                    LocalDate today) {
        return catalogue.stream()
                .filter(v -> v.product().equalsIgnoreCase(release.product()))
                .filter(v -> !v.releasedOn().isAfter(today))
                .filter(v -> VersionNumber.parse(v.version()).isPresent())
                .max(Comparator.comparing((ProductVersion v) -> VersionNumber.parse(v.version()).orElseThrow()));
    }

    private Instant now() {
        return ports.clock().instant();
    }
}
