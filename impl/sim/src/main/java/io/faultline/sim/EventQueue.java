package io.faultline.sim;

import io.faultline.core.Check;

/** A binary min-heap of events ordered by (time, seq), bounded by {@code capacityMax}. Internal. */
final class EventQueue {
    private Event[] heap = new Event[1024];
    private int size;
    private final int capacityMax;

    EventQueue(int capacityMax) {
        this.capacityMax = capacityMax;
    }

    int size() {
        return size;
    }

    void add(Event e) {
        if (size == heap.length) {
            Check.that(size < capacityMax, "event queue full: %s pending events (pendingEventsMax)", size);
            Event[] bigger = new Event[Math.min(capacityMax, heap.length * 2)];
            System.arraycopy(heap, 0, bigger, 0, size);
            heap = bigger;
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!e.before(p)) {
                break;
            }
            heap[i] = p;
            i = parent;
        }
        heap[i] = e;
    }

    /** Removes and returns the earliest event, or null when empty. */
    Event poll() {
        if (size == 0) {
            return null;
        }
        Event top = heap[0];
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            int i = 0;
            int half = size >>> 1;
            while (i < half) {
                int child = 2 * i + 1;
                Event c = heap[child];
                int right = child + 1;
                if (right < size && heap[right].before(c)) {
                    child = right;
                    c = heap[child];
                }
                if (!c.before(last)) {
                    break;
                }
                heap[i] = c;
                i = child;
            }
            heap[i] = last;
        }
        return top;
    }

    void clear() {
        java.util.Arrays.fill(heap, 0, size, null);
        size = 0;
    }
}
