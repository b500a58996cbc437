package io.guichet.discord.console;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/** The console's commands: each path, the role it needs and its handler. */
final class Routes {

    record Route(StaffRoles.Role role, BiFunction<Caller, Options, Answer> handler) {
    }

    private final Map<String, Route> routes = new LinkedHashMap<>();

    void add(String path, StaffRoles.Role role, BiFunction<Caller, Options, Answer> handler) {
        if (routes.putIfAbsent(path, new Route(role, handler)) != null) {
            throw new IllegalStateException("two handlers for /" + path);
        }
    }

    Optional<Route> find(String path) {
        return Optional.ofNullable(routes.get(path));
    }

    Set<String> paths() {
        return Set.copyOf(routes.keySet());
    }
}
