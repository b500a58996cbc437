package io.guichet.discord.console;

import io.guichet.core.desk.StaffNotice;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.Ticket;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Staff-channel posts for the core's notices (new severity 1, escalation, missed target, downgrade), as embeds with
 * Claim and Show buttons. Seen by the whole channel, never pinging anyone.
 */
public final class StaffChannelRenderer {

    public Answer render(StaffNotice notice) {
        Ticket t = notice.ticket();
        String subject = t.fields().subject().isBlank() ? "(no subject)" : t.fields().subject();
        List<Answer.Field> fields = new ArrayList<>();
        String title;
        int color;
        switch (notice) {
            case StaffNotice.NewSeverityOne n -> {
                title = "New severity 1: " + t.number();
                color = Cards.RED;
                fields.add(new Answer.Field("Rule", "R14: worked round the clock; R18: escalated automatically", false));
            }
            case StaffNotice.Escalation e -> {
                title = "Escalated: " + t.number();
                color = Cards.ORANGE;
                fields.add(new Answer.Field("Why (R18)", e.reason(), false));
            }
            case StaffNotice.TargetBreached b -> {
                title = "Target missed: " + t.number();
                color = Cards.RED;
                fields.add(new Answer.Field("Target (R15, R16)", b.target(), false));
            }
            case StaffNotice.LoopStopped l -> {
                title = "Mail loop stopped: " + t.number();
                color = Cards.ORANGE;
                fields.add(new Answer.Field("What happened", l.detail(), false));
            }
            case StaffNotice.ThreadPost p -> throw new IllegalArgumentException(
                    "a thread post goes to the ticket's thread, not the staff channel (see ThreadPostRenderer)");
            case StaffNotice.Transcript x -> throw new IllegalArgumentException(
                    "a transcript goes to the log channel as a file, not to the staff channel");
            case StaffNotice.Downgraded d -> {
                title = "Downgraded: " + t.number() + " S" + d.from().level() + " -> S" + d.to().level();
                color = Cards.GREY;
                fields.add(new Answer.Field("Why (R6, R11, R17)", d.reason(), false));
            }
        }
        fields.add(new Answer.Field("Severity", Cards.severity(t.severity()), true));
        fields.add(new Answer.Field("Status", Cards.status(t.status()), true));
        fields.add(new Answer.Field("Assignee", t.assignee().map(Actor.Staff::name).orElse("unclaimed"), true));
        Answer.Embed embed = new Answer.Embed(title, subject, fields, Optional.empty(), color);
        List<Answer.Button> buttons = new ArrayList<>();
        if (t.status().active()) {
            buttons.add(new Answer.Button(new ButtonAction.Claim(t.number()).id(), "Claim", Answer.Button.Style.PRIMARY,
                    false));
        }
        buttons.add(new Answer.Button(new ButtonAction.Show(t.number()).id(), "Show", Answer.Button.Style.SECONDARY,
                false));
        return new Answer("", List.of(embed), buttons, false);
    }
}
