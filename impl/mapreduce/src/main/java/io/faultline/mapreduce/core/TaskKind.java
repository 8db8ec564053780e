package io.faultline.mapreduce.core;

public enum TaskKind {
    MAP,
    REDUCE
}
