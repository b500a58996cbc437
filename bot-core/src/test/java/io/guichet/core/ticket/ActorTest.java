package io.guichet.core.ticket;

import io.guichet.core.account.EmailAddress;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActorTest {

    @Test
    @DisplayName("R7: a staff member is stored by stable id and display name, and read back as such")
    void staffRoundTrip() {
        Actor.Staff alice = Actor.Staff.discord("123456789", "Alice Martin");

        assertThat(alice.label()).isEqualTo("staff:discord:123456789 Alice Martin");
        assertThat(Actor.fromLabel(alice.label())).isEqualTo(alice);
        assertThat(Actor.Staff.parseStored(alice.stored())).isEqualTo(alice);
    }

    @Test
    @DisplayName("R7: a renamed member is still the same person; a namesake is not")
    void sameAsById() {
        Actor.Staff before = Actor.Staff.discord("42", "alice");
        Actor.Staff renamed = Actor.Staff.discord("42", "Alice M.");
        Actor.Staff namesake = Actor.Staff.discord("43", "alice");

        assertThat(renamed.sameAs(before)).isTrue();
        assertThat(namesake.sameAs(before)).isFalse();
    }

    @Test
    @DisplayName("R7: labels written before stable ids (one word) read as both id and name")
    void legacyLabels() {
        assertThat(Actor.fromLabel("staff:tess")).isEqualTo(new Actor.Staff("tess", "tess"));
        assertThat(Actor.fromLabel("staff:tess").label()).isEqualTo("staff:tess");
    }

    @Test
    @DisplayName("an operator at the command line gets a one-word id from their name")
    void operator() {
        Actor.Staff op = Actor.Staff.operator("Marie Curie");

        assertThat(op.id()).isEqualTo("cli:Marie_Curie");
        assertThat(op.name()).isEqualTo("Marie Curie");
        assertThat(Actor.fromLabel(op.label())).isEqualTo(op);
    }

    @Test
    @DisplayName("an id with a space is refused: it would not read back")
    void idIsOneWord() {
        assertThatThrownBy(() -> new Actor.Staff("a b", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Actor.fromLabel(new Actor.Customer(EmailAddress.parse("a@b.example").orElseThrow()).label()))
                .isInstanceOf(Actor.Customer.class);
    }
}
