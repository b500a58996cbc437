package io.guichet.bench;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "latency", mixinStandardHelpOptions = true, description = "TODO")
final class LatencyScenario implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
