package io.faultline.labs.runner;

/**
 * Options a suite may use.
 *
 * @param raftName the Raft implementation under test, by registry name; null for the default
 */
public record LabOptions(String raftName) {}
