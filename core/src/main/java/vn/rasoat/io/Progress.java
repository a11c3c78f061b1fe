package vn.rasoat.io;

import java.time.Duration;

/** Progress lines for long steps, on standard error so that standard output stays clean for results. */
public final class Progress {
    private static volatile boolean quiet;
    private static volatile java.util.function.BiConsumer<String, String> listener;
    private final String job;
    private final long start = System.nanoTime();

    public Progress(String job) {
        this.job = job;
    }

    public static void setQuiet(boolean q) {
        quiet = q;
    }

    /** Also hand every step (job, message) to this listener, quiet or not (the benchmark times the steps). */
    public static void listen(java.util.function.BiConsumer<String, String> l) {
        listener = l;
    }

    public void step(String message) {
        var l = listener;
        if (l != null) {
            l.accept(job, message);
        }
        if (!quiet) {
            long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
            System.err.printf("[%s %6.1fs] %s%n", job, ms / 1000.0, message);
        }
    }
}
