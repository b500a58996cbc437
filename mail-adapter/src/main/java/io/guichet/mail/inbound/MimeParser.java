package io.guichet.mail.inbound;

import io.guichet.core.mail.MessageId;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParameterList;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses raw RFC 5322 bytes into an {@link InboundEmail}. Never throws for bad input: anything Jakarta Mail
 * cannot read, and anything beyond the {@link ParserLimits}, becomes {@link ParseResult.Unparseable} with a
 * short reason. Thread-safe.
 *
 * <p>Body selection: text/plain and text/html leaves that are not attachments (no {@code attachment}
 * disposition, no file name) form the body; in {@code multipart/alternative} the plain-text alternative is
 * preferred; HTML is used only when there is no plain text. Every other leaf, including a nested
 * {@code message/rfc822}, is an {@link Attachment}; nested messages are not walked into. Inside a
 * {@code multipart/report} the delivery status and the returned headers are read into a {@link DeliveryReport}.
 */
public final class MimeParser {

    private static final Logger LOG = LoggerFactory.getLogger(MimeParser.class);
    private static final Pattern BARE_ADDRESS = Pattern.compile("[^\\s<>,;:\"()]+@[^\\s<>,;:\"()]+");
    private static final int MAX_REASON_LENGTH = 160;

    private final ParserLimits limits;
    private final QuoteStripper quoteStripper = new QuoteStripper();
    private final Session session;

    /** A parser with {@link ParserLimits#DEFAULTS}. */
    public MimeParser() {
        this(ParserLimits.DEFAULTS);
    }

    public MimeParser(ParserLimits limits) {
        this.limits = limits;
        Properties properties = new Properties();
        properties.setProperty("mail.mime.allowutf8", "true");
        properties.setProperty("mail.mime.address.strict", "false");
        properties.setProperty("mail.mime.decodetext.strict", "false");
        properties.setProperty("mail.mime.decodefilename", "true");
        properties.setProperty("mail.mime.decodeparameters", "true");
        properties.setProperty("mail.mime.parameters.strict", "false");
        properties.setProperty("mail.mime.ignoreunknownencoding", "true");
        properties.setProperty("mail.mime.base64.ignoreerrors", "true");
        properties.setProperty("mail.mime.multipart.allowempty", "true");
        this.session = Session.getInstance(properties);
    }

    /**
     * The header fields its author's client writes, which make a mail's content hash with its body; the fields added
     * in transit ({@code Received}, {@code Return-Path}, {@code Delivered-To}, {@code Authentication-Results}...)
     * are left out, so the same mail delivered twice, by two routes, has one content hash.
     */
    private static final List<String> AUTHOR_FIELDS = List.of("From", "Sender", "To", "Cc", "Subject", "Date",
            "Message-ID", "In-Reply-To", "References", "MIME-Version", "Content-Type", "Content-Transfer-Encoding");

    /**
     * The content hashes a receipt may carry for these raw bytes: that of the parsed mail ({@link #contentHash}), and
     * the hash of the raw bytes recorded for mail that could not be parsed.
     */
    public List<String> contentHashes(byte[] raw) {
        return switch (parse(raw)) {
            case ParseResult.Parsed p -> List.of(p.email().contentHash(), sha256(raw));
            case ParseResult.Unparseable u -> List.of(sha256(raw));
        };
    }

