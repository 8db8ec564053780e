package io.faultline.core;

/**
 * Always-on invariant checks. Unlike the {@code assert} keyword (off by default in the JVM),
 * these run in every build and every runtime.
 *
 * <p>Use one condition per call so the message says exactly what broke.
 */
public final class Check {
    private Check() {}

    /** Thrown when a checked invariant does not hold. */
    public static final class CheckFailure extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public CheckFailure(String message) {
            super(message);
        }
    }

    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new CheckFailure(message);
        }
    }

    public static void that(boolean condition, String format, Object arg) {
        if (!condition) {
            throw new CheckFailure(String.format(format, arg));
        }
    }

    public static void that(boolean condition, String format, Object arg1, Object arg2) {
        if (!condition) {
            throw new CheckFailure(String.format(format, arg1, arg2));
        }
    }

    public static void that(boolean condition, String format, Object... args) {
        if (!condition) {
            throw new CheckFailure(String.format(format, args));
        }
    }

    public static <T> T notNull(T value, String name) {
        if (value == null) {
            throw new CheckFailure(name + " must not be null");
        }
        return value;
    }

    /** Checks {@code min <= value <= max} and returns the value. */
    public static long inRange(long value, long min, long max, String name) {
        if (value < min || value > max) {
            throw new CheckFailure(name + " = " + value + " is outside [" + min + ", " + max + "]");
        }
        return value;
    }
}
