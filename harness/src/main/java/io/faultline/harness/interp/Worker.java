package io.faultline.harness.interp;

import io.faultline.faults.Nemesis;
import io.faultline.harness.Client;
import io.faultline.harness.ClientFactory;
import io.faultline.harness.Completion;
import io.faultline.harness.gen.Invocation;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One interpreter worker: performs the ops sent to its inbox, one at a time, and puts each completion on the
 * interpreter's event mailbox. A client worker opens its client lazily (on its own thread) and replaces it after an
 * {@code info}; the nemesis worker calls the {@link Nemesis}. A worker never records anything: the interpreter's loop
 * does, and ignores the events of a worker it abandoned.
 */
final class Worker implements Runnable {
    /** What a worker sends back: a completion of {@code op}, or (op null) that it exited. */
    record Event(Worker worker, Invocation op, Completion completion) {
    }

    static final Invocation STOP = new Invocation(0, null, "stop", null);

    /** The f that makes the nemesis worker call {@link Nemesis#healAll()} (unless the nemesis accepts it itself). */
    static final String HEAL_ALL = "heal-all";

    private final int thread;
    private final String node;
    private final ClientFactory clients;
    private final Nemesis nemesis;
    private final Mailbox<Invocation> inbox;
    private final Mailbox<Event> events;
    private final long idlePollNs;
    private final AtomicReference<Client> client = new AtomicReference<>();
    private volatile boolean abandoned;

    /** A client worker for {@code thread} ({@code nemesis} null), or the nemesis worker ({@code clients} null). */
    Worker(int thread, String node, ClientFactory clients, Nemesis nemesis, Mailbox<Invocation> inbox,
           Mailbox<Event> events, long idlePollNs) {
        this.thread = thread;
        this.node = node;
        this.clients = clients;
        this.nemesis = nemesis;
        this.inbox = inbox;
        this.events = events;
        this.idlePollNs = idlePollNs;
    }

    /** The interpreter's slot (client thread t, or concurrency for the nemesis). */
    int slot() {
        return thread;
    }

    Mailbox<Invocation> inbox() {
        return inbox;
    }

    /** The interpreter gave up on this worker's current call: it finishes that call, then closes its client and exits. */
    void abandon() {
        abandoned = true;
    }

    boolean isAbandoned() {
        return abandoned;
    }

    @Override
    public void run() {
        try {
            while (true) {
                Invocation op = inbox.poll(idlePollNs);
                if (op == STOP || abandoned) { // abandoned before it began the call: the call is not made at all
                    break;
                }
                if (op == null) {
                    continue;
                }
                Completion c = clients != null ? performClient(op) : performNemesis(op);
                events.put(new Event(this, op, c));
                if (abandoned) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeClient();
            events.put(new Event(this, null, null));
        }
    }

    private Completion performClient(Invocation op) {
        Client c = client.get();
        if (c == null) {
            try {
                c = clients.open(thread, node);
                if (c == null) {
                    return Completion.fail(op.value(), "client factory returned no client");
                }
                client.set(c);
            } catch (Throwable e) {
                return Completion.fail(op.value(), "client open failed: " + describe(e));
            }
        }
        Completion done;
        try {
            done = c.invoke(op);
            if (done == null) {
                done = Completion.info(op.value(), "client returned no completion");
            }
        } catch (Throwable e) {
            done = Completion.info(op.value(), describe(e));
        }
        if (done.type() == io.faultline.histories.OpType.INFO) {
            closeClient();
        }
        return done;
    }

    private Completion performNemesis(Invocation op) {
        if (nemesis == null) {
            return Completion.fail(op.value(), "no nemesis in this test");
        }
        try {
            if (HEAL_ALL.equals(op.f()) && !nemesis.fs().contains(HEAL_ALL)) {
                nemesis.healAll();
                return Completion.ok(op.value());
            }
            return Completion.ok(nemesis.invoke(op.f(), op.value()));
        } catch (Throwable e) {
            return Completion.info(op.value(), describe(e));
        }
    }

    /** Closes the current client once (also called by the interpreter for a worker stuck at the end). Never throws. */
    void closeClient() {
        Client c = client.getAndSet(null);
        if (c != null) {
            try {
                c.close();
            } catch (Throwable ignored) {
                // Client.close must not throw; a broken one must not stop the others from closing.
            }
        }
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }
}