    /**
     * What the author wrote, hashed: the author's header fields (unfolded, in a fixed order) and the body, line endings
     * made LF. Lower-case hex SHA-256.
     */
    static String contentHash(MimeMessage message, byte[] raw) throws MessagingException {
        MessageDigest digest = sha256();
        for (String name : AUTHOR_FIELDS) {
            String[] values = message.getHeader(name);
            if (values != null) {
                for (String value : values) {
                    digest.update((name.toLowerCase(Locale.ROOT) + ":" + MimeUtility.unfold(value).strip()
                            .replaceAll("\\s+", " ") + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        digest.update((byte) 0);
        int start = bodyStart(raw);
        // the body without its carriage returns, in slices between them (not a byte at a time)
        int from = start;
        for (int i = start; i < raw.length; i++) {
            if (raw[i] == '\r') {
                digest.update(raw, from, i - from);
                from = i + 1;
            }
        }
        digest.update(raw, from, raw.length - from);
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Where the body begins: after the first empty line; the end when there is none. */
    private static int bodyStart(byte[] raw) {
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '\n' && i + 1 < raw.length) {
                int next = raw[i + 1] == '\r' && i + 2 < raw.length ? i + 2 : i + 1;
                if (raw[next] == '\n') {
                    return next + 1;
                }
            }
        }
        return raw.length;
    }

    /** Reads {@code in} to its end ({@code size} is the expected size, a hint) and parses it. */
    public ParseResult parse(InputStream in, long size) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream((int) Math.clamp(size, 0, 64L * 1024 * 1024));
        try {
            in.transferTo(buffer);
        } catch (IOException e) {
            return new ParseResult.Unparseable("could not read the message: " + shortMessage(e));
        }
        return parse(buffer.toByteArray());
    }

    /** Parses one whole message. */
    public ParseResult parse(byte[] raw) {
        String hash = sha256(raw);
        try {
            if (BoundaryScan.delimiterCount(raw) > limits.maxParts()) {
                return unparseable(hash, tooManyParts());
            }
            MimeMessage message = new MimeMessage(session, new SharedByteArrayInputStream(raw));
            Collector body = new Collector(new Budget(), new ArrayList<>(), new ReportParts());
            try {
                walk(message, 0, false, body);
            } catch (MessagingException | IOException e) {
                return leniently(message, raw, hash, "malformed MIME: " + shortMessage(e));
            }
            return email(message, raw, hash, body.text(), body.attachments, body.report.toReport());
        } catch (LimitExceeded e) {
            return unparseable(hash, e.getMessage());
        } catch (MessagingException e) {
            return unparseable(hash, "malformed MIME: " + shortMessage(e));
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure parsing message sha256={}", hash, e);
            return unparseable(hash, "malformed MIME: " + shortMessage(e));
        }
    }

    /**
     * A structure that does not parse (a multipart without its start boundary...) is read leniently before it is
     * given up: its text parts as far as they can be told apart ({@link LenientText}). Mail with nothing readable
     * in it is unparseable.
     */
    private ParseResult leniently(MimeMessage message, byte[] raw, String hash, String reason)
            throws MessagingException {
        String text = LenientText.read(raw, Optional.ofNullable(message.getHeader("Content-Type", null)),
                Optional.ofNullable(message.getHeader("Content-Transfer-Encoding", null)));
        if (text.isBlank()) {
            return unparseable(hash, reason);
        }
        LOG.warn("Malformed MIME in message sha256={} ({}): read leniently as text", hash, reason);
        return email(message, raw, hash, text, List.of(), Optional.empty());
    }

    private ParseResult email(MimeMessage message, byte[] raw, String hash, String textBody,
                              List<Attachment> attachments, Optional<DeliveryReport> report) throws MessagingException {
        Optional<MailboxAddress> from = firstAddress(message, "From");
        if (from.isEmpty()) {
            from = firstAddress(message, "Sender");
        }
        if (from.isEmpty()) {
            return unparseable(hash, "no From address");
        }
        return new ParseResult.Parsed(new InboundEmail(
                header(message, "Message-ID").flatMap(MessageId::parse),
                header(message, "In-Reply-To").flatMap(MessageId::parse),
                header(message, "References").map(MessageId::all).orElse(List.of()),
                from.get(),
                addresses(message, "To"),
                addresses(message, "Cc"),
                addresses(message, "Reply-To"),
                header(message, "Return-Path").map(MimeParser::returnPath),
                header(message, "Subject").map(EncodedWords::decode).orElse(""),
                Optional.ofNullable(message.getSentDate()).map(java.util.Date::toInstant),
                textBody,
                quoteStripper.strip(textBody),
                attachments,
                classificationHeaders(message),
                report,
                contentHash(message, raw),
                raw.length));
    }

    private void walk(Part part, int depth, boolean inReport, Collector out)
            throws MessagingException, IOException, LimitExceeded {
        ContentType type = contentType(part);
        String base = type.getBaseType().toLowerCase(Locale.ROOT);
        if (base.startsWith("multipart/")) {
            walkMultipart((MimePart) part, type, depth + 1, inReport, out);
        } else if (base.equals("message/rfc822") || base.equals("message/global")) {
            Attachment attachment = attachment(part, base, out);
            out.attachments.add(attachment);
            if (inReport) {
                out.report.returnedMessageId = returnedMessageId(part);
            }
        } else if (inReport && (base.equals("message/delivery-status")
                || base.equals("message/global-delivery-status"))) {
            out.report.deliveryStatus = Optional.of(TextDecoding.decode(readAll(part), Optional.empty()));
        } else if (inReport && (base.equals("text/rfc822-headers") || base.equals("message/global-headers"))) {
            out.report.returnedMessageId = returnedMessageId(part);
        } else if ((base.equals("text/plain") || base.equals("text/html")) && !isAttachment(part)) {
            String text = TextDecoding.decode(textBytes(part), Optional.ofNullable(type.getParameter("charset")));
            if (base.equals("text/html")) {
                out.html.add(HtmlText.toPlainText(text));
            } else if ("flowed".equalsIgnoreCase(type.getParameter("format"))) {
                out.plain.add(FlowedText.unflow(text, "yes".equalsIgnoreCase(type.getParameter("delsp"))));
            } else {
                out.plain.add(text);
            }
        } else {
            out.attachments.add(attachment(part, base, out));
        }
    }

    private void walkMultipart(MimePart part, ContentType type, int depth, boolean inReport, Collector out)
            throws MessagingException, IOException, LimitExceeded {
        if (depth > limits.maxDepth()) {
            throw new LimitExceeded("MIME nesting deeper than " + limits.maxDepth() + " levels");
        }
        MimeMultipart multipart = new MimeMultipart(new MimePartDataSource(part));
        int count = multipart.getCount();
        out.budget.parts += count;
        if (out.budget.parts > limits.maxParts()) {
            throw new LimitExceeded(tooManyParts());
        }
        String subtype = type.getSubType().toLowerCase(Locale.ROOT);
        boolean report = inReport || subtype.equals("report");
        if (subtype.equals("report")) {
            out.report.reportType = Optional.ofNullable(type.getParameter("report-type"))
                    .map(value -> value.strip().toLowerCase(Locale.ROOT));
        }
        if (subtype.equals("alternative")) {
            List<Collector> alternatives = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Collector alternative = out.forAlternative();
                walk(multipart.getBodyPart(i), depth, report, alternative);
                alternatives.add(alternative);
            }
            alternatives.stream().filter(c -> !c.plain.isEmpty()).findFirst()
                    .or(() -> alternatives.stream().filter(c -> !c.html.isEmpty()).findFirst())
                    .ifPresent(chosen -> {
                        out.plain.addAll(chosen.plain);
                        out.html.addAll(chosen.html);
                    });
            return;
        }
        for (int i = 0; i < count; i++) {
            BodyPart child = multipart.getBodyPart(i);
            walk(child, depth, report, out);
        }
    }

    /**
     * An attachment: its bytes kept up to the limit, its metadata always. One that cannot be decoded (a broken
     * uuencoded part, say) is kept as unreadable, with the reason, and the rest of the mail is read on.
     */
    private Attachment attachment(Part part, String base, Collector out) {
        long limit = limits.maxAttachmentBytesStored();
        long size = 0;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        Optional<String> unreadable = Optional.empty();
        try (InputStream in = part.getInputStream()) {
            int read;
            while ((read = in.read(chunk)) > 0) {
                size += read;
                if (size <= limit) {
                    kept.write(chunk, 0, read);
                }
            }
        } catch (MessagingException | IOException | RuntimeException e) {
            unreadable = Optional.of("could not be decoded: " + shortMessage(e));
        }
        Optional<byte[]> content = unreadable.isEmpty() && size <= limit ? Optional.of(kept.toByteArray())
                : Optional.empty();
        String name = fileName(part).orElseGet(() -> generatedName(base, out.attachments.size() + 1));
        unreadable.ifPresent(reason -> LOG.warn("Attachment {} could not be read: {}", name, reason));
        return new Attachment(name, base, size, content, unreadable);
    }

    /**
     * A text part's bytes, decoded from its transfer encoding; when that decoding fails, its bytes as they were
     * written (better the text with its encoding showing than no text).
     */
    private static byte[] textBytes(Part part) throws MessagingException, IOException {
        try {
            return readAll(part);
        } catch (IOException | RuntimeException e) {
            if (part instanceof MimeBodyPart body) {
                try (InputStream raw = body.getRawInputStream()) {
                    return raw.readAllBytes();
                }
            }
            throw e;
        }
    }

    private static String generatedName(String base, int index) {
        if (base.startsWith("message/")) {
            return "message-" + index + ".eml";
        }
        String subtype = base.substring(base.indexOf('/') + 1);
        return subtype.matches("[a-z0-9]{1,8}") ? "part-" + index + "." + subtype : "part-" + index;
    }

    private static Optional<String> fileName(Part part) {
        try {
            return Optional.ofNullable(part.getFileName()).map(String::strip).filter(name -> !name.isEmpty());
        } catch (MessagingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static boolean isAttachment(Part part) {
        String disposition;
        try {
            disposition = part.getDisposition();
        } catch (MessagingException | RuntimeException e) {
            disposition = null;
        }
        return Part.ATTACHMENT.equalsIgnoreCase(disposition) || fileName(part).isPresent();
    }

    private static Optional<MessageId> returnedMessageId(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            InternetHeaders headers = new InternetHeaders(in, true);
            return Optional.ofNullable(headers.getHeader("Message-ID", null))
                    .map(MimeUtility::unfold)
                    .flatMap(MessageId::parse);
        }
    }

    private static ContentType contentType(Part part) throws MessagingException {
        String raw = part.getContentType();
        if (raw == null || raw.isBlank()) {
            return new ContentType("text", "plain", new ParameterList());
        }
        try {
            return new ContentType(raw);
        } catch (ParseException e) {
            String base = raw.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
            int slash = base.indexOf('/');
            return slash > 0
                    ? new ContentType(base.substring(0, slash), base.substring(slash + 1), new ParameterList())
                    : new ContentType("application", "octet-stream", new ParameterList());
        }
    }

    private static byte[] readAll(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static Optional<String> header(MimeMessage message, String name) throws MessagingException {
        return Optional.ofNullable(message.getHeader(name, null))
                .map(value -> MimeUtility.unfold(value).strip())
                .filter(value -> !value.isEmpty());
    }

    private static List<String> headers(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        if (values == null) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        for (String value : values) {
            result.add(MimeUtility.unfold(value).strip());
        }
        return result;
    }

    private static ClassificationHeaders classificationHeaders(MimeMessage message) throws MessagingException {
        return new ClassificationHeaders(
                header(message, "Auto-Submitted"),
                header(message, "Precedence"),
                header(message, "List-Id"),
                header(message, "X-Autoreply"),
                header(message, "X-Autorespond"),
                headers(message, "Authentication-Results"));
    }

    private static Optional<MailboxAddress> firstAddress(MimeMessage message, String name)
            throws MessagingException {
        return addresses(message, name).stream().findFirst();
    }

    private static List<MailboxAddress> addresses(MimeMessage message, String name) throws MessagingException {
        Optional<String> value = header(message, name);
        if (value.isEmpty()) {
            return List.of();
        }
        List<MailboxAddress> result = new ArrayList<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value.get(), false)) {
                if (address.isGroup()) {
                    for (InternetAddress member : address.getGroup(false)) {
                        add(result, member);
                    }
                } else {
                    add(result, address);
                }
            }
        } catch (AddressException e) {
            Matcher bare = BARE_ADDRESS.matcher(value.get());
            while (bare.find()) {
                result.add(new MailboxAddress(bare.group(), Optional.empty()));
            }
        }
        return result;
    }

    private static void add(List<MailboxAddress> result, InternetAddress address) {
        String addr = address.getAddress();
        if (addr != null && !addr.isBlank()) {
            result.add(new MailboxAddress(addr, Optional.ofNullable(address.getPersonal())));
        }
    }

    private static String returnPath(String value) {
        String path = value.strip();
        if (path.startsWith("<")) {
            int end = path.indexOf('>');
            path = end < 0 ? path.substring(1) : path.substring(1, end);
        }
        return path.strip().toLowerCase(Locale.ROOT);
    }

    private String tooManyParts() {
        return "more than " + limits.maxParts() + " MIME parts";
    }

    private static ParseResult unparseable(String hash, String reason) {
        LOG.warn("Unparseable message sha256={}: {}", hash, reason);
        return new ParseResult.Unparseable(reason);
    }

    private static String shortMessage(Exception e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return "unreadable structure";
        }
        String line = message.strip().lines().findFirst().orElse("").replaceAll("\\p{Cntrl}", " ");
        return line.length() > MAX_REASON_LENGTH ? line.substring(0, MAX_REASON_LENGTH) + "..." : line;
    }

