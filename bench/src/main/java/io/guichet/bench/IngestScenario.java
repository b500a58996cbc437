package io.guichet.bench;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "ingest", mixinStandardHelpOptions = true, description = "TODO")
final class IngestScenario implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
