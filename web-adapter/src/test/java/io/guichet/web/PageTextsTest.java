package io.guichet.web;

import io.guichet.core.account.Language;
import io.guichet.core.desk.CustomerPages;
import io.guichet.core.ticket.EventKind;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageTextsTest {

    @Test
    @DisplayName("R7: every event kind the customers see has its words in French and English; internal ones never reach a page")
    void everyEventKind() {
        Set<EventKind> internal = EnumSet.of(EventKind.NOTE, EventKind.BOUNCE, EventKind.TARGET_BREACHED);
        for (EventKind kind : EventKind.values()) {
            assertThat(CustomerPages.shownToCustomers(kind)).as(kind.name()).isEqualTo(!internal.contains(kind));
            for (Language lang : Language.values()) {
                PageTexts texts = PageTexts.of(lang);
                if (CustomerPages.shownToCustomers(kind)) {
                    assertThat(texts.event(kind)).as(kind + " in " + lang).isNotBlank()
                            .doesNotContain(kind.name()).doesNotContain("event.");
                } else {
                    assertThatThrownBy(() -> texts.event(kind)).as(kind + " in " + lang)
                            .isInstanceOf(IllegalArgumentException.class);
                    assertThat(texts.has("event." + kind.name())).as(kind + " has no words: never shown").isFalse();
                }
            }
        }
        assertThat(PageTexts.of(Language.FR).event(EventKind.PHONE_CALL))
                .isNotEqualTo(PageTexts.of(Language.EN).event(EventKind.PHONE_CALL));
    }

    @Test
    @DisplayName("every notice the pages can show has its words in both languages")
    void notices() {
        for (String key : new String[]{"reply.sent", "reply.empty", "reply.refused", "reply.busy", "reply.already",
                "form.expired"}) {
            for (Language lang : Language.values()) {
                assertThat(PageTexts.of(lang).has(key)).as(key + " in " + lang).isTrue();
            }
        }
    }
}
