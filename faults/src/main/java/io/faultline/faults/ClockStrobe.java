package io.faultline.faults;

import io.faultline.core.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The clock strobe (Jepsen style): from the nemesis thread, flip each target's clock offset between
 * its base and base + delta every period, for a bounded duration, then put the base back.
 */
final class ClockStrobe {
    private ClockStrobe() {}

    static Object run(PackageNemesis nem, String spec, long deltaMs, long periodMs, long durationMs)
            throws InterruptedException {
        Check.that(periodMs >= NemesisPackage.STROBE_PERIOD_MS_MIN, "strobe periodMs must be at least %s, was %s",
                NemesisPackage.STROBE_PERIOD_MS_MIN, periodMs);
        Check.that(durationMs > 0 && durationMs <= NemesisPackage.STROBE_DURATION_MS_MAX,
                "strobe durationMs must be in 1..%s, was %s", NemesisPackage.STROBE_DURATION_MS_MAX, durationMs);
        Targets.Selection sel = nem.select(spec);
        Map<String, Long> base = new TreeMap<>();
        for (String n : sel.nodes()) {
            base.put(n, nem.clockOffsetMs(n));
        }
        Map<String, Object> strobe = new LinkedHashMap<>();
        strobe.put("deltaMs", deltaMs);
        strobe.put("periodMs", periodMs);
        strobe.put("durationMs", durationMs);
        Map<String, Object> detail = PackageNemesis.note(sel);
        detail.put("strobe", strobe);
        nem.recordIf("start", "clock", sel.nodes(), detail);
        long flips = Math.max(1, durationMs / periodMs);
        try {
            for (long i = 0; i < flips; i++) {
                boolean high = i % 2 == 0;
                for (String n : sel.nodes()) {
                    nem.setClock(n, base.get(n) + (high ? deltaMs : 0));
                }
                nem.sleepMs(periodMs);
            }
        } finally {
            for (String n : sel.nodes()) {
                nem.setClock(n, base.get(n));
            }
        }
        List<String> back = new ArrayList<>();
        for (String n : sel.nodes()) {
            if (base.get(n) == 0) {
                back.add(n);
            }
        }
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("strobe", "done");
        nem.recordIf("stop", "clock", back, done);
        Map<String, Object> out = PackageNemesis.result(sel, "strobed", sel.nodes());
        out.put("flips", flips);
        return out;
    }
}
