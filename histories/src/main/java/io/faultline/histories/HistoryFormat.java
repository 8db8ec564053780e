package io.faultline.histories;

/** The history file formats we read. */
public enum HistoryFormat {
    /** One JSON object per line. */
    JSONL,
    /** EDN: one op map per line (Jepsen history.edn, Porcupine kv files) or a vector/list of maps (Knossos). */
    EDN,
    /** The Jepsen 0.0.x log lines of Porcupine's etcd corpus. */
    JEPSEN_LOG
}
