package io.faultline.rsm;

/**
 * Outcome of a Submit. {@code ErrNotLeader}: refused before proposing (this server was not leader,
 * killed, or too many Submits pending), so the op is certainly not in the log. {@code ErrWrongLeader}:
 * proposed, but leadership or the term changed, another op took the index, or the server was
 * killed; the op may still commit.
 */
public enum RsmErr { OK, ErrWrongLeader, ErrNotLeader }
