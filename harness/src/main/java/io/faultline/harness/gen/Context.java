package io.faultline.harness.gen;

import io.faultline.core.Rng;
import java.util.List;

/**
 * What a generator may look at: the time, the threads (client threads {@code 0..concurrency-1} as
 * {@code Integer}s and the nemesis thread {@link #NEMESIS}), which of them are free, the process
 * each thread currently runs as (a thread continues as a new process after an {@code info}), and
 * the seeded random source (the only randomness a generator may use).
 */
public interface Context {
    /** The nemesis thread, and its process. */
    String NEMESIS = "nemesis";

    /** Nanoseconds since the test started. */
    long nowNs();

    /** The run's seeded random source. */
    Rng rng();

    /** Every thread this generator may use, in order (clients first, then the nemesis). */
    List<Object> allThreads();

    /** The threads among {@link #allThreads()} that are idle now, in order. */
    List<Object> freeThreads();

    /** The process that {@code thread} currently runs as. */
    Object processOf(Object thread);

    /**
     * The thread among {@link #allThreads()} that currently runs as {@code process}, or null (for example an old
     * process of a thread that continued as a new one).
     */
    default Object threadOf(Object process) {
        for (Object t : allThreads()) {
            if (processOf(t).equals(process)) {
                return t;
            }
        }
        return null;
    }

    /** The same context restricted to the threads {@code keep} accepts (for clients/nemesis, reserve, each-thread). */
    Context restrict(java.util.function.Predicate<Object> keep);
}
