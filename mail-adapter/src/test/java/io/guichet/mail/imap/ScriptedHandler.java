package io.guichet.mail.imap;

import io.guichet.core.mail.MailPosition;
import io.guichet.mail.inbound.MailHandler;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A {@link MailHandler} whose answers a test scripts by subject, and that records every call. */
final class ScriptedHandler implements MailHandler {

    /** One call: a downloaded message ({@code oversize} false) or an oversize notice. */
    record Call(MailPosition position, String subject, boolean oversize, long size, String sender, String messageId) {
    }

    private final List<Call> calls = new CopyOnWriteArrayList<>();
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
    public Handled oversize(MailPosition position, String messageId, String sender, String subject, long size) {
        Call call = new Call(position, subject, true, size, sender, messageId);
        calls.add(call);
        return script.apply(call);
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
