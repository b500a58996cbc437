package io.guichet.core;

/** The kinds of expected failure a command can meet. */
public enum ProblemCode {
    /** A required value is absent. */
    MISSING,
    /** A value is present but not one of those accepted. */
    INVALID,
    /** The actor may not do this, or the policy forbids it now. */
    NOT_ALLOWED,
    /** The thing named does not exist. */
    NOT_FOUND,
    /** Someone else changed the thing first, or the state does not allow the change. */
    CONFLICT
}
