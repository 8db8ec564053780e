package io.faultline.labs.raft;

/**
 * Crash, restart and connectivity of a cluster's peers, with the semantics of the Go tester's
 * server group (spec §1.2): connect/disconnect affect only server-to-server links.
 */
public interface ClusterFaults {
    /**
     * Go {@code ShutdownServer(i)}: disconnect i from everyone, fail every in-flight and future RPC
     * to it, freeze its persisted state (later writes of the dead instance are lost) and kill it.
     */
    void crash(int i);

    /**
     * Go {@code StartServer(i)}: a new instance from the last persisted state, with a fresh
     * applier; it stays disconnected until {@link #connect}.
     */
    void restart(int i);

    /** Go {@code ConnectOne(i)}: marks i connected and enables links between i and connected peers. */
    void connect(int i);

    /** Go {@code DisconnectAll(i)}: marks i disconnected and disables its links both ways. */
    void disconnect(int i);

    /** Go {@code IsConnected(i)}. */
    boolean isConnected(int i);
}
