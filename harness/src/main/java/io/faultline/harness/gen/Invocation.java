package io.faultline.harness.gen;

/**
 * An operation a generator wants performed: at {@code timeNs} (ns since the test started; the
 * interpreter waits until then), by {@code process} (a free client process, a {@code Long}, or
 * {@link Context#NEMESIS}), with Jepsen's {@code f} and {@code value}.
 */
public record Invocation(long timeNs, Object process, String f, Object value) {
    /**
     * A template for {@link Generators#op} and {@link Generators#fn}: time 0 (as soon as possible) and no process
     * (the generator fills in a free thread's process).
     */
    public static Invocation of(String f, Object value) {
        return new Invocation(0, null, f, value);
    }

    public Invocation withTime(long newTimeNs) {
        return new Invocation(newTimeNs, process, f, value);
    }

    public Invocation withProcess(Object newProcess) {
        return new Invocation(timeNs, newProcess, f, value);
    }
}
