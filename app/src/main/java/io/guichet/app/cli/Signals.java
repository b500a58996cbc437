package io.guichet.app.cli;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/** Runs an orderly stop on SIGTERM and SIGINT, before the JVM's shutdown hooks, then lets the JVM exit. */
final class Signals {

    private static final Logger LOG = LoggerFactory.getLogger(Signals.class);

    private Signals() {
    }

    static void onTermination(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    LOG.info("SIG{} received: stopping", name);
                    stop.run();
                    System.exit(0);
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("SIG{} cannot be handled here; the shutdown hook stops Guichet", name);
            }
        }
    }
}
