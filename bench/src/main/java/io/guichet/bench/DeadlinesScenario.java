package io.guichet.bench;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

@Command(name = "deadlines", mixinStandardHelpOptions = true, description = "TODO")
final class DeadlinesScenario implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
