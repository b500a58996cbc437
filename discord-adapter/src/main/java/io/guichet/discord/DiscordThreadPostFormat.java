package io.guichet.discord;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.port.ThreadPostFormat;
import io.guichet.discord.console.ThreadPostRenderer;

import java.util.List;

/**
 * A ticket's thread post as Discord will show it, rendered when its change is made so the staff outbox keeps it as it
 * was: the text (cut to Discord's limit), the users it pings, the files it uploads. Buttons are not kept: they are
 * the opening post's, made from the ticket's number when it is sent.
 */
public final class DiscordThreadPostFormat implements ThreadPostFormat {

    private final ThreadPostRenderer renderer = new ThreadPostRenderer();

    @Override
    public StaffNotice.AsPosted render(StaffNotice.ThreadPost post, List<String> subscribers) {
        ThreadPostRenderer.Post rendered = renderer.render(post, subscribers);
        return new StaffNotice.AsPosted(rendered.content(), rendered.pinged(), rendered.attachments().stream()
                .map(a -> new StaffNotice.PostedFile(a.name(), a.data())).toList());
    }
}
