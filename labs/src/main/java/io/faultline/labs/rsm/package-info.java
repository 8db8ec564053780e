/**
 * Lab 4A/4C rsm (spec §6.2-6.3) on the simulator: {@link io.faultline.labs.rsm.RsmLab} (3 servers,
 * only Raft registered, a {@link io.faultline.labs.rsm.CounterSm} whose Dec aborts the run),
 * {@link io.faultline.labs.rsm.RsmTests} (the 8 tests) and {@link io.faultline.labs.rsm.RsmSimSuite}
 * ({@code faultline lab rsm [--raft NAME]}). TestLeaderPartition4A fails if any minority Submit
 * returns within the first second (Go only notices when all of them do).
 */
package io.faultline.labs.rsm;
