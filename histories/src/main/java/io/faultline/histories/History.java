package io.faultline.histories;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable history: ops in order, with invocations paired to their completions.
 *
 * <p>Pairing follows Jepsen: a completion (ok/fail/info) closes the pending invocation of the same
 * process. An {@code info} from a process with nothing pending (the nemesis) is a standalone event,
 * listed by {@link #unpaired()}. An ok/fail without a pending invocation, or a second invocation
 * while one is pending, is an error.
 */
public final class History {
    /** An invocation or completion that cannot be paired; {@link #position()} is its index in the op list. */
    public static final class PairingException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int position;

        PairingException(int position, String message) {
            super(message);
            this.position = position;
        }

        public int position() {
            return position;
        }
    }

    private final List<Op> ops;
    private final List<Operation> operations;
    private final List<Op> unpaired;
    private final int[] partner;

    public History(List<Op> ops) {
        this.ops = Collections.unmodifiableList(new ArrayList<>(ops));
        this.partner = new int[ops.size()];
        java.util.Arrays.fill(partner, -1);
        List<Operation> paired = new ArrayList<>();
        List<Op> loose = new ArrayList<>();
        Map<Object, Integer> pending = new HashMap<>();
        int[] slot = new int[ops.size()];
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            Object p = op.process();
            if (op.type() == OpType.INVOKE) {
                Integer prev = pending.put(p, i);
                if (prev != null) {
                    throw new PairingException(i, "process " + p
                            + " invoked again while its op " + prev + " is still pending");
                }
                slot[i] = paired.size();
                paired.add(null);
            } else {
                Integer inv = pending.remove(p);
                if (inv == null) {
                    if (op.type() == OpType.INFO) {
                        loose.add(op);
                        continue;
                    }
                    throw new PairingException(i, op.type().label()
                            + " completion for process " + p + " without a pending invocation");
                }
                partner[inv] = i;
                partner[i] = inv;
                paired.set(slot[inv], new Operation(ops.get(inv), op, inv, i));
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            if (ops.get(i).type() == OpType.INVOKE && partner[i] < 0) {
                paired.set(slot[i], new Operation(ops.get(i), null, i, Integer.MAX_VALUE));
            }
        }
        this.operations = Collections.unmodifiableList(paired);
        this.unpaired = Collections.unmodifiableList(loose);
    }

    public static History of(Op... ops) {
        return new History(List.of(ops));
    }

    public List<Op> ops() {
        return ops;
    }

    public int size() {
        return ops.size();
    }

    /** Every invocation with its completion (or none), in invocation order. */
    public List<Operation> operations() {
        return operations;
    }

    /** Completions that close no invocation (for example nemesis info events). */
    public List<Op> unpaired() {
        return unpaired;
    }

    /** The position of the completion of the invocation at {@code pos} (or the reverse), or -1. */
    public int partnerOf(int pos) {
        return partner[pos];
    }

    /** The ops of each process, in history order; processes in order of first appearance. */
    public Map<Object, List<Op>> byProcess() {
        Map<Object, List<Op>> m = new LinkedHashMap<>();
        for (Op op : ops) {
            m.computeIfAbsent(op.process(), k -> new ArrayList<>()).add(op);
        }
        return m;
    }

    /** Only the client ops (integer processes). */
    public History clientOps() {
        List<Op> out = new ArrayList<>();
        for (Op op : ops) {
            if (op.isClient()) {
                out.add(op);
            }
        }
        return new History(out);
    }
}
