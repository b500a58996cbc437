package io.guichet.mail.imap;

import io.guichet.mail.MailLogin;
import io.guichet.mail.TlsTrust;
import io.guichet.mail.TransportSecurity;
import io.guichet.core.mail.MailJournal.MailboxState;
import io.guichet.core.testing.InMemoryMailJournal;
import io.guichet.core.testing.InMemoryMailboxLock;
import io.guichet.core.testing.MutableClock;
import io.guichet.mail.inbound.FailurePolicy;
import io.guichet.mail.inbound.MailHandler.Handled;
import io.guichet.mail.testing.TcpProxy;
import jakarta.mail.Flags;
import org.awaitility.core.ConditionFactory;
import org.eclipse.angus.mail.imap.protocol.UIDSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The mailbox watcher against a real IMAP server (GreenMail). */
class ImapMailboxWatcherIT {

    private static final Optional<String> PROCESSED = Optional.of("Processed");
    private static final Duration SLOW_POLL = Duration.ofMinutes(5);
    private static final Duration FAST_POLL = Duration.ofMillis(300);

    private final MutableClock clock = MutableClock.at("2026-03-02T09:00:00Z");
    private final InMemoryMailJournal journal = new InMemoryMailJournal();
    private final InMemoryMailboxLock lock = new InMemoryMailboxLock();
    private final ScriptedHandler handler = new ScriptedHandler();
    private final List<ImapMailboxWatcher> watchers = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private MailboxFixture mailbox;

    @BeforeEach
    void startServer() {
        mailbox = new MailboxFixture();
    }

    @AfterEach
    void stopAll() throws Exception {
        watchers.forEach(ImapMailboxWatcher::stop);
        for (AutoCloseable c : closeables) {
            c.close();
        }
        mailbox.close();
    }

    private ImapMailboxWatcher start(ImapSettings settings) {
        return start(settings, handler, lock);
    }

    private ImapMailboxWatcher start(ImapSettings settings, ScriptedHandler h, InMemoryMailboxLock l) {
        ImapMailboxWatcher watcher = new ImapMailboxWatcher(settings, h, journal, l, clock);
        watchers.add(watcher);
        watcher.start();
        return watcher;
    }

    private static void awaitIdle(ImapMailboxWatcher watcher) {
        await().atMost(Duration.ofSeconds(10)).until(() -> watcher.health().connected()
                && watcher.health().lastSuccess().isPresent());
    }

