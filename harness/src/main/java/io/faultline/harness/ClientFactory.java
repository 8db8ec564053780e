package io.faultline.harness;

/** Opens a client for one interpreter thread; {@code node} is the node the thread prefers (threads are spread over the nodes). */
public interface ClientFactory {
    Client open(int thread, String node) throws Exception;
}
