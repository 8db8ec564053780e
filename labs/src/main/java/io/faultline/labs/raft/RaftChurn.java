package io.faultline.labs.raft;

import io.faultline.labs.LabTask;
import io.faultline.raft.api.StartResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * TestReliableChurn3C / TestUnreliableChurn3C (Go {@code internalChurn}): three client tasks keep
 * starting commands on every live server while the main task disconnects, crashes and restarts
 * servers; afterwards every value a client saw committed must still be in the log.
 */
final class RaftChurn {
    private static final int CLIENTS = 3;
    private static final long[] POLL_MS = {10, 20, 50, 100, 200};

    private RaftChurn() {}

    static void run(RaftTester t) {
        int n = t.servers();
        AtomicBoolean stop = new AtomicBoolean(); // tasks may be threads on a real runtime
        List<List<Long>> results = new ArrayList<>();
        List<LabTask> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int me = c;
            List<Long> values = new ArrayList<>();
            results.add(values);
            clients.add(t.env().spawn("churn-client-" + me, () -> client(t, me, stop, values)));
        }
        for (int iter = 0; iter < 20; iter++) {
            if (t.randInt(1000) < 200) {
                t.disconnect(t.randInt(n));
            }
            if (t.randInt(1000) < 500) {
                int i = t.randInt(n);
                if (!t.isUp(i)) {
                    t.restart(i);
                }
                t.connect(i);
            }
            if (t.randInt(1000) < 200) {
                int i = t.randInt(n);
                if (t.isUp(i)) {
                    t.crash(i);
                }
            }
            // often enough that peers can't settle, rarely enough that they can often keep up
            t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS * 7 / 10);
        }
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
        t.setReliable(true);
        for (int i = 0; i < n; i++) {
            if (!t.isUp(i)) {
                t.restart(i);
            }
            t.connect(i);
        }
        stop.set(true);
        List<Long> values = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            clients.get(c).join(); // a client that failed fails the test here ("client failed")
            values.addAll(results.get(c));
        }
        t.sleepMs(RaftTester.ELECTION_TIMEOUT_MS);
        long lastIndex = t.one(t.randInt(), n, true);
        List<Long> really = new ArrayList<>();
        for (long index = 1; index <= lastIndex; index++) {
            byte[] v = t.wait(index, n, -1);
            if (!Cmd.isInt(v)) {
                throw t.fail("committed value %s at index %d is not an integer", Cmd.show(v), index);
            }
            really.add(Cmd.asInt(v));
        }
        for (long v1 : values) {
            if (!really.contains(v1)) {
                throw t.fail("didn't find a value: %d, which a client saw committed, is not in the log", v1);
            }
        }
    }

    private static void client(RaftTester t, int me, AtomicBoolean stop, List<Long> values) {
        int n = t.servers();
        while (!stop.get()) {
            long x = t.randInt();
            long index = -1;
            boolean ok = false;
            for (int i = 0; i < n; i++) {
                // try them all, maybe one of them is a leader
                if (t.isUp(i)) {
                    StartResult r = t.tryStart(i, Cmd.ofInt(x));
                    if (r != null && r.isLeader()) {
                        ok = true;
                        index = r.index();
                    }
                }
            }
            if (ok) {
                // maybe the leader will commit our value, maybe not; don't wait forever
                for (long toMs : POLL_MS) {
                    ApplyLogs.Committed c = t.nCommitted(index);
                    if (c.count() > 0) {
                        if (!Cmd.isInt(c.command())) {
                            throw t.fail("wrong command type at index %d: %s", index, Cmd.show(c.command()));
                        }
                        if (Cmd.asInt(c.command()) == x) {
                            values.add(x);
                        }
                        break;
                    }
                    t.sleepMs(toMs);
                }
            } else {
                t.sleepMs(79 + me * 17L);
            }
        }
    }
}
