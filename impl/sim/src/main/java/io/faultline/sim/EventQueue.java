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
            if (size >= capacityMax) {
                Check.that(false, "event queue full: %s pending events (pendingEventsMax); most common: %s", size, census());
            }
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

    /** The five most common kinds of pending event (the description without its time), for the overflow message. */
    private String census() {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        for (int i = 0; i < size; i++) {
            String d = heap[i].describe();
            counts.merge(d.substring(d.indexOf(' ') + 1), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .sorted(java.util.Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(java.util.Map.Entry.comparingByKey()))
                .limit(5).map(e -> e.getValue() + " x " + e.getKey()).collect(java.util.stream.Collectors.joining("; "));
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
