package io.faultline.histories;

/** The four Jepsen op types. */
public enum OpType {
    INVOKE, OK, FAIL, INFO;

    /** The lower-case name used in EDN ({@code :ok}) and JSON ({@code "ok"}). */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static OpType parse(String s) {
        String t = s.startsWith(":") ? s.substring(1) : s;
        switch (t) {
            case "invoke": return INVOKE;
            case "ok": return OK;
            case "fail": return FAIL;
            case "info": return INFO;
            default: throw new IllegalArgumentException("unknown op type '" + s + "' (expected invoke, ok, fail or info)");
        }
    }

    public boolean isCompletion() {
        return this != INVOKE;
    }
}
