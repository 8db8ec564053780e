package io.faultline.checker.model;

/**
 * An immutable string state with a 64-bit polynomial hash that is extended incrementally on
 * append, so hashing a long value costs only the appended part. Equality is exact.
 */
final class Text {
    private static final long P = 0x100000001B3L;
    static final Text EMPTY = new Text("", 0, 1);

    final String s;
    final long h;
    /** P^length, to extend the hash of a prefix. */
    final long pow;
    /** Hashes of every prefix (index = length), for values that reads observe; else null. */
    private long[] prefixes;

    private Text(String s, long h, long pow) {
        this.s = s;
        this.h = h;
        this.pow = pow;
    }

    static Text of(String s) {
        long h = 0;
        long pow = 1;
        for (int i = 0; i < s.length(); i++) {
            h = h * P + s.charAt(i);
            pow *= P;
        }
        return new Text(s, h, pow);
    }

    /** This text with its prefix hashes computed (for read values). */
    Text withPrefixes() {
        long[] p = new long[s.length() + 1];
        long x = 0;
        for (int i = 0; i < s.length(); i++) {
            x = x * P + s.charAt(i);
            p[i + 1] = x;
        }
        prefixes = p;
        return this;
    }

    /** False only when {@code t} is certainly not a prefix of this text (needs {@link #withPrefixes}). */
    boolean mayStartWith(Text t) {
        int len = t.s.length();
        return prefixes == null || (len < prefixes.length && prefixes[len] == t.h);
    }

    Text append(Text t) {
        if (t.s.isEmpty()) {
            return this;
        }
        return new Text(s.concat(t.s), h * t.pow + t.h, pow * t.pow);
    }

    @Override
    public int hashCode() {
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Text)) {
            return false;
        }
        Text t = (Text) o;
        return h == t.h && s.length() == t.s.length() && s.equals(t.s);
    }

    @Override
    public String toString() {
        return s;
    }
}
