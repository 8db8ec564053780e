package io.faultline.kvsrv;

import io.faultline.core.Check;
import java.util.function.LongConsumer;

/**
 * A lock built only from {@link KvClerk#get} and {@link KvClerk#put} (spec §4.1): the lock key
 * holds "" when free and the owner's unique id when held. An ErrMaybe is resolved by re-reading
 * the key. Mutual exclusion holds among any number of Lock objects on the same key.
 */
public final class Lock {
    /** Pause between polls of a held lock. */
    public static final long POLL_MS = 10;

    private final KvClerk ck;
    private final String key;
    private final String ownerId;
    private final LongConsumer sleepMs;

    /**
     * {@code ownerId} must be unique among all lockers of {@code key} and non-empty; {@code sleepMs}
     * pauses the caller between polls (virtual time on the simulator).
     */
    public Lock(KvClerk ck, String key, String ownerId, LongConsumer sleepMs) {
        Check.that(ownerId != null && !ownerId.isEmpty(), "lock owner id must be non-empty");
        this.ck = ck;
        this.key = key;
        this.ownerId = ownerId;
        this.sleepMs = Check.notNull(sleepMs, "sleepMs");
    }

    /** Blocks until this owner holds the lock. */
    public void acquire() {
        while (true) {
            KvClerk.GetResult g = ck.get(key);
            if (g.err() == Err.OK && g.value().equals(ownerId)) {
                return; // an earlier ErrMaybe put did apply
            }
            if (g.err() == Err.ErrNoKey || g.value().isEmpty()) {
                long ver = g.err() == Err.ErrNoKey ? 0 : g.version();
                Err e = ck.put(key, ownerId, ver);
                if (e == Err.OK) {
                    return;
                }
                if (e == Err.ErrMaybe) {
                    continue; // re-read decides
                }
            }
            sleepMs.accept(POLL_MS);
        }
    }

    /** Releases a lock this owner holds. */
    public void release() {
        while (true) {
            KvClerk.GetResult g = ck.get(key);
            Check.that(g.err() == Err.OK && g.value().equals(ownerId),
                    "release of lock %s by %s, which does not hold it", key, ownerId);
            Err e = ck.put(key, "", g.version());
            if (e == Err.OK || e == Err.ErrMaybe) {
                if (e == Err.OK) {
                    return;
                }
                KvClerk.GetResult again = ck.get(key);
                if (!again.value().equals(ownerId)) {
                    return; // our release applied (someone may already hold it again)
                }
            }
        }
    }
}
