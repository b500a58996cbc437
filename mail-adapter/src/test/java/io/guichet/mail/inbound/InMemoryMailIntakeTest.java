package io.guichet.mail.inbound;

import io.guichet.core.mail.InboundReceipt;
import io.guichet.core.mail.MailJournal;
import io.guichet.core.mail.Quarantine;
import io.guichet.core.testing.DeskFixture;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.mail.headers.SubjectTag;
import io.guichet.mail.testing.FailingProxy;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The handler contract on the in-memory stores. They cannot roll back, so the failure is injected at the first write
 * of the mail's transaction: recording its receipt as it is handled (the receipt of its quarantine, recorded by the
 * failure policy with a hash of its position, goes through).
 */
class InMemoryMailIntakeTest extends MailHandlerContract {

    private final DeskFixture desk = new DeskFixture();
    private final InMemoryMailJournal stored = new InMemoryMailJournal();
    private MailJournal journal = stored;

    @Override
    protected MailHandler handler() {
        return new MailIntake(new MimeParser(), desk.stores.transactions(), io.guichet.core.port.PerTransaction.same(journal), stored,
                desk.customers, new MailIntakeSettings(new SubjectTag(SubjectTag.DEFAULT_FORMAT),
                ClassifierSettings.of("support@guichet.example", "guichet.example"), Optional.empty(),
                List.of("escalate"), ATTEMPTS), desk.clock);
    }

    @Override
    protected void failWhenSubjectContains(String marker, Supplier<? extends Throwable> failure) {
        journal = FailingProxy.around(MailJournal.class, stored, "recordReceipt",
                args -> ((InboundReceipt) args[0]).subject().contains(marker)
                        && !((InboundReceipt) args[0]).contentHash().startsWith("failed:"), failure);
    }

    @Override
    protected Quarantine quarantine() {
        return stored;
    }
}
