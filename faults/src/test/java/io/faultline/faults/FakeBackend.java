package io.faultline.faults;

import java.util.ArrayList;
import java.util.List;

/** A fault backend with every capability that records each call. */
class FakeBackend implements FaultBackend, ProcessFaults, ClockFaults, LinkFaults {
    final List<String> nodes;
    final List<String> calls = new ArrayList<>();
    String leader;

    FakeBackend(int n) {
        this.nodes = GrudgesTest.nodes(n);
    }

    @Override
    public List<String> nodes() {
        return nodes;
    }

    @Override
    public String leader() {
        return leader;
    }

    @Override
    public void partition(Grudge grudge) {
        calls.add("partition " + Grudges.grudgeMap(grudge));
    }

    @Override
    public String partitionMechanism() {
        return "fake";
    }

    @Override
    public void kill(String node) {
        calls.add("kill " + node);
    }

    @Override
    public void restart(String node) {
        calls.add("restart " + node);
    }

    @Override
    public void pause(String node) {
        calls.add("pause " + node);
    }

    @Override
    public void resume(String node) {
        calls.add("resume " + node);
    }

    @Override
    public void setClockOffsetMs(String node, long offsetMs) {
        calls.add("clock " + node + " " + offsetMs);
    }

    @Override
    public void setLoss(String node, double probability) {
        calls.add("loss " + node + " " + probability);
    }

    @Override
    public void setDelayMs(String node, long delayMs) {
        calls.add("delay " + node + " " + delayMs);
    }

    /** Only the base interface: no process, clock or link faults. */
    static final class Bare implements FaultBackend {
        final List<String> calls = new ArrayList<>();

        @Override
        public List<String> nodes() {
            return GrudgesTest.nodes(3);
        }

        @Override
        public String leader() {
            return null;
        }

        @Override
        public void partition(Grudge grudge) {
            calls.add("partition " + Grudges.grudgeMap(grudge));
        }

        @Override
        public String partitionMechanism() {
            return "bare";
        }
    }
}
