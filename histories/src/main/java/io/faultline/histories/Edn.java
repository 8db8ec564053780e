package io.faultline.histories;

import clojure.java.api.Clojure;
import clojure.lang.IFn;
import clojure.lang.PersistentArrayMap;
import java.io.PushbackReader;

/** Access to Clojure's own EDN reader ({@code clojure.edn/read}), loaded once. */
final class Edn {
    private Edn() {}

    static final Object EOF = new Object();

    private static final class Holder {
        static final IFn READ;
        static final Object OPTS;

        static {
            IFn require = Clojure.var("clojure.core", "require");
            require.invoke(Clojure.read("clojure.edn"));
            READ = Clojure.var("clojure.edn", "read");
            OPTS = PersistentArrayMap.EMPTY.assoc(Clojure.read(":eof"), EOF);
        }
    }

    /** Reads one form, or returns {@link #EOF}. Throws RuntimeException on malformed input. */
    static Object read(PushbackReader in) {
        return Holder.READ.invoke(Holder.OPTS, in);
    }

    /** Forces Clojure to load (so its start-up cost stays out of any timed region). */
    static void warmUp() {
        Object ignored = Holder.READ;
        if (ignored == null) {
            throw new IllegalStateException("clojure.edn/read unavailable");
        }
    }
}
