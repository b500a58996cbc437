package io.guichet.mail.imap;

import io.guichet.core.mail.MailPosition;
import io.guichet.core.mail.MessageId;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryTransactions;
import io.guichet.mail.inbound.Envelope;
import io.guichet.mail.inbound.FailurePolicy;
import io.guichet.mail.inbound.MailHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@link MailHandler} whose answers a test scripts by subject, and that records every call. A script may throw, to
 * stand for a handler that breaks the contract; the failures the watcher reports to {@link #failed} are counted by
 * the real {@link FailurePolicy} on in-memory stores ({@value FailurePolicy#DEFAULT_MAX_ATTEMPTS} attempts).
 */
final class ScriptedHandler implements MailHandler {

    /** One call: a downloaded message ({@code oversize} false) or an oversize notice. */
    record Call(MailPosition position, String subject, boolean oversize, long size, String sender, String messageId) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private final InMemoryMailJournal journal = new InMemoryMailJournal();
    private final FailurePolicy policy = new FailurePolicy(new InMemoryTransactions(), io.guichet.core.port.PerTransaction.same(journal), journal,
            FailurePolicy.DEFAULT_MAX_ATTEMPTS, Clock.systemUTC());
    private volatile Function<Call, Handled> script = call -> new Handled.Processed("ok");

    void answer(Function<Call, Handled> script) {
        this.script = script;
    }

    @Override
    public Handled handle(byte[] raw, MailPosition position) {
        Call call = new Call(position, subjectOf(raw), false, raw.length, "", "");
        calls.add(call);
        return script.apply(call);
    }

    @Override
    public Handled oversize(MailPosition position, Envelope envelope) {
        Call call = new Call(position, envelope.subject(), true, envelope.size(), envelope.sender(),
                envelope.messageId().map(MessageId::value).orElse(""));
        calls.add(call);
        return script.apply(call);
    }

    @Override
    public Handled failed(MailPosition position, Envelope envelope, String reason) {
        failures.add(reason);
        return policy.failed(position, envelope, reason);
    }

    /** The reasons the watcher reported to {@link #failed}, in order. */
    List<String> failures() {
        return List.copyOf(failures);
    }

    /** The quarantine the failures led to. */
    InMemoryMailJournal journal() {
        return journal;
    }

    List<Call> calls() {
        return List.copyOf(calls);
    }

    List<String> subjects() {
        return calls.stream().map(Call::subject).toList();
    }

    long count(String subject) {
        return calls.stream().filter(c -> c.subject().equals(subject)).count();
    }

    private static String subjectOf(byte[] raw) {
        try {
            return Objects.requireNonNullElse(new MimeMessage(null, new ByteArrayInputStream(raw)).getSubject(), "");
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