    private static String sha256(byte[] raw) {
        return HexFormat.of().formatHex(sha256().digest(raw));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** A bound of {@link ParserLimits} was crossed; carries the reason, no stack trace. */
    private static final class LimitExceeded extends Exception {
        private static final long serialVersionUID = 1L;

        LimitExceeded(String reason) {
            super(reason, null, false, false);
        }
    }

    /** Parts counted so far in the whole message. */
    private static final class Budget {
        int parts;
    }

    /** What was read from the parts of a {@code multipart/report}. */
    private static final class ReportParts {
        Optional<String> reportType = Optional.empty();
        Optional<String> deliveryStatus = Optional.empty();
        Optional<MessageId> returnedMessageId = Optional.empty();

        Optional<DeliveryReport> toReport() {
            return reportType.map(type -> DeliveryStatusFields.parse(deliveryStatus.orElse(""))
                    .toReport(type, returnedMessageId));
        }
    }

    /** Text, attachments and report parts collected during one walk; alternatives get their own text lists. */
    private record Collector(Budget budget, List<Attachment> attachments, ReportParts report,
                             List<String> plain, List<String> html) {

        Collector(Budget budget, List<Attachment> attachments, ReportParts report) {
            this(budget, attachments, report, new ArrayList<>(), new ArrayList<>());
        }

        Collector forAlternative() {
            return new Collector(budget, attachments, report);
        }

        String text() {
            List<String> texts = plain.isEmpty() ? html : plain;
            return String.join("\n\n", texts.stream().map(String::strip).filter(t -> !t.isEmpty()).toList());
        }
    }
}
