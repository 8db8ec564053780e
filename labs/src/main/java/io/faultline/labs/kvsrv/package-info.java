/**
 * Lab 2 (spec §4) on the simulator, and the kv helpers shared with kvraft.
 *
 * <ul>
 *   <li>{@link io.faultline.labs.kvsrv.KvsrvTests} — the 8 tests (4 kvsrv, 4 lock) with Go's names;
 *       {@link io.faultline.labs.kvsrv.KvsrvSimSuite} — {@code faultline lab kvsrv}, and
 *       {@code kvsrv:bug-errversion-after-resend} for the planted clerk bug.
 *   <li>{@link io.faultline.labs.kvsrv.KvTester} — Go {@code kvtest1} helpers; only they log to
 *       {@link io.faultline.labs.kvsrv.KvHistory}, which is checked with the checker's
 *       {@code VersionedKv} model after the run (generous budget; {@code unknown} fails the run).
 *   <li>{@link io.faultline.labs.kvsrv.SimClerkTransport} — clerks on simulator clients; each call
 *       costs 2-6 ms of virtual time (the simulator's reliable network has none).
 *   <li>{@link io.faultline.labs.kvsrv.RetainedSize} — the memory test's deterministic measure of
 *       the server's retained heap (reflective graph walk).
 * </ul>
 *
 * <p>Deliberate differences from Go, each checking what the Go test claims: TestUnreliableNet
 * requires the first Put of a try to be OK; the lock tests also keep a ledger of who holds the lock;
 * Porcupine's "unknown passes" is a failure here.
 */
package io.faultline.labs.kvsrv;
