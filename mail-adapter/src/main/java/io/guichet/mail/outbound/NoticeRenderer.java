package io.guichet.mail.outbound;

import io.guichet.mail.headers.SubjectTag;
import io.guichet.core.Problem;
import io.guichet.core.ProblemCode;
import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerNotice;
import io.guichet.core.intake.IntakeField;
import io.guichet.core.link.PageLinks;
import io.guichet.core.ticket.Actor;
import io.guichet.core.ticket.ResolutionReason;
import io.guichet.core.ticket.Severity;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders what the desk must say ({@link CustomerNotice}) as a mail in the recipient's language, from the
 * templates. Every answer about a ticket carries its tag in the subject (R2).
 */
public final class NoticeRenderer {

    private final MailTemplates templates;
    private final SubjectTag tag;
    private final Duration reopenWindow;
    private final Optional<PageLinks> pages;
    private final ArticleSuggestions suggestions;
    private final MailTimes times;

    public NoticeRenderer(MailTemplates templates, SubjectTag tag, Duration reopenWindow) {
        this(templates, tag, reopenWindow, Optional.empty());
    }

    /** {@code pages}: when the web pages are served, every mail about a ticket ends with a fresh link to its page. */
    public NoticeRenderer(MailTemplates templates, SubjectTag tag, Duration reopenWindow, Optional<PageLinks> pages) {
        this(templates, tag, reopenWindow, pages, (ticket, language) -> List.of());
    }

    /** {@code suggestions}: the articles an acknowledgement suggests (R19), listed before the page link. */
    public NoticeRenderer(MailTemplates templates, SubjectTag tag, Duration reopenWindow, Optional<PageLinks> pages,
                          ArticleSuggestions suggestions) {
        this.suggestions = suggestions;
        this.templates = templates;
        this.tag = tag;
        this.reopenWindow = reopenWindow;
        this.pages = pages;
        this.times = new MailTimes(templates);
    }

    public RenderedMail render(CustomerNotice notice) {
        RenderedMail mail = notice instanceof CustomerNotice.Acknowledged ack
                ? withSuggestions(renderNotice(notice), ack) : renderNotice(notice);
        if (notice instanceof CustomerNotice.Resolved resolved && resolved.reason() == ResolutionReason.FEATURE_REQUEST
                && pages.isPresent()) {
            // R12e: the link to where feature requests are submitted
            String line = templates.fragment(notice.to().language(), "feature.requests",
                    Map.of("url", pages.get().featureRequestsPage()));
            String body = mail.body().endsWith("\n") ? mail.body() : mail.body() + "\n";
            mail = new RenderedMail(mail.subject(), body + "\n" + line + "\n", mail.automatic());
        }
        RenderedMail written = mail;
        return pages.flatMap(p -> notice.ticket().map(t -> withPageLink(written, notice.to().language(),
                p.ticketPage(t, notice.to().email())))).orElse(written);
    }

    /** R19: the knowledge base first: the most relevant articles for the request, with their pages. */
    private RenderedMail withSuggestions(RenderedMail mail, CustomerNotice.Acknowledged ack) {
        Language lang = ack.to().language();
        List<ArticleSuggestions.Suggested> found = suggestions.forRequest(ack.created(), lang);
        if (found.isEmpty()) {
            return mail;
        }
        StringBuilder block = new StringBuilder(templates.fragment(lang, "kb.suggestions", Map.of()));
        found.forEach(s -> block.append('\n').append(templates.fragment(lang, "kb.article",
                Map.of("title", s.title(), "url", s.url()))));
        String body = mail.body().endsWith("\n") ? mail.body() : mail.body() + "\n";
        return new RenderedMail(mail.subject(), body + "\n" + block + "\n", mail.automatic());
    }

    /** The ticket's page, signed for this recipient, after the mail's text (issue 13). */
    private RenderedMail withPageLink(RenderedMail mail, Language lang, PageLinks.Link link) {
        String line = templates.fragment(lang, "page.link", Map.of("url", link.url(),
                "until", times.moment(lang, link.expires())));
        String body = mail.body().endsWith("\n") ? mail.body() : mail.body() + "\n";
        return new RenderedMail(mail.subject(), body + "\n" + line + "\n", mail.automatic());
    }

