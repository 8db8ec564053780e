package io.faultline.histories;

import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes Jepsen-compatible {@code history.edn}: one op map per line, keywords for type and f. */
public final class EdnWriter extends LineOpWriter {
    public EdnWriter(Writer out) {
        super(out);
    }

    @Override
    String line(Op op) {
        return format(op);
    }

    /** One op as an EDN map. */
    public static String format(Op op) {
        StringBuilder sb = new StringBuilder(96);
        sb.append("{:index ").append(op.index());
        if (op.timeNs() >= 0) {
            sb.append(", :time ").append(op.timeNs());
        }
        sb.append(", :type :").append(op.type().label());
        sb.append(", :process ");
        value(sb, op.process());
        if (op.f() != null) {
            sb.append(", :f :").append(op.f());
        }
        sb.append(", :value ");
        value(sb, op.value());
        if (op.node() != null) {
            sb.append(", :node ");
            value(sb, op.node());
        }
        if (op.error() != null) {
            sb.append(", :error ");
            value(sb, op.error());
        }
        for (Map.Entry<String, Object> e : op.extra().entrySet()) {
            sb.append(", :").append(e.getKey()).append(' ');
            value(sb, e.getValue());
        }
        return sb.append('}').toString();
    }

    /** A Java value (as produced by the readers) in EDN syntax. */
    public static String text(Object v) {
        StringBuilder sb = new StringBuilder();
        value(sb, v);
        return sb.toString();
    }

    /** Appends a Java value (as produced by the readers) in EDN syntax. */
    public static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("nil");
        } else if (v instanceof String) {
            string(sb, (String) v);
        } else if (v instanceof Keyword || v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map) {
            sb.append('{');
            Iterator<? extends Map.Entry<?, ?>> it = ((Map<?, ?>) v).entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<?, ?> e = it.next();
                value(sb, e.getKey());
                sb.append(' ');
                value(sb, e.getValue());
                if (it.hasNext()) {
                    sb.append(", ");
                }
            }
            sb.append('}');
        } else if (v instanceof Set) {
            sb.append("#{");
            seq(sb, (Collection<?>) v);
            sb.append('}');
        } else if (v instanceof List || v instanceof Collection) {
            sb.append('[');
            seq(sb, (Collection<?>) v);
            sb.append(']');
        } else {
            string(sb, v.toString());
        }
    }

    private static void seq(StringBuilder sb, Collection<?> c) {
        boolean first = true;
        for (Object o : c) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            value(sb, o);
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                default: sb.append(c);
            }
        }
        sb.append('"');
    }
}
