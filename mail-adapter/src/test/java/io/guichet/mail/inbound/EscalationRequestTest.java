package io.guichet.mail.inbound;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationRequestTest {

    private static final List<String> KEYWORDS = List.of("escalate", "escalade", "escalation", "escalader");

    @ParameterizedTest(name = "[{index}] subject \"{0}\", text \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Agents offline                  | Can I speak to a manager?
            Agents offline                  | I would like to talk with your supervisor about this.
            Agents offline                  | This has gone on for a week. Please put me through to the management.
            Agents offline                  | We want to speak to someone senior, now.
            Agents offline                  | Three days without news: I need to talk to your manager please
            Console lente                   | Je souhaite parler à un responsable.
            Console lente                   | Merci de remonter à votre direction.
            Console lente                   | Je demande à parler à votre hiérarchie au plus vite.
            Console lente                   | Pouvez-vous transmettre à votre responsable du support ?
            Console lente                   | Je veux voir un supérieur, merci.
            ESCALADE: serveur arrêté        | Le serveur ne répond plus.
            Re: [Ticket#1000] ESCALATE      | Still down.
            Agents offline - please escalate| Still down.
            Console lente                   | Escalade : cela bloque toute la production.
            Agents offline                  | Escalate.
            Agents offline                  | Hello,\\nPlease escalate this ticket.\\nThanks
            Console lente                   | Bonjour,\\nMerci d'escalader ce dossier.
            Console lente                   | Bonjour,\\n\\nEscalade svp, la production est arrêtée.
            Agents offline                  | Hello,\\nCould you escalate it?
            Agents offline                  | I want to talk to your boss.
            Agents offline                  | Please pass this to your team leader.
            Agents offline                  | I need to speak with the head of support today.
            Agents offline                  | We need to reach a senior person about this.
            Agents offline                  | Can I speak to a director?
            Console lente                   | Je veux parler à votre N+1.
            Console lente                   | Je souhaite parler à votre chef de service.
            Console lente                   | Merci de transmettre à l'encadrement.
            Console lente                   | Je demande à parler à la directrice.
            """)
    @DisplayName("R18: customers asking for escalation or for a manager, in French and English, escalate")
    void escalates(String subject, String text) {
        assertThat(EscalationRequest.asked(subject, text.replace("\\n", "\n"), KEYWORDS)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] subject \"{0}\", text \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            Manager module crash            | The manager module crashes when I open it.
            Agents offline                  | I want the manager module fixed before Monday.
            Agents offline                  | We need the management console to load faster.
            Agents offline                  | Our account manager role cannot see devices.
            Console lente                   | Le module Direction plante au démarrage.
            Console lente                   | Je souhaite savoir quel service est responsable de la synchronisation.
            Console lente                   | Le responsable informatique a redémarré le serveur.
            Agents offline                  | Hello,\\nAgents are offline.\\nSteps: open console.\\nLater we will escalate internally if needed.
            Escalator plant sensors offline | Sensors offline.
            Agents offline                  | The alert does not escalate to the on-call technician.
            """)
    @DisplayName("R18: naming a module, a role or the product's own escalation is not a request for escalation")
    void doesNotEscalate(String subject, String text) {
        assertThat(EscalationRequest.asked(subject, text.replace("\\n", "\n"), KEYWORDS)).isFalse();
    }
}
