package io.guichet.web;

import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerPages;
import io.guichet.core.ticket.EventKind;

import java.util.Map;

/** The words of the customers' pages, in French and English. */
final class PageTexts {

    private static final Map<String, String> EN = Map.ofEntries(
            Map.entry("lang", "en"),
            Map.entry("other", "Français"),
            Map.entry("ticket", "Ticket"),
            Map.entry("status", "Status"),
            Map.entry("severity", "Severity"),
            Map.entry("severity.none", "not given yet"),
            Map.entry("opened", "Opened"),
            Map.entry("updated", "Last change"),
            Map.entry("escalated", "Escalated to support management"),
            Map.entry("fields", "Your request"),
            Map.entry("field.subject", "Subject"),
            Map.entry("field.description", "Description"),
            Map.entry("field.serverUrl", "Server URL"),
            Map.entry("field.module", "Module"),
            Map.entry("field.version", "Version"),
            Map.entry("field.steps", "Steps to reproduce"),
            Map.entry("field.devices", "Affected devices"),
            Map.entry("messages", "Messages"),
            Map.entry("messages.none", "No message yet."),
            Map.entry("from.customer", "From you"),
            Map.entry("from.support", "From support"),
            Map.entry("attachments", "Attachments"),
            Map.entry("accesses", "Accesses to your server"),
            Map.entry("accesses.none", "No technician has accessed your server for this ticket."),
            Map.entry("technician", "Technician"),
            Map.entry("date", "Date"),
            Map.entry("time", "Time (UTC)"),
            Map.entry("what", "What"),
            Map.entry("history", "History"),
            Map.entry("who", "By"),
            Map.entry("who.customer", "you"),
            Map.entry("who.support", "support"),
            Map.entry("who.system", "automatic"),
            Map.entry("reply", "Reply"),
            Map.entry("reply.text", "Your message"),
            Map.entry("reply.escalate", "Ask for the ticket to be escalated to support management"),
            Map.entry("reply.send", "Send"),
            Map.entry("reply.closed", "This ticket is closed: a message opens a new ticket linked to this one."),
            Map.entry("reply.sent", "Your message was received; it is handled like a mail, and you get the answers by mail."),
            Map.entry("reply.empty", "Write a message before sending."),
            Map.entry("reply.refused", "Your message could not be taken: the answer was sent to you by mail."),
            Map.entry("reply.busy", "The ticket changed meanwhile: your message was not taken, please send it again."),
            Map.entry("reply.already", "This message was already received: it was not taken a second time."),
            Map.entry("form.expired", "This form is no longer valid: open the ticket's link again and write your message there."),
            Map.entry("status.AWAITING_INFO", "Waiting for information from you"),
            Map.entry("status.OPEN", "Open, in the queue"),
            Map.entry("status.IN_PROGRESS", "In progress"),
            Map.entry("status.WAITING_ON_CUSTOMER", "Waiting for your answer"),
            Map.entry("status.ON_HOLD", "On hold"),
            Map.entry("status.RESOLVED", "Resolved"),
            Map.entry("status.CLOSED", "Closed"),
            Map.entry("event.CREATED", "Ticket opened"),
            Map.entry("event.INTAKE_COMPLETED", "Request complete"),
            Map.entry("event.CLAIMED", "Taken by a technician"),
            Map.entry("event.ASSIGNED", "Given to a technician"),
            Map.entry("event.UNCLAIMED", "Back in the queue"),
            Map.entry("event.ASKED_CUSTOMER", "Question to you"),
            Map.entry("event.CUSTOMER_REPLIED", "Your answer"),
            Map.entry("event.PUT_ON_HOLD", "Put on hold"),
            Map.entry("event.RESUMED", "Resumed"),
            Map.entry("event.RESOLVED", "Resolved"),
            Map.entry("event.REOPENED", "Reopened"),
            Map.entry("event.CLOSED", "Closed"),
            Map.entry("event.SEVERITY_CHANGED", "Severity changed"),
            Map.entry("event.ESCALATED", "Escalated"),
            Map.entry("event.FIELDS_UPDATED", "Information added"),
            Map.entry("event.CUSTOMER_MESSAGE", "Your message"),
            Map.entry("event.STAFF_REPLY", "Support's answer"),
            Map.entry("event.SERVER_ACCESS", "Access to your server"),
            Map.entry("event.REMINDER_SENT", "Reminder sent"),
            Map.entry("event.UPDATE_INTERVAL_CHANGED", "Update frequency changed"),
            Map.entry("event.PHONE_CALL", "Phone call with support"),
            Map.entry("refused.title", "Link not valid"),
            Map.entry("notfound.title", "Not found"));

