package io.faultline.workloads;

import io.faultline.harness.ClientFactory;
import io.faultline.harness.KvClerks;
import io.faultline.harness.Workload;

/** A workload over the versioned key/value store of kvsrv/kvraft: it also says how to build its clients. */
public interface KvWorkload extends Workload {
    /** Clients for this workload's ops over {@code clerks}; each clerk call gives up after {@code opTimeoutMs}. */
    default ClientFactory clients(KvClerks clerks, long opTimeoutMs) {
        return (thread, node) -> new KvClient(clerks.open(thread, node, opTimeoutMs), name());
    }
}
