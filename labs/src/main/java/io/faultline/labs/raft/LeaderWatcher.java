package io.faultline.labs.raft;

/**
 * Told of a leadership claim ({@code server} says it leads {@code term}) by a runtime that can see
 * every state change of a node, not only the moments the tester polls.
 */
@FunctionalInterface
public interface LeaderWatcher {
    void claim(int server, long term);
}
