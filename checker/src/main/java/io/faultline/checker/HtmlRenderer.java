package io.faultline.checker;

import io.faultline.histories.Operation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a {@link Counterexample} as one self-contained HTML page (inline SVG and CSS, no
 * scripts or external resources): one lane per process, each op a bar from invocation to
 * completion, linearization points as dots (state after the op on hover), and the op that cannot
 * be linearized in red with the states reachable before it on hover.
 */
public final class HtmlRenderer {
    private static final int LINEARIZED_SHOWN_MAX = 24;
    private static final int LANE_PX = 34;
    private static final int LEFT_PX = 110;
    private static final int WIDTH_PX = 1100;

    private HtmlRenderer() {}

    public static String render(Counterexample cx, String title) {
        List<Operation> path = cx.linearized();
        int from = Math.max(0, path.size() - LINEARIZED_SHOWN_MAX);
        Set<Operation> shown = new LinkedHashSet<>();
        for (int i = from; i < path.size(); i++) {
            shown.add(path.get(i));
        }
        shown.addAll(cx.concurrent());
        shown.add(cx.failing());
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        for (Operation o : shown) {
            lo = Math.min(lo, o.invokePos());
            hi = Math.max(hi, end(o, cx));
        }
        hi = Math.max(hi, lo + 1);
        Map<Object, Integer> lanes = new LinkedHashMap<>();
        for (Operation o : shown) {
            lanes.putIfAbsent(o.process(), lanes.size());
        }
        double scale = (WIDTH_PX - LEFT_PX - 20) / (double) (hi - lo + 1);
        int height = lanes.size() * LANE_PX + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH_PX).append("\" height=\"").append(height).append("\">\n");
        for (Map.Entry<Object, Integer> e : lanes.entrySet()) {
            int y = 20 + e.getValue() * LANE_PX;
            svg.append("<text x=\"4\" y=\"").append(y + 16).append("\" class=\"lane\">process ").append(esc(String.valueOf(e.getKey()))).append("</text>\n");
            svg.append("<line x1=\"").append(LEFT_PX).append("\" y1=\"").append(y + 24).append("\" x2=\"").append(WIDTH_PX - 10)
                    .append("\" y2=\"").append(y + 24).append("\" class=\"rule\"/>\n");
        }
        Map<Operation, Integer> pathIndex = new LinkedHashMap<>();
        for (int i = 0; i < path.size(); i++) {
            pathIndex.put(path.get(i), i);
        }
        double prevPoint = -1;
        List<String> dots = new ArrayList<>();
        for (Operation o : shown) {
            int y = 20 + lanes.get(o.process()) * LANE_PX;
            double x1 = LEFT_PX + (o.invokePos() - lo) * scale;
            double x2 = LEFT_PX + (end(o, cx) - lo + 0.8) * scale;
            boolean bad = o == cx.failing();
            String cls = bad ? "op bad" : (o.crashed() ? "op crashed" : "op");
            String tip = Call.describe(o) + (bad ? "\nstates reachable before it: " + String.join(", ", cx.statesBefore()) : "");
            svg.append("<g><title>").append(esc(tip)).append("</title><rect x=\"").append(fmt(x1)).append("\" y=\"").append(y + 4)
                    .append("\" width=\"").append(fmt(Math.max(4, x2 - x1))).append("\" height=\"18\" rx=\"3\" class=\"").append(cls)
                    .append("\"/><text x=\"").append(fmt(x1 + 3)).append("\" y=\"").append(y + 17).append("\" class=\"label\">")
                    .append(esc(label(o))).append("</text></g>\n");
        }
        for (int i = from; i < path.size(); i++) {
            Operation o = path.get(i);
            int y = 20 + lanes.get(o.process()) * LANE_PX;
            double x1 = LEFT_PX + (o.invokePos() - lo) * scale;
            double x2 = LEFT_PX + (end(o, cx) - lo + 0.8) * scale;
            double p = Math.max(prevPoint + 2, x1 + 2);
            p = Math.min(p, x2 - 2);
            prevPoint = p;
            dots.add("<g><title>" + esc("#" + (i + 1) + " " + Call.describe(o) + "\nstate after: " + cx.statesAlong().get(i))
                    + "</title><circle cx=\"" + fmt(p) + "\" cy=\"" + (y + 13) + "\" r=\"5\" class=\"point\"/></g>\n");
        }
        dots.forEach(svg::append);
        svg.append("</svg>\n");
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(esc(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:16px;color:#222}\n")
                .append(".op{fill:#cfe3ff;stroke:#4a78b5}.op.crashed{fill:#eee;stroke:#999;stroke-dasharray:4 2}\n")
                .append(".op.bad{fill:#ffb3b3;stroke:#c00;stroke-width:2}.point{fill:#1a7f37;stroke:#fff}\n")
                .append(".label{font-size:10px;pointer-events:none}.lane{font-size:12px}.rule{stroke:#eee}\n")
                .append("pre{background:#f6f6f6;padding:8px;overflow:auto}g:hover rect{stroke-width:3}\n")
                .append("</style></head><body>\n<h2>").append(esc(title)).append("</h2>\n")
                .append("<p>Model <b>").append(esc(cx.model())).append("</b>")
                .append(cx.key() == null ? "" : ", key <b>" + esc(String.valueOf(cx.key())) + "</b>")
                .append(". Bars run from invocation to completion (grey dashed: never completed). Green dots are the ")
                .append("linearization points of the longest linearization found (hover: state after). ")
                .append("The red op cannot be linearized (hover: states reachable before it).</p>\n")
                .append(svg)
                .append("<pre>").append(esc(cx.toText())).append("</pre>\n</body></html>\n");
        return h.toString();
    }

    private static long end(Operation o, Counterexample cx) {
        if (o.completion() != null) {
            return o.completionPos();
        }
        return Math.max(o.invokePos() + 1, cx.failing().completionPos() == Integer.MAX_VALUE
                ? o.invokePos() + 1 : cx.failing().completionPos() + 1);
    }

    private static String label(Operation o) {
        StringBuilder sb = new StringBuilder(String.valueOf(o.f()));
        Object v = o.value();
        if (v != null) {
            sb.append(' ');
            io.faultline.histories.EdnWriter.value(sb, v);
        }
        return sb.length() > 40 ? sb.substring(0, 37) + "..." : sb.toString();
    }

    private static String fmt(double d) {
        return String.format(java.util.Locale.ROOT, "%.1f", d);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
