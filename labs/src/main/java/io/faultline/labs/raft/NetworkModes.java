package io.faultline.labs.raft;

/** The network's fault modes that tests switch during a run (long delays stay on throughout). */
public interface NetworkModes {
    /** Reliable: no added delay or loss; unreliable: 0-26 ms delay, 10% request and 10% reply loss. */
    void setReliable(boolean reliable);

    boolean isReliable();

    /** 2/3 of replies delayed 200 + U[0, U[0, 2000]) ms. */
    void setLongReordering(boolean longReordering);
}