    private static final Map<String, String> FR = Map.ofEntries(
            Map.entry("lang", "fr"),
            Map.entry("other", "English"),
            Map.entry("ticket", "Ticket"),
            Map.entry("status", "État"),
            Map.entry("severity", "Gravité"),
            Map.entry("severity.none", "pas encore indiquée"),
            Map.entry("opened", "Ouvert le"),
            Map.entry("updated", "Dernier changement"),
            Map.entry("escalated", "Escaladé à la direction du support"),
            Map.entry("fields", "Votre demande"),
            Map.entry("field.subject", "Objet"),
            Map.entry("field.description", "Description"),
            Map.entry("field.serverUrl", "URL du serveur"),
            Map.entry("field.module", "Module"),
            Map.entry("field.version", "Version"),
            Map.entry("field.steps", "Étapes pour reproduire"),
            Map.entry("field.devices", "Appareils concernés"),
            Map.entry("messages", "Messages"),
            Map.entry("messages.none", "Aucun message pour l'instant."),
            Map.entry("from.customer", "De vous"),
            Map.entry("from.support", "Du support"),
            Map.entry("attachments", "Pièces jointes"),
            Map.entry("accesses", "Accès à votre serveur"),
            Map.entry("accesses.none", "Aucun technicien n'a accédé à votre serveur pour ce ticket."),
            Map.entry("technician", "Technicien"),
            Map.entry("date", "Date"),
            Map.entry("time", "Heure (UTC)"),
            Map.entry("what", "Quoi"),
            Map.entry("history", "Historique"),
            Map.entry("who", "Par"),
            Map.entry("who.customer", "vous"),
            Map.entry("who.support", "le support"),
            Map.entry("who.system", "automatique"),
            Map.entry("reply", "Répondre"),
            Map.entry("reply.text", "Votre message"),
            Map.entry("reply.escalate", "Demander l'escalade du ticket à la direction du support"),
            Map.entry("reply.send", "Envoyer"),
            Map.entry("reply.closed", "Ce ticket est clos : un message ouvre un nouveau ticket lié à celui-ci."),
            Map.entry("reply.sent", "Votre message a été reçu ; il est traité comme un courriel, et les réponses vous arrivent par courriel."),
            Map.entry("reply.empty", "Écrivez un message avant d'envoyer."),
            Map.entry("reply.refused", "Votre message n'a pas pu être pris en compte : la réponse vous a été envoyée par courriel."),
            Map.entry("reply.busy", "Le ticket a changé entre-temps : votre message n'a pas été pris, merci de le renvoyer."),
            Map.entry("reply.already", "Ce message a déjà été reçu : il n'a pas été pris une seconde fois."),
            Map.entry("form.expired", "Ce formulaire n'est plus valable : rouvrez le lien du ticket et écrivez-y votre message."),
            Map.entry("status.AWAITING_INFO", "En attente d'informations de votre part"),
            Map.entry("status.OPEN", "Ouvert, dans la file"),
            Map.entry("status.IN_PROGRESS", "En cours de traitement"),
            Map.entry("status.WAITING_ON_CUSTOMER", "En attente de votre réponse"),
            Map.entry("status.ON_HOLD", "En suspens"),
            Map.entry("status.RESOLVED", "Résolu"),
            Map.entry("status.CLOSED", "Clos"),
            Map.entry("event.CREATED", "Ticket ouvert"),
            Map.entry("event.INTAKE_COMPLETED", "Demande complète"),
            Map.entry("event.CLAIMED", "Pris en charge par un technicien"),
            Map.entry("event.ASSIGNED", "Confié à un technicien"),
            Map.entry("event.UNCLAIMED", "Remis dans la file"),
            Map.entry("event.ASKED_CUSTOMER", "Question posée"),
            Map.entry("event.CUSTOMER_REPLIED", "Votre réponse"),
            Map.entry("event.PUT_ON_HOLD", "Mis en suspens"),
            Map.entry("event.RESUMED", "Repris"),
            Map.entry("event.RESOLVED", "Résolu"),
            Map.entry("event.REOPENED", "Rouvert"),
            Map.entry("event.CLOSED", "Clos"),
            Map.entry("event.SEVERITY_CHANGED", "Gravité modifiée"),
            Map.entry("event.ESCALATED", "Escaladé"),
            Map.entry("event.FIELDS_UPDATED", "Informations ajoutées"),
            Map.entry("event.CUSTOMER_MESSAGE", "Votre message"),
            Map.entry("event.STAFF_REPLY", "Réponse du support"),
            Map.entry("event.SERVER_ACCESS", "Accès à votre serveur"),
            Map.entry("event.REMINDER_SENT", "Relance envoyée"),
            Map.entry("event.UPDATE_INTERVAL_CHANGED", "Fréquence des nouvelles modifiée"),
            Map.entry("event.PHONE_CALL", "Appel téléphonique avec le support"),
            Map.entry("refused.title", "Lien non valable"),
            Map.entry("notfound.title", "Page introuvable"));

    private final Map<String, String> words;

    private PageTexts(Map<String, String> words) {
        this.words = words;
    }

    static PageTexts of(Language language) {
        return new PageTexts(language == Language.FR ? FR : EN);
    }

    /**
     * The history's words for an event the customers see ({@link CustomerPages#shownToCustomers}); every such kind has
     * its words in both languages (a test walks them all), so no raw kind ever reaches a page.
     */
    String event(EventKind kind) {
        if (!CustomerPages.shownToCustomers(kind)) {
            throw new IllegalArgumentException(kind + " is for the staff only");
        }
        String found = words.get("event." + kind.name());
        if (found == null) {
            throw new IllegalStateException("no words for the event " + kind);
        }
        return found;
    }

    /** Whether {@code key} has words in this language. */
    boolean has(String key) {
        return words.containsKey(key);
    }

    /** The text of {@code key}; the key itself for a kind this page has no word for. */
    String get(String key) {
        return words.getOrDefault(key, key);
    }
}
