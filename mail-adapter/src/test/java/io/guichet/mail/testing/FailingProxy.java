package io.guichet.mail.testing;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A collaborator that fails on purpose: every call goes to the real one, except calls of one method whose arguments
 * match, which throw what the test chooses (an {@link Error} as readily as an exception).
 */
public final class FailingProxy {

    private FailingProxy() {
    }

    public static <T> T around(Class<T> type, T target, String method, Predicate<Object[]> when,
                               Supplier<? extends Throwable> failure) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, m, args) -> {
            if (m.getName().equals(method) && when.test(args == null ? new Object[0] : args)) {
                throw failure.get();
            }
            try {
                return m.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }
}