    private RenderedMail renderNotice(CustomerNotice notice) {
        Language lang = notice.to().language();
        Map<String, String> v = new HashMap<>();
        v.put("name", notice.to().name().isBlank() ? notice.to().email().value() : notice.to().name());
        v.put("email", notice.to().email().value());
        notice.ticket().ifPresent(t -> {
            v.put("number", t.number().toString());
            v.put("tag", tag.tag(t.number()));
            v.put("subject", t.fields().subject().isBlank() ? t.number().toString() : t.fields().subject());
            v.put("severity", severity(lang, t.severity()));
        });
        return switch (notice) {
            case CustomerNotice.Acknowledged n -> {
                v.put("missing", n.missing().isEmpty() ? "" : missingBlock(lang, n.missing(), n.problems()));
                v.put("previous", n.previousTicket().map(p -> templates.fragment(lang, "previous",
                        Map.of("previous", p.toString()))).orElse(""));
                v.put("unsupported", n.unsupportedVersion().map(u -> templates.fragment(lang, "unsupported",
                        Map.of("reason", u.reason(), "current", u.current().product() + " " + u.current().version())))
                        .orElse(""));
                yield automatic(lang, "acknowledged", v);
            }
            case CustomerNotice.StillMissing n -> {
                v.put("missing", missingBlock(lang, n.missing(), n.problems()));
                yield automatic(lang, "still-missing", v);
            }
            case CustomerNotice.IntakeComplete n -> automatic(lang, "intake-complete", v);
            case CustomerNotice.Reopened n -> automatic(lang, "reopened", v);
            case CustomerNotice.AttachmentsLost n -> {
                v.put("lost", String.join("\n", n.lost().stream().map(line -> "- " + line).toList()));
                yield automatic(lang, "attachments-lost", v);
            }
            case CustomerNotice.UnknownSender n -> automatic(lang, "unknown-sender", v);
            case CustomerNotice.NotCovered n -> {
                v.put("account", n.accountName());
                v.put("manager", manager(n.manager().name(), n.manager().email()));
                n.product().ifPresent(product -> v.put("product", product));
                yield automatic(lang, n.product().isEmpty() ? "not-covered"
                        : n.ticket().isPresent() ? "product-declined" : "product-not-covered", v);
            }
            case CustomerNotice.NoAccess n -> {
                v.put("number", n.number().toString());
                yield automatic(lang, "no-access", v);
            }
            case CustomerNotice.StaffReply n -> {
                v.put("text", n.text().strip() + "\n");
                v.put("staff", n.staffName());
                v.put("question", n.question() ? templates.fragment(lang, "question", Map.of()) : "");
                yield personal(lang, "staff-reply", v);
            }
            case CustomerNotice.Resolved n -> {
                String manager = manager(n.manager().name(), n.manager().email());
                v.put("reason", templates.fragment(lang, "reason." + n.reason().name(), Map.of("manager", manager))
                        + (n.reason().exclusion() ? " " + exclusionRedirect(lang, manager) : ""));
                v.put("text", n.text().isBlank() ? "" : "\n" + n.text().strip() + "\n");
                // R12: the root cause, when recorded, is told to the customer
                v.put("rootCause", n.rootCause().map(cause -> (n.text().isBlank() ? "\n" : "")
                        + templates.fragment(lang, "root-cause", Map.of("cause", cause.strip())) + "\n").orElse(""));
                v.put("window", times.span(lang, reopenWindow));
                // resolved by a deadline (R12a), nobody wrote it: automatic, marked as such
                yield n.by() instanceof Actor.Automatic ? automatic(lang, "resolved", v) : personal(lang, "resolved", v);
            }
            case CustomerNotice.Escalated n -> automatic(lang, "escalated", v);
            case CustomerNotice.SeverityChanged n -> {
                v.put("from", severity(lang, Optional.of(n.from())));
                v.put("to", severity(lang, Optional.of(n.newSeverity())));
                v.put("reason", n.reason());
                yield personal(lang, "severity-changed", v);
            }
            case CustomerNotice.UpdateFrequencyLowered n -> {
                // R17: the new interval in words, as people write it, never ISO-8601
                v.put("was", times.span(lang, n.was()));
                v.put("every", times.span(lang, n.every()));
                v.put("severity", severity(lang, n.about().severity()));
                v.put("reason", n.reason());
                yield personal(lang, "update-frequency", v);
            }
            case CustomerNotice.ServerAccessed n -> {
                v.put("technician", n.technician());
                v.put("at", times.moment(lang, n.at()));
                v.put("detail", n.detail());
                yield automatic(lang, "server-accessed", v);
            }
            case CustomerNotice.PageLinkAndAccessLog n -> {
                v.put("accesses", n.accesses().isEmpty() ? templates.fragment(lang, "accesses.none", Map.of())
                        : String.join("\n", n.accesses().stream().map(a -> templates.fragment(lang, "access.line",
                        Map.of("at", times.moment(lang, a.at()), "technician", a.technician(), "detail", a.detail())))
                        .toList()));
                // the pages off, no link comes with the mail: the answer promises none, only the access log (R7)
                yield automatic(lang, pages.isPresent() ? "page-link" : "access-log", v);
            }
            case CustomerNotice.OnHold n -> {
                v.put("text", n.text().strip());
                yield personal(lang, "on-hold", v);
            }
            case CustomerNotice.Reminder n -> {
                v.put("count", Integer.toString(n.number()));
                v.put("waiting", templates.fragment(lang, n.awaitingInfo() ? "waiting.info" : "waiting.question", Map.of()));
                v.put("resolves", times.moment(lang, n.resolvesAt()));
                yield automatic(lang, "reminder", v);
            }
            case CustomerNotice.Closed n -> automatic(lang, "closed", v);
            case CustomerNotice.AutomaticDowngrade n -> {
                v.put("from", severity(lang, Optional.of(n.from())));
                v.put("to", severity(lang, Optional.of(n.newSeverity())));
                v.put("waited", times.span(lang, n.waited()));
                v.put("alsoAsked", n.alsoAsked().isEmpty() ? "" : templates.fragment(lang, "also-asked",
                        Map.of("names", String.join(", ", n.alsoAsked()))));
                yield automatic(lang, "downgraded", v);
            }
            case CustomerNotice.AvailabilityRequest n -> {
                v.put("lowers", times.moment(lang, n.lowersAt()));
                yield automatic(lang, "availability-request", v);
            }
            case CustomerNotice.CertificationExpiring n -> {
                v.put("until", times.date(lang, n.certifiedUntil()));
                yield automatic(lang, "certification-expiring", v);
            }
            case CustomerNotice.EndOfSupport n -> {
                v.put("product", n.product());
                v.put("version", n.version());
                v.put("until", times.date(lang, n.lastDay()));
                v.put("upgrade", n.upgradeTo().map(c -> templates.fragment(lang, "upgrade", Map.of("current", c)))
                        .orElse(""));
                yield automatic(lang, "end-of-support", v);
            }
        };
    }

