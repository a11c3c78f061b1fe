package vn.rasoat.spark;

import org.apache.spark.sql.SparkSession;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Independent pieces of a job (record types of an ingest, groups of marts) run on a few driver threads at once, their
 * Spark jobs sharing the executors. On a cluster, a small input's pieces spend most of their time waiting (round trips
 * to the executors, scheduling, a write's commit): run side by side, those waits overlap. With one thread
 * ({@link #threads}: in local mode, or on a large input) each piece runs on the caller's thread when it is submitted,
 * as plain sequential code: same order, and an exception stops the job where it is thrown.
 *
 * <p>Side by side, the first failure stops the rest: the pieces' Spark jobs, running and future, are cancelled (one job
 * group), a piece not yet started never starts, and {@link #close} waits until every piece has ended, so nothing
 * writes after the job has failed. {@link #join} throws that first failure as it was thrown.
 */
public final class ParallelJobs implements AutoCloseable {
    private final SparkSession spark;
    /** Null with one thread: pieces run on the caller's thread. */
    private final ExecutorService pool;
    private final String group;
    private final String description;
    private final List<CompletableFuture<?>> submitted = new ArrayList<>();
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private volatile boolean stopped;

    public ParallelJobs(SparkSession spark, String name, int threads) {
        this.spark = spark;
        this.group = "rasoat-" + name + "-" + UUID.randomUUID();
        this.description = "rasoat " + name;
        this.pool = threads <= 1 ? null : Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rasoat-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * How many pieces at once: {@code wanted} on a cluster when the input is at most {@code limit} (in its unit), else
     * one. Measured on a generated district on the two-worker test cluster: its ingest went 67 → 39–41 s with three
     * record types at once (in the same change as C1-only compilation of the cluster's JVMs, so the two are not
     * separated); in local mode on 2 cores the demo's marts went 27 → 36 s side by side and its ingest stayed at 32 s
     * (there the driver and the tasks share the cores: the time is CPU, not waiting). A large input's pieces
     * each use every core already, and side by side they would hold their cached rows at once.
     */
    public static int threads(SparkSession spark, long size, long limit, int wanted) {
        return !spark.sparkContext().isLocal() && size <= limit ? Math.max(1, wanted) : 1;
    }

    /** Whether pieces run side by side (more than one thread). */
    public boolean sideBySide() {
        return pool != null;
    }

    /** Runs {@code work}: now on this thread with one thread, else on a pool thread. */
    public <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (pool == null) {
            return CompletableFuture.completedFuture(work.get());
        }
        return track(CompletableFuture.supplyAsync(() -> inGroup(work), pool));
    }

    /** Runs {@code work} with the result of {@code first} once it is done (with one thread: now, it is done). */
    public <A, T> CompletableFuture<T> after(CompletableFuture<A> first, Function<A, T> work) {
        if (pool == null) {
            return CompletableFuture.completedFuture(work.apply(first.join()));
        }
        return track(first.thenApplyAsync(a -> inGroup(() -> work.apply(a)), pool));
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> f) {
        synchronized (submitted) {
            submitted.add(f);
        }
        f.whenComplete((v, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                if (!(cause instanceof CancellationException)) {
                    firstFailure.compareAndSet(null, cause);
                }
                stop();
            }
        });
        return f;
    }

    /** Stops every piece: Spark jobs of the group cancelled, now and later; pieces not started never start. */
    private void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        spark.sparkContext().cancelJobGroupAndFutureJobs(group, "another piece of " + description + " failed");
        List<CompletableFuture<?>> all;
        synchronized (submitted) {
            all = new ArrayList<>(submitted);
        }
        all.forEach(x -> x.cancel(false));
    }

    private <T> T inGroup(Supplier<T> work) {
        if (stopped) {
            throw new CancellationException("not started: another piece of " + description + " failed");
        }
        spark.sparkContext().setJobGroup(group, description, true);
        try {
            return work.get();
        } finally {
            spark.sparkContext().clearJobGroup();
        }
    }

    /** The result of {@code f}; when a piece failed, the first failure as it was thrown (the others are stopped). */
    public <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException | CancellationException e) {
            stop();
            Throwable cause = firstFailure.get();
            if (cause == null) {
                cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Waits until every piece has ended (a failed job's pieces end once their Spark jobs are cancelled). */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.MINUTES)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
