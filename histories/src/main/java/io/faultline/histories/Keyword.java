package io.faultline.histories;

/** An EDN keyword such as {@code :timed-out}, kept distinct from strings so histories round-trip. */
public record Keyword(String name) {
    public Keyword {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("keyword name must be non-empty");
        }
    }

    public static Keyword of(String name) {
        return new Keyword(name.startsWith(":") ? name.substring(1) : name);
    }

    @Override
    public String toString() {
        return ":" + name;
    }
}
