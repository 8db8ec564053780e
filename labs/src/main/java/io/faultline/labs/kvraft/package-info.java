/**
 * Lab 4B/4C kvraft (spec §6.5-6.6) on the simulator: {@link io.faultline.labs.kvraft.KvRaftLab},
 * {@link io.faultline.labs.kvraft.KvRaftTests} (the 22 tests, GenericTest and GenericTestSpeed) and
 * {@link io.faultline.labs.kvraft.KvRaftSimSuite} ({@code faultline lab kvraft [--raft NAME]};
 * {@code kvraft:bug-local-get} and {@code kvraft:bug-snapshot-drops-versions} for planted bugs).
 * TestOnePartition4B also requires the minority Get to complete after the heal (Go does not wait
 * for it); TestSnapshotRPC4C checks the versions PutAtLeastOnce returned rather than a hard-coded 1.
 */
package io.faultline.labs.kvraft;
