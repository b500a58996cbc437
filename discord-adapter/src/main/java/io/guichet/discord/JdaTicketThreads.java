package io.guichet.discord;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.desk.ThreadDesk;
import io.guichet.core.port.StaffNotifier.NotDelivered;
import io.guichet.core.ticket.EventKind;
import io.guichet.core.ticket.Ticket;
import io.guichet.discord.console.Answer;
import io.guichet.discord.console.ThreadPostRenderer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.components.actionrow.ActionRow;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.channel.concrete.ForumChannel;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.utils.FileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Posts the core's thread posts in each ticket's thread, in the configured text channel (a public thread) or forum
 * (a post). The thread is opened on the ticket's first post, with the intake fields, and remembered through the
 * {@link ThreadDesk} before anything is posted in it, so a retry or another node posts into it instead of opening
 * another. Two nodes may still open one each at the same moment (a claim whose lease ran out is taken by another
 * node): the thread recorded first wins, the other node deletes its own and posts into the winner's, and the opening
 * post carries the nonce {@code open-<ticket id>} (enforced), so Discord keeps one opening post in the thread however
 * many nodes or retries send it. Resolving or closing archives the thread; a later post (a reopening) brings it back,
 * through JDA's public API (the parent's archived threads, then the thread's manager). Each call waits for Discord's
 * answer (the staff outbox's dispatcher runs on its own thread) and throws {@link NotDelivered} when it did not land,
 * so the post is retried.
 */
final class JdaTicketThreads {

    private static final Logger LOG = LoggerFactory.getLogger(JdaTicketThreads.class);

    private static final long TIMEOUT_SECONDS = 30;
    private static final long CACHE_WAIT_SECONDS = 5;
    /** A resolved ticket's thread is archived (the customer may still reopen it), a closed one's for good. */
    private static final Set<EventKind> ARCHIVING = EnumSet.of(EventKind.RESOLVED, EventKind.CLOSED);

    private final String channelId;
    private final ThreadDesk threads;
    private final ThreadPostRenderer renderer = new ThreadPostRenderer();

    JdaTicketThreads(String channelId, ThreadDesk threads) {
        this.channelId = channelId;
        this.threads = threads;
    }

    void deliver(JDA jda, StaffNotice.ThreadPost post) throws NotDelivered {
        Ticket ticket = post.ticket();
        Optional<String> known = threads.threadOf(ticket.id());
        ThreadChannel thread;
        boolean opened = false;
        if (known.isPresent()) {
            thread = known(jda, known.get(), ticket);
        } else {
            thread = open(jda, ticket, opening(post));
            opened = true;
        }
        if (post.event() == EventKind.CREATED) {
            // a forum post was opened with its first message; a text channel's thread gets it now (sent again on a
            // retry or by another node, Discord keeps one: the nonce)
            if (!(thread.getParentChannel() instanceof ForumChannel)) {
                sendOpening(thread, ticket, opening(post));
            }
            return;
        }
        if (opened && !(thread.getParentChannel() instanceof ForumChannel)) {
            sendOpening(thread, ticket, renderer.opening(ticket));
        }
        if (thread.isArchived()) {
            // reopened, or a late post after resolution: the thread comes back
            await(thread.getManager().setArchived(false));
        }
        await(thread.sendMessage(message(asPosted(post))));
        if (ARCHIVING.contains(post.event())) {
            await(thread.getManager().setArchived(true));
        }
    }

    /** The opening post, once per thread: Discord answers a repeated nonce with the post it already has. */
    private void sendOpening(ThreadChannel thread, Ticket ticket, ThreadPostRenderer.Post opening) throws NotDelivered {
        await(thread.sendMessage(message(opening)).setNonce(openingNonce(ticket)));
    }

    /** The ticket's opening post as it was when the ticket opened (when the outbox kept it), with its buttons. */
    private ThreadPostRenderer.Post opening(StaffNotice.ThreadPost post) {
        ThreadPostRenderer.Post now = renderer.opening(post.ticket());
        if (post.event() != EventKind.CREATED) {
            return now; // a later post finds no thread (its opening post was given up): opened as the ticket is now
        }
        return post.asPosted().map(kept -> kept(kept).withButtons(now.buttons())).orElse(now);
    }

    /**
     * The post as the outbox kept it when its change was made; a post kept without its rendering is rendered now (the
     * customer's mail pinging the ticket's subscribers of now).
     */
    private ThreadPostRenderer.Post asPosted(StaffNotice.ThreadPost post) {
        if (post.asPosted().isPresent()) {
            return kept(post.asPosted().get());
        }
        List<String> subscribers = post.event() == EventKind.CUSTOMER_MESSAGE
                ? threads.subscribers(post.ticket().id()) : List.of();
        return renderer.render(post, subscribers);
    }

    private static ThreadPostRenderer.Post kept(StaffNotice.AsPosted kept) {
        return new ThreadPostRenderer.Post(kept.content(), kept.files().stream()
                .map(f -> new ThreadPostRenderer.Attachment(f.name(), f.data())).toList(), kept.pinged(), List.of());
    }

    /** The nonce of a ticket's opening post (Discord allows 25 characters: a ticket id has at most 19 digits). */
    static String openingNonce(Ticket ticket) {
        return "open-" + ticket.id().value();
    }

    /**
     * The ticket's known thread: from JDA's cache, or, once archived (JDA drops an archived thread from its cache), from
     * the archived threads of the configured channel; a thread another node has just opened may take a moment to be
     * announced on the gateway.
     */
    private ThreadChannel known(JDA jda, String threadId, Ticket ticket) throws NotDelivered {
        ThreadChannel cached = jda.getThreadChannelById(threadId);
        if (cached != null) {
            return cached;
        }
        Optional<ThreadChannel> archived = archived(jda, threadId);
        if (archived.isPresent()) {
            return archived.get();
        }
        // opened by another node a moment ago: the gateway announces it shortly
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(CACHE_WAIT_SECONDS);
        while (System.nanoTime() < until) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotDelivered("interrupted while waiting for thread " + threadId, e);
            }
            ThreadChannel announced = jda.getThreadChannelById(threadId);
            if (announced != null) {
                return announced;
            }
        }
        return archived(jda, threadId).orElseThrow(() -> new NotDelivered("thread " + threadId + " of ticket "
                + ticket.number() + " is not visible to the bot (deleted, or the gateway did not announce it)"));
    }

    /** The archived public thread {@code threadId} of the configured channel, newest archived first. */
    private Optional<ThreadChannel> archived(JDA jda, String threadId) throws NotDelivered {
        if (!(jda.getGuildChannelById(channelId) instanceof IThreadContainer parent)) {
            return Optional.empty();
        }
        try {
            return parent.retrieveArchivedPublicThreadChannels().cache(false).stream()
                    .filter(t -> t.getId().equals(threadId)).findFirst();
        } catch (RuntimeException e) {
            throw new NotDelivered("could not list the archived threads of channel " + channelId + ": " + e, e);
        }
    }

    /**
     * Opens the ticket's thread and remembers it; if another node remembered one first, this node's thread is deleted
     * and the other one is used.
     */
    private ThreadChannel open(JDA jda, Ticket ticket, ThreadPostRenderer.Post opening) throws NotDelivered {
        GuildChannel parent = jda.getGuildChannelById(channelId);
        String title = renderer.title(ticket);
        ThreadChannel created = switch (parent) {
            case TextChannel text -> await(text.createThreadChannel(title));
            case ForumChannel forum -> await(forum.createForumPost(title, message(opening)))
                    .getThreadChannel();
            case null -> throw new NotDelivered("ticket thread channel " + channelId
                    + " not found (GUICHET_DISCORD_THREAD_CHANNEL_ID): the bot must see it");
            default -> throw new NotDelivered("ticket thread channel " + channelId + " is a " + parent.getType()
                    + ", not a text channel or a forum");
        };
        String kept = threads.remember(ticket.id(), created.getId());
        if (kept.equals(created.getId())) {
            return created;
        }
        // another node opened the ticket's thread at the same moment and recorded it first: ours goes
        try {
            await(created.delete());
            LOG.info("ticket {}: thread {} opened at the same moment as {} by another node; deleted, {} kept",
                    ticket.number(), created.getId(), kept, kept);
        } catch (NotDelivered e) {
            LOG.warn("ticket {}: a second thread {} was opened (thread {} is the ticket's) and could not be deleted "
                    + "({}); delete it by hand", ticket.number(), created.getId(), kept, e.getMessage());
        }
        return known(jda, kept, ticket);
    }

    private static MessageCreateData message(ThreadPostRenderer.Post post) {
        MessageCreateBuilder builder = new MessageCreateBuilder().setContent(post.content())
                // no mention type is parsed: only the users named here are pinged
                .setAllowedMentions(JdaMessages.NO_MENTIONS)
                .mentionRepliedUser(false);
        if (!post.pinged().isEmpty()) {
            builder.mentionUsers(post.pinged());
        }
        post.attachments().forEach(a -> builder.addFiles(FileUpload.fromData(a.data(), a.name())));
        if (!post.buttons().isEmpty()) {
            builder.setComponents(ActionRow.of(post.buttons().stream()
                    .map(b -> b.style() == Answer.Button.Style.PRIMARY ? Button.primary(b.id(), b.label())
                            : Button.secondary(b.id(), b.label()))
                    .toList()));
        }
        return builder.build();
    }

    private static <T> T await(RestAction<T> action) throws NotDelivered {
        try {
            return action.submit().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotDelivered("interrupted while posting", e);
        } catch (ExecutionException e) {
            throw new NotDelivered("Discord refused: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new NotDelivered("Discord did not answer within " + TIMEOUT_SECONDS + " s", e);
        }
    }
}
