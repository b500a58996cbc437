package io.guichet.mail.inbound;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A part of the message that is not its text: a file, an inline image, a forwarded or returned message.
 * Metadata is always present; the bytes only when the part was not larger than
 * {@link ParserLimits#maxAttachmentBytesStored()}.
 *
 * @param filename    the decoded file name (RFC 2231 / RFC 2047, as far as it decodes), inert ({@link InertText}); a
 *                    generated one when the part had none
 * @param contentType the lower-cased base MIME type, e.g. {@code application/pdf}
 * @param size        the decoded size in bytes
 * @param content     the decoded bytes, when kept; the array is copied in and out
 * @param unreadable  why the part could not be decoded, when it could not (its content is then not kept, and
 *                    {@code size} is what was decoded before the failure)
 */
public record Attachment(String filename, String contentType, long size, Optional<byte[]> content,
                         Optional<String> unreadable) {

    /** A part read whole. */
    public Attachment(String filename, String contentType, long size, Optional<byte[]> content) {
        this(filename, contentType, size, content, Optional.empty());
    }

    public Attachment {
        filename = InertText.line(EncodedWords.decode(Objects.requireNonNull(filename, "filename")));
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(content, "content");
        unreadable = Objects.requireNonNull(unreadable, "unreadable").map(InertText::line);
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative: " + size);
        }
        content = content.map(byte[]::clone);
    }

    @Override
    public Optional<byte[]> content() {
        return content.map(byte[]::clone);
    }

    /** Whether the bytes were kept (the part was within the stored-size limit). */
    public boolean contentStored() {
        return content.isPresent();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Attachment that
                && size == that.size
                && filename.equals(that.filename)
                && contentType.equals(that.contentType)
                && content.isPresent() == that.content.isPresent()
                && unreadable.equals(that.unreadable)
                && (content.isEmpty() || Arrays.equals(content.get(), that.content.get()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, size, content.map(Arrays::hashCode).orElse(0), unreadable);
    }

    @Override
    public String toString() {
        return "Attachment[filename=" + filename + ", contentType=" + contentType + ", size=" + size
                + ", stored=" + content.isPresent() + unreadable.map(r -> ", unreadable: " + r).orElse("") + "]";
    }
}
