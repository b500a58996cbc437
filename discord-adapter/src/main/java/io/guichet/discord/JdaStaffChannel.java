package io.guichet.discord;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.desk.ThreadDesk;
import io.guichet.core.port.StaffNotifier;
import io.guichet.discord.console.DiscordText;
import io.guichet.discord.console.StaffChannelRenderer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import net.dv8tion.jda.api.requests.restaction.MessageCreateAction;
import net.dv8tion.jda.api.utils.FileUpload;
import net.dv8tion.jda.api.utils.messages.MessageCreateBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Delivers the core's staff notices to the staff channel, for the staff outbox's dispatcher: it waits for Discord's
 * answer (the dispatcher runs on its own thread, never on JDA's) and throws when the post did not land, so the
 * notice is tried again later. Before the adapter connects, a notice is not delivered and waits in the outbox. Thread
 * posts go to the ticket's own thread ({@link JdaTicketThreads}) when a thread channel is configured; a closed ticket's
 * transcript goes to the log channel as a text file with its one-line summary, when one is configured.
 */
public final class JdaStaffChannel implements StaffNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(JdaStaffChannel.class);
    /** Longer than JDA's own retries of a rate-limited post take in practice. */
    private static final long POST_TIMEOUT_SECONDS = 30;

    private final String channelId;
    private final StaffChannelRenderer renderer = new StaffChannelRenderer();
    private final Optional<String> threadChannelId;
    private final Optional<String> logChannelId;
    private final AtomicReference<JDA> jda = new AtomicReference<>();
    private final AtomicReference<JdaTicketThreads> threads = new AtomicReference<>();

    public JdaStaffChannel(String channelId) {
        this(channelId, Optional.empty());
    }

    /** With {@code threadChannelId}, each ticket's thread posts go to its thread there; without, they are dropped. */
    public JdaStaffChannel(String channelId, Optional<String> threadChannelId) {
        this(channelId, threadChannelId, Optional.empty());
    }

    /** With {@code logChannelId}, closed tickets' transcripts are posted there; without, they are dropped. */
    public JdaStaffChannel(String channelId, Optional<String> threadChannelId, Optional<String> logChannelId) {
        this.channelId = channelId;
        this.threadChannelId = threadChannelId;
        this.logChannelId = logChannelId;
    }

    void attach(JDA connected, ThreadDesk desk) {
        threadChannelId.ifPresent(id -> threads.set(new JdaTicketThreads(id, desk)));
        jda.set(connected);
    }

    void detach() {
        jda.set(null);
    }

    @Override
    public void deliver(StaffNotice notice) throws NotDelivered {
        JDA connected = jda.get();
        if (connected == null || connected.getStatus() != JDA.Status.CONNECTED) {
            throw new NotDelivered("Discord is not connected");
        }
        if (notice instanceof StaffNotice.ThreadPost post) {
            if (threadChannelId.isEmpty()) {
                return; // no ticket threads configured: nothing to post
            }
            JdaTicketThreads ticketThreads = threads.get();
            if (ticketThreads == null) {
                throw new NotDelivered("Discord is not connected");
            }
            ticketThreads.deliver(connected, post);
            return;
        }
        if (notice instanceof StaffNotice.Transcript transcript) {
            if (logChannelId.isEmpty() || transcript.asPosted().isEmpty()) {
                return; // no log channel configured: nothing to post
            }
            String logId = logChannelId.get();
            TextChannel log = connected.getTextChannelById(logId);
            if (log == null) {
                LOG.error("log channel {} not found (GUICHET_DISCORD_LOG_CHANNEL_ID): the bot must see it", logId);
                throw new NotDelivered("log channel " + logId + " not found");
            }
            StaffNotice.AsPosted posted = transcript.asPosted().get();
            MessageCreateBuilder message = new MessageCreateBuilder()
                    .setContent(DiscordText.safe(posted.content(), DiscordText.CONTENT))
                    // the summary holds the customer's subject: nobody is pinged by it
                    .setAllowedMentions(JdaMessages.NO_MENTIONS)
                    .mentionRepliedUser(false);
            posted.files().forEach(f -> message.addFiles(FileUpload.fromData(f.data(), f.name())));
            send(log.sendMessage(message.build()));
            return;
        }
        TextChannel channel = connected.getTextChannelById(channelId);
        if (channel == null) {
            LOG.error("staff channel {} not found (GUICHET_DISCORD_STAFF_CHANNEL_ID): the bot must see it", channelId);
            throw new NotDelivered("staff channel " + channelId + " not found");
        }
        send(channel.sendMessage(JdaMessages.create(renderer.render(notice))));
    }

    /** Sends {@code post} and waits for Discord's answer; throws when it did not land. */
    private static void send(MessageCreateAction post) throws NotDelivered {
        try {
            post.submit().get(POST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NotDelivered("interrupted while posting", e);
        } catch (ExecutionException e) {
            throw new NotDelivered("Discord refused the post: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new NotDelivered("Discord did not answer within " + POST_TIMEOUT_SECONDS + " s", e);
        }
    }
}
