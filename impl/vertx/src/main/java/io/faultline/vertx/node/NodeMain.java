package io.faultline.vertx.node;

/**
 * Entry point of a node process without the CLI module:
 * {@code java -cp CLASSPATH io.faultline.vertx.node.NodeMain --system raft --id 0 --peers ... --data-dir D --admin PORT}.
 * Bad flags exit 2 with a message; a start-up failure exits 3.
 */
public final class NodeMain {
    private NodeMain() {}

    public static void main(String[] args) {
        NodeOptions options;
        try {
            options = NodeArgs.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("faultline node: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(NodeProcess.run(options, System.out, System.err));
    }
}
