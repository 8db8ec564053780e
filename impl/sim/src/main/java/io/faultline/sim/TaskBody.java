package io.faultline.sim;

/** The code of a simulation task; it may sleep, block on calls and join other tasks. */
@FunctionalInterface
public interface TaskBody {
    void run() throws Exception;
}
