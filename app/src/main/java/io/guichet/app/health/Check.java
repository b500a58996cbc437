package io.guichet.app.health;

/** One readiness check: a part Guichet needs, and whether it works now. */
public interface Check {

    String name();

    Result run();

    /** The verdict, with a short detail for operators (never a secret). */
    record Result(boolean up, String detail) {
        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
