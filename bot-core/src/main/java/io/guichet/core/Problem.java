package io.guichet.core;

/**
 * An expected failure, told to a person: what was wrong with which field, and what is accepted.
 * The detail is a complete sentence for a customer or a technician: never a stack trace, SQL or class name.
 */
public record Problem(ProblemCode code, String field, String detail) {

    public static Problem missing(String field, String detail) {
        return new Problem(ProblemCode.MISSING, field, detail);
    }

    public static Problem invalid(String field, String detail) {
        return new Problem(ProblemCode.INVALID, field, detail);
    }

    public static Problem notAllowed(String field, String detail) {
        return new Problem(ProblemCode.NOT_ALLOWED, field, detail);
    }

    public static Problem notFound(String field, String detail) {
        return new Problem(ProblemCode.NOT_FOUND, field, detail);
    }

    public static Problem conflict(String field, String detail) {
        return new Problem(ProblemCode.CONFLICT, field, detail);
    }
}
