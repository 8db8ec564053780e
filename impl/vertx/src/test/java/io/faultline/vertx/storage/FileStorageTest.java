package io.faultline.vertx.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.faultline.core.Check;
import io.faultline.core.codec.Records;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FileStorageTest {
    @TempDir
    Path dir;
    Vertx vertx;
    Context ctx;
    final List<Throwable> fatal = new ArrayList<>();

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        ctx = vertx.getOrCreateContext();
    }

    @AfterEach
    void tearDown() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
        assertTrue(fatal.isEmpty(), "no fatal storage errors: " + fatal);
    }

    /** Runs {@code body} on the context with a fresh storage over {@code dir}, and waits for its result. */
    <T> T on(Function<FileStorage, CompletableFuture<T>> body) {
        CompletableFuture<T> out = new CompletableFuture<>();
        ctx.runOnContext(v -> {
            FileStorage s = new FileStorage(dir, ctx, fatal::add);
            body.apply(s).whenComplete((r, e) -> ctx.runOnContext(x -> {
                s.close();
                if (e != null) {
                    out.completeExceptionally(e);
                } else {
                    out.complete(r);
                }
            }));
        });
        return out.join();
    }

    static CompletableFuture<Void> synced(FileStorage s) {
        CompletableFuture<Void> f = new CompletableFuture<>();
        s.sync(() -> f.complete(null));
        return f;
    }

    @Test
    void atomicWriteIsVisibleAtOnceAndOnDiskAfterSync() {
        byte[] fromDisk = on(s -> {
            s.write("state", new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, s.read("state"), "visible before sync");
            assertEquals(3, s.sizeBytes("state"));
            assertEquals(List.of("state"), s.list());
            return synced(s).thenApply(v -> s.read("state"));
        });
        assertArrayEquals(new byte[] {1, 2, 3}, fromDisk);
        assertTrue(Files.exists(dir.resolve("state")));
        assertFalse(Files.exists(dir.resolve("state.tmp")), "no temp file left behind");
        // a new instance (a restarted node) rereads the same content
        assertArrayEquals(new byte[] {1, 2, 3}, on(s -> CompletableFuture.completedFuture(s.read("state"))));
    }

    @Test
    void rewriteReplacesTheWholeFile() {
        on(s -> {
            s.write("state", new byte[100]);
            return synced(s).thenCompose(v -> {
                s.write("state", new byte[] {7});
                return synced(s);
            });
        });
        assertArrayEquals(new byte[] {7}, on(s -> CompletableFuture.completedFuture(s.read("state"))));
    }

    @Test
    void unsyncedAtomicWriteNeverReachesTheFile() {
        on(s -> {
            s.write("state", new byte[] {1});
            return synced(s).thenApply(v -> {
                s.write("state", new byte[] {2});
                return null; // storage closed without a sync: like a crash
            });
        });
        assertArrayEquals(new byte[] {1}, on(s -> CompletableFuture.completedFuture(s.read("state"))));
    }

    @Test
    void leftoverTempFileFromACrashedWriteIsIgnored() throws Exception {
        Files.write(dir.resolve("state"), new byte[] {1});
        Files.write(dir.resolve("state.tmp"), new byte[] {9, 9}); // a write that crashed before its rename
        assertArrayEquals(new byte[] {1}, on(s -> {
            assertEquals(List.of("state"), s.list());
            return CompletableFuture.completedFuture(s.read("state"));
        }));
        assertFalse(Files.exists(dir.resolve("state.tmp")));
    }

    @Test
    void appendsAccumulateAndSyncCallbacksRunLaterOnTheContext() {
        AtomicBoolean inside = new AtomicBoolean();
        boolean onContext = on(s -> {
            s.append("log", new byte[] {1});
            s.append("log", new byte[] {2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, s.read("log"));
            CompletableFuture<Boolean> f = new CompletableFuture<>();
            inside.set(true);
            s.sync(() -> f.complete(!inside.get() && Vertx.currentContext() == ctx));
            inside.set(false);
            return f;
        });
        assertTrue(onContext, "callback ran later, on the node context");
        assertEquals(3L, (long) on(s -> CompletableFuture.completedFuture(s.sizeBytes("log"))));
    }

    @Test
    void groupCommitCoversManySyncsWithFewerRounds() {
        long[] counts = on(s -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                s.append("log", Records.encode(new byte[] {(byte) i}));
                all.add(synced(s));
            }
            return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]))
                    .thenApply(v -> new long[] {s.syncRounds(), s.syncCallbacks()});
        });
        assertEquals(200, counts[1]);
        assertTrue(counts[0] < 200, "200 syncs issued in one callback took " + counts[0] + " rounds");
    }

    @Test
    void tornAppendTailIsDetectedAsTornNotCorrupt() throws Exception {
        on(s -> {
            for (int i = 0; i < 5; i++) {
                s.append("log", Records.encode(new byte[] {(byte) i, 1, 2, 3}));
            }
            return synced(s);
        });
        Path log = dir.resolve("log");
        long full = Files.size(log);
        try (RandomAccessFile f = new RandomAccessFile(log.toFile(), "rw")) {
            f.setLength(full - 2); // a crash in the middle of the last append
        }
        byte[] bytes = on(s -> CompletableFuture.completedFuture(s.read("log")));
        int offset = 0;
        int whole = 0;
        Records.ReadResult r;
        while ((r = Records.read(bytes, offset, bytes.length)) instanceof Records.Ok ok) {
            whole++;
            offset = ok.nextOffset();
        }
        assertEquals(4, whole);
        assertTrue(r instanceof Records.Torn, "tail is torn: " + r);
        int tornAt = offset;
        // the owner truncates the torn tail and keeps appending
        byte[] after = on(s -> {
            s.truncate("log", tornAt);
            s.append("log", Records.encode(new byte[] {42}));
            return synced(s).thenApply(v -> s.read("log"));
        });
        Records.ReadResult last = null;
        offset = 0;
        whole = 0;
        while (offset < after.length) {
            last = Records.read(after, offset, after.length);
            offset = ((Records.Ok) last).nextOffset();
            whole++;
        }
        assertEquals(5, whole);
        assertArrayEquals(new byte[] {42}, ((Records.Ok) last).payload());
    }

    @Test
    void deleteAndTruncateOfStagedAndAppendedFiles() {
        List<String> names = on(s -> {
            s.write("a", new byte[] {1, 2, 3});
            s.append("a", new byte[] {4});
            s.truncate("a", 2);
            assertArrayEquals(new byte[] {1, 2}, s.read("a"));
            s.append("b", new byte[] {5});
            s.write("c", new byte[] {6});
            return synced(s).thenCompose(v -> {
                s.delete("b");
                s.write("c", new byte[] {7});
                s.delete("c");
                assertNull(s.read("c"));
                return synced(s).thenApply(x -> s.list());
            });
        });
        assertEquals(List.of("a"), names);
        assertArrayEquals(new byte[] {1, 2}, on(s -> CompletableFuture.completedFuture(s.read("a"))));
        assertFalse(Files.exists(dir.resolve("c")));
    }

    @Test
    void badNamesAreRejected() {
        on(s -> {
            assertThrows(Check.CheckFailure.class, () -> s.write("../x", new byte[0]));
            assertThrows(Check.CheckFailure.class, () -> s.append("x.tmp", new byte[0]));
            assertThrows(Check.CheckFailure.class, () -> s.read(""));
            return CompletableFuture.completedFuture(null);
        });
    }
}
