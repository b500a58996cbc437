package io.guichet.discord;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.StaffNotifier;
import io.guichet.discord.console.StaffChannelRenderer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.concrete.TextChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Posts the core's staff notices to the staff channel. Usable before the adapter starts (and when it stays off):
 * notices are then only logged. Sending is asynchronous ({@code queue()}), so the core's transaction never waits on
 * Discord.
 */
public final class JdaStaffChannel implements StaffNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(JdaStaffChannel.class);

    private final String channelId;
    private final StaffChannelRenderer renderer = new StaffChannelRenderer();
    private final AtomicReference<JDA> jda = new AtomicReference<>();

    public JdaStaffChannel(String channelId) {
        this.channelId = channelId;
    }

    void attach(JDA connected) {
        jda.set(connected);
    }

    void detach() {
        jda.set(null);
    }

    @Override
    public void notify(StaffNotice notice) {
        JDA connected = jda.get();
        if (connected == null) {
            LOG.info("staff notice {} on ticket {} not posted: Discord is off", notice.getClass().getSimpleName(),
                    notice.ticket().number());
            return;
        }
        TextChannel channel = connected.getTextChannelById(channelId);
        if (channel == null) {
            LOG.error("staff channel {} not found: notice {} on ticket {} not posted", channelId,
                    notice.getClass().getSimpleName(), notice.ticket().number());
            return;
        }
        channel.sendMessage(JdaMessages.create(renderer.render(notice))).queue(null,
                failure -> LOG.error("could not post {} on ticket {} to the staff channel: {}",
                        notice.getClass().getSimpleName(), notice.ticket().number(), failure.toString()));
    }
}
