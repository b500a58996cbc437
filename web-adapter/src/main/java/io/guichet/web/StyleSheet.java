package io.guichet.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The pages' one style sheet, read once when the adapter loads and served under a name holding a digest of its
 * content ({@code style-0123456789.css}): browsers keep it for a year, and a changed sheet gets a new name.
 */
final class StyleSheet {

    /** The sheet's text. */
    static final byte[] CONTENT = read();
    /** Its name at the root of the pages, e.g. {@code style-0123456789.css}. */
    static final String NAME = "style-" + digest(CONTENT) + ".css";
    /** How long browsers and proxies may keep it: its name changes with its content. */
    static final String CACHE = "public, max-age=31536000, immutable";

    private StyleSheet() {
    }

    private static byte[] read() {
        try (InputStream in = StyleSheet.class.getResourceAsStream("style.css")) {
            if (in == null) {
                throw new IllegalStateException("the style sheet is part of the web adapter");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("the style sheet is part of the web adapter", e);
        }
    }

    private static String digest(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String text() {
        return new String(CONTENT, StandardCharsets.UTF_8);
    }
}
