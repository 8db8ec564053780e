package io.faultline.checker.model;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable string state with a 64-bit polynomial hash that is extended incrementally on
 * append, and with lazy concatenation: appending records (prefix, suffix) and the characters are
 * only assembled when an exact comparison needs them (equal hashes and lengths). Equality is exact.
 */
final class Text {
    private static final long P = 0x100000001B3L;
    static final Text EMPTY = new Text("", 0, 1);

    /** The characters, or null until materialized. */
    private String s;
    /** When not materialized: this = prefix + suffix (suffix is materialized). */
    private Text prefix;
    private Text suffix;
    final int length;
    final long h;
    /** P^length, to extend the hash of a prefix. */
    final long pow;
    /** Hashes of every prefix (index = length), for values that reads observe; else null. */
    private long[] prefixes;

    private Text(String s, long h, long pow) {
        this.s = s;
        this.length = s.length();
        this.h = h;
        this.pow = pow;
    }

    private Text(Text prefix, Text suffix) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.length = prefix.length + suffix.length;
        this.h = prefix.h * suffix.pow + suffix.h;
        this.pow = prefix.pow * suffix.pow;
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
        String str = str();
        long[] p = new long[str.length() + 1];
        long x = 0;
        for (int i = 0; i < str.length(); i++) {
            x = x * P + str.charAt(i);
            p[i + 1] = x;
        }
        prefixes = p;
        return this;
    }

    /** False only when {@code t} is certainly not a prefix of this text (needs {@link #withPrefixes}). */
    boolean mayStartWith(Text t) {
        return prefixes == null || (t.length < prefixes.length && prefixes[t.length] == t.h);
    }

    Text append(Text t) {
        if (t.length == 0) {
            return this;
        }
        if (length == 0) {
            return t;
        }
        t.str();
        return new Text(this, t);
    }

    /** The characters (assembled once, without recursion). */
    String str() {
        String done = s;
        if (done != null) {
            return done;
        }
        List<String> parts = new ArrayList<>();
        Text x = this;
        while (x.s == null) {
            parts.add(x.suffix.s);
            x = x.prefix;
        }
        StringBuilder sb = new StringBuilder(length);
        sb.append(x.s);
        for (int i = parts.size() - 1; i >= 0; i--) {
            sb.append(parts.get(i));
        }
        done = sb.toString();
        s = done;
        prefix = null;
        suffix = null;
        return done;
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
        return h == t.h && length == t.length && str().equals(t.str());
    }

    @Override
    public String toString() {
        return str();
    }
}
