package io.faultline.labs.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which tests of which suites to run, resolved from the command line. Bad input is a
 * {@link UsageException} whose message lists what is valid.
 */
public record LabPlan(List<LabSuite> suites, List<LabTestInfo> tests) {
    /** Bad usage: exit code 2, with a message for the user. */
    public static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageException(String message) {
            super(message);
        }
    }

    /**
     * Resolves, among the {@code available} suites, {@code suiteList} (comma-separated suite names) and {@code testSpec}
     * (null for all; else comma-separated test names and parts such as {@code 3B}).
     */
    public static LabPlan resolve(List<LabSuite> available, String suiteList, String testSpec, LabOptions options)
            throws UsageException {
        List<LabSuite> suites = new ArrayList<>();
        for (String name : splitList(suiteList, "suite")) {
            LabSuite s = null;
            for (LabSuite candidate : available) {
                if (candidate.name().equals(name)) {
                    s = candidate;
                }
            }
            if (s == null) {
                throw new UsageException("unknown lab suite '" + name + "'; valid suites: " + suiteNames(available));
            }
            if (!suites.contains(s)) {
                suites.add(s);
            }
        }
        for (LabSuite s : suites) {
            String problem = s.checkOptions(options);
            if (problem != null) {
                throw new UsageException(problem);
            }
        }
        List<LabTestInfo> all = new ArrayList<>();
        for (LabSuite s : suites) {
            all.addAll(s.tests());
        }
        if (testSpec == null) {
            return new LabPlan(suites, all);
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String token : splitList(testSpec, "test")) {
            boolean matched = false;
            for (LabTestInfo t : all) {
                if (t.name().equals(token) || t.part().equals(token)) {
                    wanted.add(t.name());
                    matched = true;
                }
            }
            if (!matched) {
                throw new UsageException("unknown test '" + token + "'; valid parts: " + parts(all)
                        + "; valid tests: " + names(all));
            }
        }
        List<LabTestInfo> selected = new ArrayList<>();
        for (LabTestInfo t : all) {
            if (wanted.contains(t.name())) {
                selected.add(t);
            }
        }
        return new LabPlan(suites, selected);
    }

    /** The suite a selected test belongs to. */
    public LabSuite suiteOf(LabTestInfo test) {
        for (LabSuite s : suites) {
            if (s.name().equals(test.suite())) {
                return s;
            }
        }
        throw new IllegalStateException("no suite " + test.suite());
    }

    private static List<String> splitList(String list, String what) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String part : list.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new UsageException("empty " + what + " name in '" + list + "'");
            }
            out.add(p);
        }
        return out;
    }

    private static String suiteNames(List<LabSuite> available) {
        List<String> names = new ArrayList<>();
        for (LabSuite s : available) {
            names.add(s.name());
        }
        return String.join(", ", names);
    }

    private static String parts(List<LabTestInfo> all) {
        Map<String, Boolean> parts = new LinkedHashMap<>();
        for (LabTestInfo t : all) {
            parts.put(t.part(), true);
        }
        return String.join(", ", parts.keySet());
    }

    private static String names(List<LabTestInfo> all) {
        List<String> names = new ArrayList<>();
        for (LabTestInfo t : all) {
            names.add(t.name());
        }
        return String.join(", ", names);
    }
}
