package io.guichet.mail.inbound;

/**
 * Bounds on the work {@link MimeParser} does for one message.
 *
 * @param maxDepth                 deepest multipart nesting accepted (the message itself is depth 0)
 * @param maxParts                 most MIME body parts accepted in the whole message
 * @param maxAttachmentBytesStored largest attachment whose bytes are kept; larger ones keep metadata only
 */
public record ParserLimits(int maxDepth, int maxParts, long maxAttachmentBytesStored) {

    /** 20 levels, 200 parts, 5 MB. */
    public static final ParserLimits DEFAULTS = new ParserLimits(20, 200, 5L * 1024 * 1024);

    public ParserLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
        }
        if (maxParts < 1) {
            throw new IllegalArgumentException("maxParts must be at least 1: " + maxParts);
        }
        if (maxAttachmentBytesStored < 0) {
            throw new IllegalArgumentException("maxAttachmentBytesStored must not be negative: "
                    + maxAttachmentBytesStored);
        }
    }
}
