package io.faultline.harness.gen;

/**
 * An operation a generator wants performed: at {@code timeNs} (ns since the test started; the
 * interpreter waits until then), by {@code process} (a free client process, a {@code Long}, or
 * {@link Context#NEMESIS}), with Jepsen's {@code f} and {@code value}.
 */
public record Invocation(long timeNs, Object process, String f, Object value) {
    public Invocation withTime(long newTimeNs) {
        return new Invocation(newTimeNs, process, f, value);
    }

    public Invocation withProcess(Object newProcess) {
        return new Invocation(timeNs, newProcess, f, value);
    }
}
