package io.guichet.mail.imap;

import io.guichet.mail.imap.UidFetch.Summary;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BatchDownloadTest {

    private static Summary mail(long uid, long size) {
        return new Summary(uid, size, "<" + uid + "@acme.example>", "customer@acme.example", "subject " + uid);
    }

    @Test
    @DisplayName("a batch whose bodies fit the limit is one chunk, in UID order")
    void oneChunk() {
        assertThat(BatchDownload.chunks(List.of(mail(7, 100), mail(3, 100), mail(5, 100)), 1_000))
                .containsExactly(List.of(3L, 5L, 7L));
    }

    @Test
    @DisplayName("chunks never add up to more than the limit; a mail of exactly the limit is a chunk of its own")
    void cutAtTheLimit() {
        List<Summary> batch = List.of(mail(1, 400), mail(2, 400), mail(3, 300), mail(4, 1_000), mail(5, 1), mail(6, 999));
        assertThat(BatchDownload.chunks(batch, 1_000))
                .containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L), List.of(5L, 6L));
    }

    @Test
    @DisplayName("mail over the limit is in no chunk: it is never downloaded")
    void oversizeLeftOut() {
        List<Summary> batch = List.of(mail(1, 10), mail(2, 5_000), mail(3, 10));
        assertThat(BatchDownload.chunks(batch, 1_000)).containsExactly(List.of(1L, 3L));
        assertThat(BatchDownload.chunks(List.of(mail(9, 1_001)), 1_000)).isEmpty();
    }

    @Test
    @DisplayName("mail whose size the server did not give is downloaded in a chunk of its own")
    void unknownSizeAlone() {
        List<Summary> batch = List.of(mail(1, 10), mail(2, 10), mail(3, -1), mail(4, 10));
        assertThat(BatchDownload.chunks(batch, 1_000)).containsExactly(List.of(1L, 2L), List.of(3L), List.of(4L));
    }
}
