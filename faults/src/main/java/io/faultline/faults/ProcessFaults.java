package io.faultline.faults;

/** Kill/restart and pause/resume of nodes (SIGKILL, SIGSTOP/SIGCONT on processes; crash/pause in the simulator). */
public interface ProcessFaults {
    /** Kills the node at once (no shutdown hooks, unsynced writes may be lost). No-op if it is down. */
    void kill(String node);

    /** Starts a killed node again from its data directory and waits until it serves. No-op if it is up. */
    void restart(String node);

    /** Stops the node's execution without killing it. */
    void pause(String node);

    /** Resumes a paused node. */
    void resume(String node);
}
