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
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.requests.RestAction;
import net.dv8tion.jda.api.requests.Route;
import net.dv8tion.jda.api.utils.data.DataObject;
import net.dv8tion.jda.internal.requests.RestActionImpl;
import net.dv8tion.jda.api.utils.FileUpload;
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
 * another. Resolving or closing archives it; a later post (a reopening) brings it back. Each call waits for Discord's answer (the staff outbox's
 * dispatcher runs on its own thread) and throws {@link NotDelivered} when it did not land, so the post is retried.
 */
final class JdaTicketThreads {

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
            thread = cachedOrUnarchived(jda, known.get(), ticket);
        } else {
            thread = open(jda, ticket);
            opened = true;
        }
        if (post.event() == EventKind.CREATED) {
            // a forum post was opened with its first message; a text channel's thread gets it now (again on a retry)
            if (!(opened && thread.getParentChannel() instanceof ForumChannel)) {
                await(thread.sendMessage(message(renderer.opening(ticket))));
            }
            return;
        }
        if (opened && !(thread.getParentChannel() instanceof ForumChannel)) {
            await(thread.sendMessage(message(renderer.opening(ticket))));
        }
        if (thread.isArchived()) {
            // reopened, or a late post after resolution: the thread comes back
            await(thread.getManager().setArchived(false));
        }
        List<String> subscribers = post.event() == EventKind.CUSTOMER_MESSAGE ? threads.subscribers(ticket.id()) : List.of();
        await(thread.sendMessage(message(renderer.render(post, subscribers))));
        if (ARCHIVING.contains(post.event())) {
            await(thread.getManager().setArchived(true));
        }
    }

    /**
     * The thread from JDA's cache. JDA drops a thread from its cache once it is archived and has no call to fetch a
     * channel by id, so an archived thread is unarchived by a plain {@code PATCH /channels/{id}}; the gateway's
     * THREAD_UPDATE then brings it back into the cache.
     */
    private static ThreadChannel cachedOrUnarchived(JDA jda, String threadId, Ticket ticket) throws NotDelivered {
        ThreadChannel cached = jda.getThreadChannelById(threadId);
        if (cached != null) {
            return cached;
        }
        await(new RestActionImpl<Void>(jda, Route.Channels.MODIFY_CHANNEL.compile(threadId),
                DataObject.empty().put("archived", false)));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(CACHE_WAIT_SECONDS);
        while (System.nanoTime() < until) {
            ThreadChannel back = jda.getThreadChannelById(threadId);
            if (back != null) {
                return back;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotDelivered("interrupted while waiting for thread " + threadId, e);
            }
        }
        throw new NotDelivered("thread " + threadId + " of ticket " + ticket.number()
                + " is not visible to the bot (deleted, or the gateway did not announce it back)");
    }

    /** Opens the ticket's thread and remembers it; if another node remembered one first, that one is used. */
    private ThreadChannel open(JDA jda, Ticket ticket) throws NotDelivered {
        GuildChannel parent = jda.getGuildChannelById(channelId);
        String title = renderer.title(ticket);
        ThreadChannel created = switch (parent) {
            case TextChannel text -> await(text.createThreadChannel(title));
            case ForumChannel forum -> await(forum.createForumPost(title, message(renderer.opening(ticket))))
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
        ThreadChannel other = jda.getThreadChannelById(kept);
        if (other == null) {
            throw new NotDelivered("thread " + kept + " of ticket " + ticket.number() + " is not visible to the bot");
        }
        return other;
    }

    private static MessageCreateData message(ThreadPostRenderer.Post post) {
        MessageCreateBuilder builder = new MessageCreateBuilder().setContent(post.content())
                // no mention type is parsed: only the users named here are pinged
                .setAllowedMentions(JdaMessages.NO_MENTIONS)
                .mentionRepliedUser(false);
        if (!post.pinged().isEmpty()) {
            builder.mentionUsers(post.pinged());
        }
        post.attachment().ifPresent(a -> builder.addFiles(FileUpload.fromData(a.data(), a.name())));
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
