package io.guichet.mail.inbound;

import jakarta.mail.internet.MimeUtility;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of a mail whose MIME structure does not parse (a multipart whose start boundary is missing, a part that
 * breaks the parser), read leniently, as other helpdesks do: the body is cut at every line that is a delimiter of
 * the declared boundary; each piece that has no headers, or says it is text, is decoded from its transfer encoding
 * (when that fails, kept as written) and its charset; HTML becomes text; pieces that say they are anything else are
 * left out. A piece that is itself a multipart is read the same way. Empty when nothing readable is found. Never
 * throws.
 */
final class LenientText {

    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary\\s*=\\s*\"?([^\";]+)\"?");
    private static final Pattern CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([^\";\\s]+)\"?");
    private static final Pattern HEADER_LINE = Pattern.compile("^[A-Za-z0-9-]+:.*");
    private static final int MAX_DEPTH = 5;

    private LenientText() {
    }

    static String read(byte[] raw, Optional<String> contentType, Optional<String> transferEncoding) {
        try {
            String body = new String(raw, StandardCharsets.ISO_8859_1); // one char per byte: bytes kept as they are
            int start = bodyStart(body);
            List<String> texts = new ArrayList<>();
            collect(body.substring(start), contentType, transferEncoding, 0, texts);
            return String.join("\n\n", texts.stream().map(String::strip).filter(t -> !t.isEmpty()).toList());
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static void collect(String body, Optional<String> contentType, Optional<String> transferEncoding,
                                int depth, List<String> texts) {
        Optional<String> boundary = contentType.flatMap(LenientText::boundary);
        if (boundary.isEmpty() || depth >= MAX_DEPTH) {
            if (isText(contentType)) {
                texts.add(decode(body, contentType, transferEncoding));
            }
            return;
        }
        Pattern delimiter = Pattern.compile("(?m)^--" + Pattern.quote(boundary.get()) + "(--)?[ \\t]*\\r?$");
        for (String piece : delimiter.split(body)) {
            Piece p = Piece.of(piece);
            if (p.headers().isEmpty()) {
                texts.add(decode(p.body(), Optional.empty(), Optional.empty()));
            } else {
                collect(p.body(), p.header("content-type"), p.header("content-transfer-encoding"), depth + 1, texts);
            }
        }
    }

    /** A piece of a body: the header lines it starts with, if any, and the rest. */
    private record Piece(List<String> headers, String body) {

        static Piece of(String piece) {
            String text = piece.replaceFirst("^\\r?\\n", "");
            List<String> lines = text.lines().toList();
            if (lines.isEmpty() || !HEADER_LINE.matcher(lines.getFirst()).matches()) {
                return new Piece(List.of(), text);
            }
            List<String> headers = new ArrayList<>();
            int i = 0;
            while (i < lines.size() && !lines.get(i).isBlank()) {
                String line = lines.get(i);
                if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
                    headers.set(headers.size() - 1, headers.getLast() + " " + line.strip());
                } else {
                    headers.add(line);
                }
                i++;
            }
            return new Piece(headers, String.join("\n", lines.subList(Math.min(i + 1, lines.size()), lines.size())));
        }

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(h -> h.substring(name.length() + 1).strip()).findFirst();
        }
    }

    private static boolean isText(Optional<String> contentType) {
        return contentType.map(t -> t.strip().toLowerCase(Locale.ROOT)).map(t -> t.startsWith("text/")).orElse(true);
    }

    private static String decode(String body, Optional<String> contentType, Optional<String> transferEncoding) {
        byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
        Optional<String> encoding = transferEncoding.map(e -> e.strip().toLowerCase(Locale.ROOT))
                .filter(e -> e.equals("base64") || e.equals("quoted-printable"));
        if (encoding.isPresent()) {
            try (InputStream in = MimeUtility.decode(new ByteArrayInputStream(bytes), encoding.get())) {
                bytes = in.readAllBytes();
            } catch (IOException | jakarta.mail.MessagingException | RuntimeException e) {
                // kept as written
            }
        }
        Optional<String> charset = contentType.flatMap(t -> {
            Matcher m = CHARSET.matcher(t);
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        });
        String text = TextDecoding.decode(bytes, charset);
        boolean html = contentType.map(t -> t.strip().toLowerCase(Locale.ROOT).startsWith("text/html")).orElse(false);
        return html ? HtmlText.toPlainText(text) : text;
    }

    private static Optional<String> boundary(String contentType) {
        if (!contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
    }

    private static int bodyStart(String raw) {
        Matcher m = Pattern.compile("\\r?\\n\\r?\\n").matcher(raw);
        return m.find() ? m.end() : raw.length();
    }
}
