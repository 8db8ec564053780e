package io.faultline.checker.model;

import io.faultline.checker.Model;
import io.faultline.histories.Histories;
import io.faultline.histories.History;
import io.faultline.histories.HistoryFormat;
import io.faultline.histories.Operation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Models by name, and guessing a model from a history's ops. */
public final class Models {
    private Models() {}

    /** The names accepted by {@link #byName(String)}; a {@code :EDN} suffix gives an initial value. */
    public static final List<String> NAMES = List.of("register", "cas-register", "etcd", "mutex", "multi-register",
            "fifo-queue", "unordered-queue", "set", "versioned-kv", "append-kv");

    /**
     * A model from a spec such as {@code cas-register}, {@code cas-register:0} or
     * {@code multi-register:{:x 0 :y 0}}.
     */
    public static Model byName(String spec) {
        int colon = spec.indexOf(':');
        String name = colon < 0 ? spec : spec.substring(0, colon);
        Object init = null;
        boolean hasInit = colon >= 0;
        if (hasInit) {
            init = Histories.parseEdnValue(spec.substring(colon + 1));
        }
        switch (name) {
            case "register":
            case "cas-register":
                return CasRegister.knossos(init);
            case "etcd":
                return CasRegister.etcd();
            case "mutex":
                return new Mutex();
            case "multi-register":
                if (hasInit && !(init instanceof Map)) {
                    throw new IllegalArgumentException("multi-register initial value must be a map, got " + init);
                }
                return new MultiRegister(hasInit ? (Map<?, ?>) init : Map.of());
            case "fifo-queue":
            case "queue":
                return new FifoQueue();
            case "unordered-queue":
                return new UnorderedQueue();
            case "set":
                return new SetModel();
            case "versioned-kv":
                return new VersionedKv();
            case "append-kv":
            case "kv":
                return new AppendKv();
            default:
                throw new IllegalArgumentException("unknown model '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    /** A guessed model and why it was chosen. */
    public record Guess(Model model, String reason) {}

    /** Guesses the model from the set of {@code :f} values (and the file format). */
    public static Guess guess(History history, HistoryFormat format) {
        Set<String> fs = new TreeSet<>();
        boolean keyed = false;
        boolean versioned = false;
        for (Operation op : history.operations()) {
            if (op.invoke().isClient() && op.f() != null) {
                fs.add(op.f());
                keyed |= Fields.key(op.invoke()) != null;
                versioned |= Fields.has(op.invoke().value(), "version");
            }
        }
        String seen = "ops " + fs;
        if (fs.isEmpty()) {
            return new Guess(CasRegister.knossos(null), "no client ops; any model accepts an empty history");
        }
        if (Set.of("read", "write", "cas").containsAll(fs)) {
            if (format == HistoryFormat.JEPSEN_LOG) {
                return new Guess(CasRegister.etcd(), seen + " in a Jepsen 0.0.x log: Porcupine's etcd model (nil = absent)");
            }
            return new Guess(CasRegister.knossos(null), seen + ": Knossos cas-register starting at nil (use --model cas-register:0 for another start)");
        }
        if (Set.of("acquire", "release").containsAll(fs)) {
            return new Guess(new Mutex(), seen);
        }
        if (fs.equals(Set.of("txn"))) {
            return new Guess(new MultiRegister(Map.of()), seen + ": multi-register starting empty (use --model 'multi-register:{:x 0}' to set it)");
        }
        if (Set.of("enqueue", "dequeue").containsAll(fs)) {
            return new Guess(new FifoQueue(), seen + ": FIFO queue (use --model unordered-queue otherwise)");
        }
        if (Set.of("get", "put").containsAll(fs) && versioned) {
            return new Guess(new VersionedKv(), seen + " with versions: 6.5840 versioned KV");
        }
        if (Set.of("get", "put", "append").containsAll(fs) && keyed) {
            return new Guess(new AppendKv(), seen + " with keys: append KV");
        }
        if (Set.of("add", "read").containsAll(fs)) {
            return new Guess(new SetModel(), seen + ": set");
        }
        throw new IllegalArgumentException("cannot guess a model from " + seen + "; pass --model (one of "
                + String.join(", ", NAMES) + ")");
    }
}
