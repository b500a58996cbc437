package io.guichet.core.version;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A dotted version number ({@code 9.5.0.12}, {@code v10.2}) compared numerically, part by part. */
public record VersionNumber(List<Integer> parts) implements Comparable<VersionNumber> {

    private static final Pattern SHAPE = Pattern.compile("\\b[vV]?(\\d{1,6}(?:\\.\\d{1,6}){0,4})\\b");

    public VersionNumber {
        parts = List.copyOf(parts);
    }

    /** The first version number found in {@code text}, or empty. */
    public static Optional<VersionNumber> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = SHAPE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        List<Integer> parts = new ArrayList<>();
        for (String p : m.group(1).split("\\.")) {
            parts.add(Integer.parseInt(p));
        }
        return Optional.of(new VersionNumber(parts));
    }

    /** Does {@code this} name {@code release}, or a build of it? ({@code 9.5.0.12} is within {@code 9.5}.) */
    public boolean within(VersionNumber release) {
        if (parts.size() < release.parts.size()) {
            return false;
        }
        return parts.subList(0, release.parts.size()).equals(release.parts);
    }

    @Override
    public int compareTo(VersionNumber other) {
        int n = Math.max(parts.size(), other.parts.size());
        for (int i = 0; i < n; i++) {
            int a = i < parts.size() ? parts.get(i) : 0;
            int b = i < other.parts.size() ? other.parts.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return 0;
    }

    @Override
    public String toString() {
        return String.join(".", parts.stream().map(String::valueOf).toList());
    }
}
