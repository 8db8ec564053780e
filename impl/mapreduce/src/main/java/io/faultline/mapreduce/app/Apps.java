package io.faultline.mapreduce.app;

import java.lang.reflect.Constructor;
import java.util.List;

/**
 * Loads an app by name: one of the built-in apps of 6.5840 ({@link #NAMES}), or the fully
 * qualified name of a class implementing {@link MrApp} with a constructor taking an
 * {@link AppContext} or none.
 */
public final class Apps {
    public static final List<String> NAMES =
            List.of("wc", "indexer", "mtiming", "rtiming", "jobcount", "early_exit", "crash", "nocrash");

    private Apps() {}

    /** Thrown for a name that is neither a built-in app nor a loadable class. */
    public static final class UnknownAppException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UnknownAppException(String message) {
            super(message);
        }
    }

    public static MrApp load(String name, AppContext ctx) {
        switch (name) {
            case "wc": return new WordCount();
            case "indexer": return new Indexer();
            case "mtiming": return new MapTiming(ctx);
            case "rtiming": return new ReduceTiming(ctx);
            case "jobcount": return new JobCount(ctx);
            case "early_exit": return new EarlyExit();
            case "crash": return new Crash(ctx, true);
            case "nocrash": return new Crash(ctx, false);
            default: return loadClass(name, ctx);
        }
    }

    private static MrApp loadClass(String name, AppContext ctx) {
        String known = "unknown app '" + name + "'; built-in apps: " + String.join(", ", NAMES)
                + " (or the class name of an io.faultline.mapreduce.app.MrApp)";
        if (!name.contains(".")) {
            throw new UnknownAppException(known);
        }
        Class<?> c;
        try {
            c = Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new UnknownAppException(known);
        }
        if (!MrApp.class.isAssignableFrom(c)) {
            throw new UnknownAppException("class " + name + " does not implement " + MrApp.class.getName());
        }
        try {
            try {
                Constructor<?> withContext = c.getDeclaredConstructor(AppContext.class);
                return (MrApp) withContext.newInstance(ctx);
            } catch (NoSuchMethodException e) {
                return (MrApp) c.getDeclaredConstructor().newInstance();
            }
        } catch (ReflectiveOperationException e) {
            throw new UnknownAppException("cannot instantiate app class " + name + ": " + e);
        }
    }
}
