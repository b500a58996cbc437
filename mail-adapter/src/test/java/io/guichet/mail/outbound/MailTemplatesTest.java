package io.guichet.mail.outbound;

import io.guichet.core.account.Language;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MailTemplatesTest {

    private static final List<String> NAMES = List.of("acknowledged", "attachments-lost", "certification-expiring", "closed", "downgraded",
            "end-of-support", "escalated", "intake-complete", "no-access");

    @Test
    @DisplayName("templates render from several threads at once (intake, deadline sweep, console share one instance)")
    void concurrentFirstRenders() throws Exception {
        List<MailTemplates.Template> expected = renderAll(new MailTemplates());
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 50; round++) {
                MailTemplates templates = new MailTemplates();
                CyclicBarrier start = new CyclicBarrier(8);
                List<Future<List<MailTemplates.Template>>> renders = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    renders.add(threads.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return renderAll(templates);
                    }));
                }
                for (Future<List<MailTemplates.Template>> render : renders) {
                    assertThat(render.get(10, TimeUnit.SECONDS)).isEqualTo(expected);
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private static List<MailTemplates.Template> renderAll(MailTemplates templates) {
        List<MailTemplates.Template> rendered = new ArrayList<>();
        for (Language language : Language.values()) {
            for (String name : NAMES) {
                rendered.add(templates.render(language, name, Map.of()));
            }
        }
        return rendered;
    }
}