    @Test
    @DisplayName("mail delivered before start is handled in UID order, then moved to the processed folder, unread")
    void backlogInUidOrder() {
        mailbox.deliver("first");
        mailbox.deliver("second");
        mailbox.deliver("third");
        ImapSettings settings = mailbox.settings(PROCESSED, SLOW_POLL);
        start(settings);

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").size() == 3);
        assertThat(handler.subjects()).containsExactly("first", "second", "third");
        assertThat(handler.calls()).extracting(c -> c.position().uid()).isSorted();
        assertThat(mailbox.subjects("INBOX")).isEmpty();
        assertThat(mailbox.subjects("Processed")).containsExactly("first", "second", "third");
        assertThat(mailbox.folder("Processed").getMessages()).noneMatch(MailboxFixture::seen);
        long lastUid = handler.calls().getLast().position().uid();
        // the position is saved once the batch is moved
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(journal.mailboxState(settings.mailboxName())).map(MailboxState::lastUid).contains(lastUid));
    }

    @Test
    @DisplayName("with a backlog, the watcher is ready (connected, read) as soon as it can work, and counts the backlog down as it drains it")
    void readyBeforeTheBacklogIsDrained() throws Exception {
        for (int i = 1; i <= 12; i++) {
            mailbox.deliver(String.format("waiting %02d", i));
        }
        java.util.concurrent.CountDownLatch slow = new java.util.concurrent.CountDownLatch(1);
        handler.answer(call -> {
            try {
                slow.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Handled.Processed("ok");
        });
        ImapMailboxWatcher watcher = start(mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 1_000_000, 5));
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> watcher.backlog().isPresent());
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.calls().size() == 1);
            assertThat(watcher.health().connected()).isTrue();
            assertThat(watcher.health().lastProgress()).as("ready: connected and working").isPresent();
            assertThat(watcher.health().lastSuccess()).as("the first batch is still in hand").isEmpty();
            assertThat(watcher.backlog()).hasValue(12);
            assertThat(mailbox.subjects("Processed")).as("nothing handled yet, and ready all the same").isEmpty();
        } finally {
            slow.countDown();
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.subjects("Processed").size() == 12);
        await().atMost(Duration.ofSeconds(5)).until(() -> watcher.backlog().equals(java.util.OptionalLong.of(0)));
    }

    @Test
    @DisplayName("mail delivered while watching arrives through IDLE within seconds (bounded loosely for busy machines), with a poll every 5 minutes")
    void idleDelivers() {
        ImapMailboxWatcher watcher = start(mailbox.settings(PROCESSED, SLOW_POLL));
        awaitIdle(watcher);

        mailbox.deliver("live");

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.subjects("Processed").contains("live"));
        assertThat(handler.subjects()).containsExactly("live");
    }

    @Test
    @DisplayName("without a processed folder, handled mail stays and is flagged \\Seen and $GuichetProcessed")
    void flagMode() {
        mailbox.deliver("flag me");
        start(mailbox.settings(Optional.empty(), SLOW_POLL));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.find("INBOX", "flag me")
                .map(m -> m.getFlags().contains(ImapSettings.PROCESSED_KEYWORD)).orElse(false));
        Flags flags = mailbox.find("INBOX", "flag me").orElseThrow().getFlags();
        assertThat(flags.contains(Flags.Flag.SEEN)).isTrue();
        assertThat(handler.count("flag me")).isEqualTo(1);
    }

    @Test
    @DisplayName("a quarantined message is moved to the Quarantine folder")
    void quarantine() {
        handler.answer(call -> call.subject().equals("garbage")
                ? new Handled.Quarantined("unparseable") : new Handled.Processed("ok"));
        mailbox.deliver("garbage");
        mailbox.deliver("fine");
        start(mailbox.settings(PROCESSED, SLOW_POLL));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").contains("fine")
                && !mailbox.subjects("Quarantine").isEmpty());
        assertThat(mailbox.subjects("Quarantine")).containsExactly("garbage");
        assertThat(mailbox.subjects("INBOX")).isEmpty();
    }

    @Test
    @DisplayName("RetryLater leaves the message in INBOX, unread, and it is handled on a later round")
    void retryLater() {
        AtomicBoolean databaseUp = new AtomicBoolean(false);
        handler.answer(call -> databaseUp.get() ? new Handled.Processed("ok") : new Handled.RetryLater("db down"));
        mailbox.deliver("patience");
        mailbox.deliver("after it");
        start(mailbox.settings(PROCESSED, FAST_POLL));

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.count("patience") >= 2);
        assertThat(handler.count("after it")).as("the batch stops at the message to retry").isZero();
        assertThat(mailbox.find("INBOX", "patience")).get().matches(m -> !MailboxFixture.seen(m), "not \\Seen");

        databaseUp.set(true);
        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").size() == 2);
        assertThat(mailbox.subjects("Processed")).containsExactly("patience", "after it");
    }

    @Test
    @DisplayName("a handler that throws (against its contract) does not stop the mailbox, an Error no more than an exception: each throw is reported to it as a failure, and the third quarantines the message")
    void poisonMessage() {
        handler.answer(call -> {
            if (call.subject().equals("poison")) {
                throw new IllegalStateException("boom");
            }
            if (call.subject().equals("deep")) {
                throw new StackOverflowError();
            }
            return new Handled.Processed("ok");
        });
        mailbox.deliver("poison");
        mailbox.deliverFrom("other@acme.example", "deep", "x");
        mailbox.deliver("good");
        start(mailbox.settings(PROCESSED, FAST_POLL));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").contains("good")
                && mailbox.subjects("Quarantine").size() == 2);
        assertThat(mailbox.subjects("Quarantine")).containsExactlyInAnyOrder("poison", "deep");
        assertThat(handler.count("poison")).isEqualTo(FailurePolicy.DEFAULT_MAX_ATTEMPTS);
        assertThat(handler.count("deep")).isEqualTo(FailurePolicy.DEFAULT_MAX_ATTEMPTS);
        assertThat(handler.failures()).as("each throw is reported to the handler's failure policy")
                .hasSize(2 * FailurePolicy.DEFAULT_MAX_ATTEMPTS)
                .allMatch(r -> r.contains("IllegalStateException") || r.contains("StackOverflowError"));
        assertThat(handler.journal().list(10)).extracting(q -> q.subject()).containsExactlyInAnyOrder("poison", "deep");
    }

    @Test
    @DisplayName("an oversize message goes to oversize() with its Message-ID, sender and subject, and its body is never fetched")
    void oversize() {
        ByteArrayOutputStream trace = new ByteArrayOutputStream();
        handler.answer(call -> call.oversize() ? new Handled.Quarantined("too large") : new Handled.Processed("ok"));
        mailbox.deliver("huge", "x".repeat(200_000));
        mailbox.deliver("small");
        ImapSettings settings = mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 50_000);
        ImapMailboxWatcher watcher = new ImapMailboxWatcher(settings, handler, journal, lock, clock);
        watcher.traceProtocolTo(new PrintStream(trace, true, StandardCharsets.UTF_8));
        watchers.add(watcher);
        watcher.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").contains("small")
                && !mailbox.subjects("Quarantine").isEmpty());
        ScriptedHandler.Call huge = handler.calls().getFirst();
        assertThat(huge.oversize()).isTrue();
        assertThat(huge.subject()).isEqualTo("huge");
        assertThat(huge.sender()).isEqualTo("customer@acme.example");
        assertThat(huge.messageId()).isNotBlank();
        assertThat(huge.size()).isGreaterThan(200_000);
        assertThat(handler.calls().get(1).oversize()).isFalse();
        assertThat(mailbox.subjects("Quarantine")).containsExactly("huge");
        String conversation = trace.toString(StandardCharsets.UTF_8);
        assertThat(conversation.split("BODY\\.PEEK\\[\\]", -1)).as("one body fetched: the small one").hasSize(2);
        assertThat(conversation).contains("UID FETCH").doesNotContain(MailboxFixture.PASSWORD);
    }

    @Test
    @DisplayName("a changed UIDVALIDITY makes the watcher read the mailbox again from UID 1")
    void uidValidityChange() {
        String name = mailbox.settings(PROCESSED, SLOW_POLL).mailboxName();
        journal.saveMailboxState(new MailboxState(name, 42, 1_000, clock.instant()));
        mailbox.deliver("one");
        mailbox.deliver("two");
        start(mailbox.settings(PROCESSED, SLOW_POLL));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").size() == 2);
        // the position is saved once the batch is moved
        await().atMost(Duration.ofSeconds(5)).until(() -> journal.mailboxState(name).orElseThrow().lastUid() > 0);
        MailboxState state = journal.mailboxState(name).orElseThrow();
        assertThat(state.uidValidity()).isEqualTo(mailbox.folder("INBOX").getUidValidity());
        assertThat(state.lastUid()).isEqualTo(handler.calls().getLast().position().uid());
        assertThat(handler.calls()).allMatch(c -> c.position().uidValidity() == state.uidValidity());
    }

    @Test
    @DisplayName("after a restart the watcher resumes after the last UID: nothing is handled twice")
    void restartResumes() {
        ImapSettings settings = mailbox.settings(Optional.empty(), SLOW_POLL);
        mailbox.deliver("before 1");
        mailbox.deliver("before 2");
        ImapMailboxWatcher first = start(settings);
        await().atMost(Duration.ofSeconds(10)).until(() -> handler.calls().size() == 2);
        first.stop();
        assertThat(first.health().holdsLock()).isFalse();

        mailbox.deliver("after");
        start(settings);

        await().atMost(Duration.ofSeconds(10)).until(() -> handler.calls().size() == 3);
        assertThat(handler.subjects()).containsExactly("before 1", "before 2", "after");
    }

    @Test
    @DisplayName("a second node does not read while the first holds the mailbox lock, and takes over when it stops")
    void oneReaderPerMailbox() {
        ImapSettings settings = mailbox.settings(PROCESSED, FAST_POLL);
        ImapMailboxWatcher first = start(settings);
        awaitIdle(first);
        ScriptedHandler otherHandler = new ScriptedHandler();
        ImapMailboxWatcher second = start(settings, otherHandler, lock.otherNode());

        mailbox.deliver("for the holder");
        await().atMost(Duration.ofSeconds(5)).until(() -> handler.count("for the holder") == 1);
        assertThat(otherHandler.calls()).isEmpty();
        assertThat(first.health().holdsLock()).isTrue();
        assertThat(second.health().holdsLock()).isFalse();
        assertThat(second.health().connected()).isFalse();

        first.stop();
        mailbox.deliver("for the successor");
        await().atMost(Duration.ofSeconds(10)).until(() -> otherHandler.count("for the successor") == 1);
        assertThat(handler.count("for the successor")).isZero();
        assertThat(second.health().holdsLock()).isTrue();
    }

    @Test
    @DisplayName("a dropped connection is re-established with backoff and mail delivered meanwhile is handled")
    void reconnectsAfterDrop() throws Exception {
        TcpProxy proxy = new TcpProxy(mailbox.port());
        closeables.add(proxy);
        ImapMailboxWatcher watcher = start(mailbox.settings(proxy.port(), PROCESSED, SLOW_POLL, 1_000_000));
        serverSideErrorsExpected().atMost(Duration.ofSeconds(10)).until(() -> watcher.health().connected()
                && watcher.health().lastSuccess().isPresent());
        int before = proxy.connections();

        proxy.dropAll();
        mailbox.deliver("while down");

        serverSideErrorsExpected().atMost(Duration.ofSeconds(15)).until(() -> mailbox.subjects("Processed").contains("while down"));
        assertThat(proxy.connections()).isGreaterThan(before);
        serverSideErrorsExpected().atMost(Duration.ofSeconds(5)).until(() -> watcher.health().connected());
    }

    @Test
    @DisplayName("a connection that silently stops answering during IDLE is detected and replaced")
    void detectsSilentDeadConnection() throws Exception {
        TcpProxy proxy = new TcpProxy(mailbox.port());
        closeables.add(proxy);
        ImapSettings settings = new ImapSettings("127.0.0.1", proxy.port(), TransportSecurity.NONE, TlsTrust.system(),
                new MailLogin.Password(MailboxFixture.LOGIN, MailboxFixture.PASSWORD), "INBOX", PROCESSED, "Quarantine", Duration.ofSeconds(2),
                Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofMinutes(9), Duration.ofSeconds(1), 100,
                1_000_000, 1);
        ImapMailboxWatcher watcher = start(settings);
        serverSideErrorsExpected().atMost(Duration.ofSeconds(10)).until(() -> watcher.health().connected()
                && watcher.health().lastSuccess().isPresent());
        int before = proxy.connections();

        proxy.stallAll();
        mailbox.deliver("after the silence");

        serverSideErrorsExpected().atMost(Duration.ofSeconds(20)).until(() -> mailbox.subjects("Processed").contains("after the silence"));
        assertThat(proxy.connections()).isGreaterThan(before);
        assertThat(watcher.health().connected()).isTrue();
    }

    @Test
    @DisplayName("a batch larger than one chunk is downloaded in a few UID FETCH, each UID once, and handled in UID order")
    void batchInChunks() {
        for (int i = 1; i <= 10; i++) {
            mailbox.deliver(String.format("mail %02d", i), "Ligne de texte du client.\n".repeat(50));
        }
        // Each mail is ~1.56 KB, which GreenMail reports as ~1.3 KB (its RFC822.SIZE leaves the header out): chunks of
        // at most 4,000 bytes hold 3 of them by the reported size (2 by the real one).
        Trace trace = startTraced(mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 4_000));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.subjects("Processed").size() == 10);
        assertThat(handler.subjects()).containsExactly("mail 01", "mail 02", "mail 03", "mail 04", "mail 05",
                "mail 06", "mail 07", "mail 08", "mail 09", "mail 10");
        assertThat(handler.calls()).extracting(c -> c.position().uid()).isSorted().doesNotHaveDuplicates();
        assertThat(handler.calls()).allMatch(c -> c.size() > 1_500 && c.size() < 2_000);
        List<long[]> fetches = trace.bodyFetches();
        assertThat(fetches).as("one UID FETCH per chunk, not one per mail").hasSizeBetween(4, 5)
                .allMatch(uids -> uids.length <= 3);
        assertThat(fetches.stream().flatMapToLong(Arrays::stream).toArray()).as("each UID once, in order")
                .containsExactly(handler.calls().stream().mapToLong(c -> c.position().uid()).toArray());
        assertThat(mailbox.folder("Processed").getMessages()).noneMatch(MailboxFixture::seen);
    }

    @Test
    @DisplayName("reading a chunk sets no \\Seen: while the first mail is handled, the whole batch is still unread")
    void chunkReadInPeekMode() {
        List<Boolean> batchUnreadWhileHandling = new CopyOnWriteArrayList<>();
        handler.answer(call -> {
            batchUnreadWhileHandling.add(mailbox.folder("INBOX").getMessages().stream().noneMatch(MailboxFixture::seen));
            return new Handled.Processed("ok");
        });
        mailbox.deliver("one");
        mailbox.deliver("two");
        mailbox.deliver("three");
        Trace trace = startTraced(mailbox.settings(PROCESSED, SLOW_POLL));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").size() == 3);
        assertThat(trace.bodyFetches()).as("the three bodies came in one UID FETCH").hasSize(1);
        assertThat(batchUnreadWhileHandling).containsExactly(true, true, true);
        assertThat(mailbox.folder("Processed").getMessages()).noneMatch(MailboxFixture::seen);
    }

    @Test
    @DisplayName("an oversize mail in the middle of a batch is quarantined without download; the others are handled")
    void oversizeInTheMiddle() {
        handler.answer(call -> call.oversize() ? new Handled.Quarantined("too large") : new Handled.Processed("ok"));
        mailbox.deliver("a");
        mailbox.deliver("b");
        mailbox.deliver("pièce jointe énorme", "y".repeat(200_000));
        mailbox.deliver("c");
        mailbox.deliver("d");
        Trace trace = startTraced(mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 50_000));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").size() == 4
                && mailbox.subjects("Quarantine").size() == 1);
        assertThat(handler.subjects()).as("the encoded subject decoded")
                .containsExactly("a", "b", "pièce jointe énorme", "c", "d");
        assertThat(handler.calls()).extracting(ScriptedHandler.Call::oversize)
                .containsExactly(false, false, true, false, false);
        long hugeUid = handler.calls().get(2).position().uid();
        assertThat(trace.bodyFetches()).as("the four small ones in one UID FETCH, without the huge one")
                .singleElement().satisfies(uids -> assertThat(uids).hasSize(4).doesNotContain(hugeUid));
        assertThat(trace.conversation()).doesNotContain("y".repeat(1_000));
        assertThat(mailbox.subjects("Processed")).containsExactly("a", "b", "c", "d");
        assertThat(mailbox.subjects("Quarantine")).containsExactly("pièce jointe énorme");
    }

    @Test
    @DisplayName("a handler failing on one mail of a downloaded chunk loses none of the others: each is handled once")
    void failureInsideAChunk() {
        handler.answer(call -> {
            if (call.subject().equals("poison")) {
                throw new IllegalStateException("boom");
            }
            return new Handled.Processed("ok");
        });
        mailbox.deliver("before");
        mailbox.deliver("poison");
        mailbox.deliver("after 1");
        mailbox.deliver("after 2");
        start(mailbox.settings(PROCESSED, FAST_POLL));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.subjects("Processed").size() == 3
                && mailbox.subjects("Quarantine").size() == 1);
        assertThat(mailbox.subjects("Processed")).containsExactly("before", "after 1", "after 2");
        assertThat(mailbox.subjects("Quarantine")).containsExactly("poison");
        assertThat(handler.subjects()).containsExactly("before", "poison", "poison", "poison", "after 1", "after 2");
        assertThat(mailbox.folder("Processed").getMessages()).noneMatch(MailboxFixture::seen);
    }

    @Test
    @DisplayName("mail removed by another client between listing and reading is skipped, not counted as a failure")
    void removedBeforeRead() {
        handler.answer(call -> {
            if (call.subject().equals("first")) {
                mailbox.remove("gone");
            }
            return new Handled.Processed("ok");
        });
        mailbox.deliver("first", "Ligne de texte du client.\n".repeat(60));
        mailbox.deliver("gone", "Ligne de texte du client.\n".repeat(60));
        mailbox.deliver("last", "Ligne de texte du client.\n".repeat(60));
        // chunks of at most 2,500 bytes: one mail each, so "gone" is asked for after it was removed
        Trace trace = startTraced(mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 2_500));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").size() == 2);
        assertThat(handler.subjects()).containsExactly("first", "last");
        assertThat(mailbox.subjects("Processed")).containsExactly("first", "last");
        assertThat(mailbox.subjects("Quarantine")).isEmpty();
        assertThat(trace.bodyFetches()).hasSize(3);
        assertThat(trace.commands("UID FETCH")).as("gone confirmed before it is called removed")
                .anyMatch(c -> c.matches("UID FETCH \\d+ \\(UID\\)"));
    }

    @Test
    @DisplayName("a backlog is read by windows of batchSize UIDs, never listed whole")
    void backlogByUidWindows() {
        for (int i = 1; i <= 7; i++) {
            mailbox.deliver("backlog " + i);
        }
        Trace trace = startTraced(mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 1_000_000, 3));

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.subjects("Processed").size() == 7);
        assertThat(handler.subjects()).containsExactly("backlog 1", "backlog 2", "backlog 3", "backlog 4",
                "backlog 5", "backlog 6", "backlog 7");
        List<String> fetches = trace.commands("UID FETCH");
        assertThat(fetches).noneMatch(c -> c.contains("*"));
        assertThat(fetches.stream().filter(c -> c.contains("HEADER.FIELDS"))).hasSizeGreaterThanOrEqualTo(3)
                .allMatch(c -> c.matches("UID FETCH (\\d+):(\\d+) .*") && window(c) == 3);
        assertThat(trace.bodyFetches()).hasSize(3);
    }

    @Test
    @DisplayName("a run of removed UIDs longer than a batch does not stop the reading: the next UIDs are listed")
    void gapLongerThanABatch() {
        for (int i = 1; i <= 8; i++) {
            mailbox.deliver("m" + i);
        }
        for (int i = 2; i <= 6; i++) {
            mailbox.remove("m" + i);
        }
        start(mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 1_000_000, 3));

        await().atMost(Duration.ofSeconds(10)).until(() -> mailbox.subjects("Processed").size() == 3);
        assertThat(handler.subjects()).containsExactly("m1", "m7", "m8");
        assertThat(mailbox.subjects("INBOX")).isEmpty();
    }

    @Test
    @DisplayName("with 4 workers, senders are handled side by side, each sender's mail in UID order, every mail once")
    void workersKeepEachSendersOrder() {
        List<String> senders = List.of("a", "b", "c", "d");
        for (int i = 1; i <= 5; i++) {
            for (String sender : senders) {
                mailbox.deliverFrom(sender + "@acme.example", sender + "-" + i, "mail " + i + " of " + sender);
            }
        }
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        handler.answer(call -> {
            mostAtOnce.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new Handled.Processed("ok");
        });
        ImapSettings settings = mailbox.settings(mailbox.port(), PROCESSED, SLOW_POLL, 1_000_000, 100, 4);
        start(settings);

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.subjects("Processed").size() == 20);
        assertThat(handler.calls()).hasSize(20);
        assertThat(handler.subjects()).doesNotHaveDuplicates();
        for (String sender : senders) {
            assertThat(handler.calls().stream().filter(c -> c.subject().startsWith(sender + "-")))
                    .as("mail of %s in the order it arrived", sender)
                    .extracting(ScriptedHandler.Call::subject)
                    .containsExactly(sender + "-1", sender + "-2", sender + "-3", sender + "-4", sender + "-5");
        }
        assertThat(mostAtOnce.get()).as("mails handled at the same time").isGreaterThan(1);
        long lastUid = handler.calls().stream().mapToLong(c -> c.position().uid()).max().orElseThrow();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(journal.mailboxState(settings.mailboxName())).map(MailboxState::lastUid).contains(lastUid));
    }

    @Test
    @DisplayName("with 4 workers, a mail to retry holds back its sender's later mail, not other senders'; the position waits")
    void workersRetryHoldsTheSenderOnly() {
        mailbox.deliverFrom("a@acme.example", "a-1", "first of a");
        mailbox.deliverFrom("b@acme.example", "b-1", "first of b");
        mailbox.deliverFrom("a@acme.example", "a-2", "second of a");
        mailbox.deliverFrom("b@acme.example", "b-2", "second of b");
        AtomicBoolean retried = new AtomicBoolean();
        handler.answer(call -> call.subject().equals("a-1") && retried.compareAndSet(false, true)
                ? new Handled.RetryLater("not now") : new Handled.Processed("ok"));
        ImapSettings settings = mailbox.settings(mailbox.port(), PROCESSED, FAST_POLL, 1_000_000, 100, 4);
        start(settings);

        await().atMost(Duration.ofSeconds(15)).until(() -> mailbox.subjects("Processed").size() == 4);
        List<String> order = handler.subjects();
        assertThat(order).containsExactlyInAnyOrder("a-1", "b-1", "b-2", "a-1", "a-2");
        assertThat(order.indexOf("a-2")).as("a's second mail only after its first was handled")
                .isGreaterThan(order.lastIndexOf("a-1"));
        assertThat(order.subList(0, order.lastIndexOf("a-1"))).as("b's mail did not wait for a's retry")
                .contains("b-1", "b-2");
        assertThat(mailbox.subjects("INBOX")).isEmpty();
    }

    /** The IMAP conversation of a watcher. */
    private record Trace(ByteArrayOutputStream out) {

        String conversation() {
            return out.toString(StandardCharsets.UTF_8);
        }

        /** The commands sent that start with {@code prefix}, without their tag (A1, A2... then B1... on a new store). */
        List<String> commands(String prefix) {
            return conversation().lines().map(l -> l.replaceFirst("^[A-Z]+\\d+ ", ""))
                    .filter(l -> l.startsWith(prefix)).toList();
        }

        /** The UIDs asked for by each {@code UID FETCH (UID BODY.PEEK[])}, in order. */
        List<long[]> bodyFetches() {
            return commands("UID FETCH").stream().filter(c -> c.endsWith("(UID BODY.PEEK[])"))
                    .map(c -> UIDSet.toArray(UIDSet.parseUIDSets(c.split(" ")[2]))).toList();
        }
    }

    private Trace startTraced(ImapSettings settings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImapMailboxWatcher watcher = new ImapMailboxWatcher(settings, handler, journal, lock, clock);
        watcher.traceProtocolTo(new PrintStream(out, true, StandardCharsets.UTF_8));
        watchers.add(watcher);
        watcher.start();
        return new Trace(out);
    }

    /** How many UIDs a {@code UID FETCH first:last ...} command names. */
    private static long window(String command) {
        String[] range = command.split(" ")[2].split(":");
        return Long.parseLong(range[1]) - Long.parseLong(range[0]) + 1;
    }

    /** GreenMail's connection threads throw when a client vanishes: expected here, so not a failure. */
    private static ConditionFactory serverSideErrorsExpected() {
        return await().dontCatchUncaughtExceptions();
    }
}
