package io.faultline.dashboards.cli;

import io.faultline.dashboards.DashboardServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code faultline serve}: the read-only dashboards over a store. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serves the dashboards over a store (read-only): runs, run pages, trends, live runs, JSON API.",
            "Binds to 127.0.0.1 unless --bind says otherwise. Stop with Ctrl-C."})
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = "store", description = "The store directory (default: ${DEFAULT-VALUE}).")
    Path store;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "TCP port, 0 for any free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Override
    public Integer call() throws Exception {
        var err = spec.commandLine().getErr();
        if (!Files.isDirectory(store)) {
            err.println("faultline serve: no store directory at " + store.toAbsolutePath() + " (use --store DIR)");
            return DashboardCommands.EXIT_USAGE;
        }
        if (port < 0 || port > 65535) {
            err.println("faultline serve: --port must be 0..65535, not " + port);
            return DashboardCommands.EXIT_USAGE;
        }
        InetAddress addr;
        try {
            addr = InetAddress.getByName(bind);
        } catch (java.net.UnknownHostException e) {
            err.println("faultline serve: --bind " + bind + " is not an address of this machine");
            return DashboardCommands.EXIT_USAGE;
        }
        DashboardServer server = DashboardServer.start(store, bind, port);
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                server.close();
            } catch (Exception e) {
                // exiting anyway
            }
            stop.countDown();
        }, "faultline-serve-shutdown"));
        server.warmInBackground();
        var out = spec.commandLine().getOut();
        out.println("faultline serve: " + store.toAbsolutePath().normalize() + " at http://"
                + (bind.contains(":") ? "[" + bind + "]" : bind) + ":" + server.port() + "/ (read-only; Ctrl-C stops)");
        if (!addr.isLoopbackAddress()) {
            out.println("faultline serve: warning: listening on " + bind + ", reachable beyond this machine; there is no authentication");
        }
        out.flush();
        stop.await();
        return DashboardCommands.EXIT_OK;
    }
}
