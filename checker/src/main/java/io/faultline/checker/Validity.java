package io.faultline.checker;

/** A checker verdict. Composition takes the worst: FALSE over UNKNOWN over TRUE. */
public enum Validity {
    TRUE, UNKNOWN, FALSE;

    public static Validity worst(Validity a, Validity b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    /** {@code true}, {@code false} or {@code unknown}, as in Jepsen results. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** CLI exit code: 0 valid, 1 invalid, 2 unknown. */
    public int exitCode() {
        switch (this) {
            case TRUE: return 0;
            case FALSE: return 1;
            default: return 2;
        }
    }
}