    /** R5: what is missing, why, and a fill-in template the customer completes in a reply. */
    private String missingBlock(Language lang, List<IntakeField> missing, List<Problem> problems) {
        StringBuilder problemLines = new StringBuilder();
        for (Problem p : problems) {
            if (p.code() == ProblemCode.MISSING) {
                continue;
            }
            String key = "problem." + p.field();
            String detail = templates.hasFragment(lang, key) ? templates.fragment(lang, key, Map.of()) : p.detail();
            problemLines.append('\n').append(templates.fragment(lang, "problem.line", Map.of("detail", detail)));
        }
        StringBuilder template = new StringBuilder();
        for (IntakeField field : missing) {
            String label = lang == Language.FR ? field.frenchLabel() : field.englishLabel();
            template.append(templates.fragment(lang, "field.line", Map.of("label", label))).append('\n');
        }
        return templates.block(lang, "missing", Map.of("problems", problemLines.toString(),
                "template", template.toString()));
    }

    private RenderedMail automatic(Language lang, String name, Map<String, String> values) {
        MailTemplates.Template t = templates.render(lang, name, values);
        return new RenderedMail(t.subject(), t.body(), true);
    }

    private RenderedMail personal(Language lang, String name, Map<String, String> values) {
        MailTemplates.Template t = templates.render(lang, name, values);
        return new RenderedMail(t.subject(), t.body(), false);
    }

    private String severity(Language lang, Optional<Severity> severity) {
        return templates.fragment(lang, severity.map(s -> "severity." + s.level()).orElse("severity.none"), Map.of());
    }

    /** R21, R3: where an excluded request is redirected: the consulting services, through the account manager if any. */
    private String exclusionRedirect(Language lang, String manager) {
        return manager.isBlank() ? templates.fragment(lang, "exclusion.redirect.none", Map.of())
                : templates.fragment(lang, "exclusion.redirect", Map.of("manager", manager));
    }

    private static String manager(String name, String email) {
        if (name.isBlank()) {
            return email;
        }
        return email.isBlank() ? name : name + " <" + email + ">";
    }
}
