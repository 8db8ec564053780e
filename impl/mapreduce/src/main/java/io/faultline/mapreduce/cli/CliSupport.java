package io.faultline.mapreduce.cli;

import io.faultline.mapreduce.UsageException;
import io.faultline.mapreduce.app.Apps;
import java.io.IOException;
import java.io.PrintStream;

/** Maps the outcome of a subcommand body to an exit code with a one-line message. */
final class CliSupport {
    private CliSupport() {}

    interface Body {
        int run() throws Exception;
    }

    static int guarded(String who, Body body) {
        PrintStream err = System.err;
        try {
            return body.run();
        } catch (UsageException | Apps.UnknownAppException e) {
            err.println("faultline mr " + who + ": " + e.getMessage());
            return MrCommand.EXIT_USAGE;
        } catch (IOException e) {
            err.println("faultline mr " + who + ": error: " + describe(e));
            return MrCommand.EXIT_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("faultline mr " + who + ": interrupted");
            return MrCommand.EXIT_ERROR;
        } catch (RuntimeException e) {
            err.println("faultline mr " + who + ": error: " + describe(e));
            return MrCommand.EXIT_ERROR;
        } catch (Exception e) {
            err.println("faultline mr " + who + ": error: " + describe(e));
            return MrCommand.EXIT_ERROR;
        }
    }

    static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return (n.getReason() == null ? "no such file" : n.getReason()) + ": " + n.getFile();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
