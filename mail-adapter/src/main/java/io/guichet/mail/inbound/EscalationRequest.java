package io.guichet.mail.inbound;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * R18: whether a customer's mail asks for escalation, as customers write it, in French or English.
 * <ul>
 *   <li>A keyword ({@code GUICHET_ESCALATION_KEYWORDS}: escalate, escalade ...) as a whole word anywhere in the
 *       subject ({@code ESCALADE: serveur arrêté}, {@code Agents offline - please escalate}).</li>
 *   <li>A keyword starting one of the first {@value #FIRST_LINES} lines of what they wrote ({@code Escalate: ...}),
 *       or asked for there ({@code please escalate}, {@code merci d'escalader}, {@code escalade svp}).</li>
 *   <li>Asking for a manager or the management anywhere in what they wrote or in the subject: a request (speak,
 *       talk, escalate, refer, want... / parler, remonter, transmettre, souhaite...) followed closely by a person
 *       ({@code a manager}, {@code your supervisor}, {@code the management}, {@code un responsable},
 *       {@code votre direction}, {@code la hiérarchie}) that ends the phrase. "The manager module crashes" names a
 *       module, not a person: the noun is followed by another word and nothing asks for anyone, so it does not
 *       escalate.</li>
 * </ul>
 * A false positive costs a manager a glance at a ticket; a false negative ignores a right the policy gives the
 * customer; the patterns lean to escalate when a person is asked for, never on a product's word alone.
 */
final class EscalationRequest {

    static final int FIRST_LINES = 3;

    /** Request words before a keyword in the first lines: "please escalate", "merci d'escalader". */
    private static final String ASK = "(?:please|pls|kindly|can you|could you|would you|we ask you to|i ask you to"
            + "|i request|we request|i want to|we want to|i would like to|we would like to|need to"
            + "|merci de|merci d|pouvez vous|pourriez vous|veuillez|je demande|nous demandons|je souhaite"
            + "|nous souhaitons|je vous demande de|nous vous demandons de|demande d|demande de|besoin d)";

    /** Courtesy after a keyword: "escalade svp", "escalate please". */
    private static final String COURTESY = "(?:please|pls|asap|now|immediately|svp|stp|s il vous plait|merci|urgent)";

    /** Asking for a person, in English: the verb, a few words, the person, then the end of the phrase. */
    private static final Pattern MANAGER_EN = Pattern.compile("\\b(?:speak|talk|escalate|refer|pass|forward|transfer"
            + "|put me through|contact|reach|involve|get|have|want|need|ask for|asking for|request|requesting)\\b"
            + "[^.?!;\\n]{0,25}?\\b(?:a|an|your|the|my|our|to|with|someone in|somebody in|someone from)\\s+"
            + "(?:support\\s+|higher\\s+|senior\\s+|account\\s+)?"
            + "(?:manager|supervisor|superior|management|director|boss|team lead|team leader|head of support"
            + "|someone senior|senior person)s?"
            + "(?=\\s*(?:$|[.,;:!?)\\n]|\\s(?:please|pls|now|asap|immediately|today|about|regarding|on this"
            + "|of support|in charge|of your|or|and|who|as soon)\\b))");

    /** Asking for a person, in French (accents removed before matching). */
    private static final Pattern MANAGER_FR = Pattern.compile("\\b(?:parler|remonter|transmettre|transferer|escalader"
            + "|contacter|joindre|voir|avoir|souhaite|souhaitons|veux|voulons|voudrais|voudrions|demande|demandons"
            + "|exige|exigeons|faire intervenir|saisir|alerter|informer|prevenir)\\b"
            + "[^.?!;\\n]{0,30}?\\b(?:a|au|aux|un|une|votre|vos|la|le|les|l|avec|a votre|a la|de votre|de la)\\s+"
            + "(?:(?:un|une|votre|vos|la|le|les)\\s+)?"
            + "(?:responsable|responsables|direction|hierarchie|superieur|superieurs|superieure|manager|managers|chef"
            + "|encadrement|n\\s?\\+\\s?1|directeur|directrice)"
            + "(?:\\s+(?:du support|de l assistance|du service|de service|hierarchique|technique))?"
            + "(?=\\s*(?:$|[.,;:!?)\\n]|\\s(?:svp|stp|s il vous plait|merci|rapidement|au plus vite|des que|au sujet"
            + "|concernant|a ce sujet|de ce dossier|ou|et|qui|car|pour)\\b))");

    private EscalationRequest() {
    }

    /** Whether the mail with this subject and new text (quotes removed) asks for escalation. */
    static boolean asked(String subject, String newText, List<String> keywords) {
        List<String> words = keywords.stream().map(EscalationRequest::normalize).filter(k -> !k.isEmpty()).toList();
        String subjectText = normalize(subject);
        String body = normalize(newText);
        if (words.stream().anyMatch(k -> wholeWord(k).matcher(subjectText).find())) {
            return true;
        }
        List<String> firstLines = body.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(FIRST_LINES).toList();
        // each keyword's patterns compiled once for all the first lines
        List<Pattern> asking = words.stream().flatMap(k -> asking(k).stream()).toList();
        for (String line : firstLines) {
            for (Pattern p : asking) {
                if (p.matcher(line).find()) {
                    return true;
                }
            }
        }
        return asksForAPerson(subjectText) || asksForAPerson(body);
    }

    /** A line starting with the keyword, a request then the keyword, or the keyword then courtesy. */
    private static List<Pattern> asking(String keyword) {
        String k = Pattern.quote(keyword);
        return List.of(Pattern.compile("^" + k + "(?:$|[\\s:,.!;-])"),
                Pattern.compile("\\b" + ASK + "\\s+(?:\\w+\\s+){0,2}?" + k + "\\b"),
                Pattern.compile("\\b" + k + "\\s+(?:this|it|ce dossier|le dossier|ce ticket|the ticket|"
                        + "this ticket|ma demande|my request)?\\s*" + COURTESY + "\\b"));
    }

    /**
     * Words one of which each person pattern needs literally (each alternative of its "person" group contains one): a
     * text with none of them cannot match, and is not run through the patterns, whose lazy gap tried at every word
     * boundary of a 20 KB body was a tenth of a node's intake CPU.
     */
    private static final List<String> PERSON_EN = List.of("manage", "supervisor", "superior", "direct", "boss",
            "team lead", "head of support", "senior");
    private static final List<String> PERSON_FR = List.of("responsable", "direct", "hierarchie", "superieur", "manager",
            "chef", "encadrement", "+");

    private static boolean asksForAPerson(String text) {
        return (mayName(text, PERSON_EN) && MANAGER_EN.matcher(text).find())
                || (mayName(text, PERSON_FR) && MANAGER_FR.matcher(text).find());
    }

    private static boolean mayName(String text, List<String> words) {
        for (String word : words) {
            if (text.contains(word)) {
                return true;
            }
        }
        return false;
    }

    private static Pattern wholeWord(String keyword) {
        return Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(keyword) + "(?![\\p{L}\\p{N}])");
    }

    /**
     * Lower case, accents removed, apostrophes and hyphens as spaces (merci d'escalader, pouvez-vous), and runs of
     * spaces as one, so that the patterns above read plain words.
     */
    static String normalize(String text) {
        String lower = Accents.removed(text.toLowerCase(Locale.ROOT));
        // one pass: apostrophes, hyphens, no-break spaces, spaces and tabs, in runs, as one space
        StringBuilder out = new StringBuilder(lower.length());
        boolean gap = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == '\'' || c == '\u2019' || c == '`' || c == '\u00a0' || c == '-' || c == ' ' || c == '\t') {
                gap = true;
                continue;
            }
            if (gap) {
                out.append(' ');
                gap = false;
            }
            out.append(c);
        }
        return out.toString().strip();
    }
}
