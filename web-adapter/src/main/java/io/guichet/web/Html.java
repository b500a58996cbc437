package io.guichet.web;

/** HTML escaping: every text a customer, a technician or the database gave goes through {@link #text}. */
final class Html {

    private Html() {
    }

    /** {@code value} safe as element content and as a quoted attribute value. */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
