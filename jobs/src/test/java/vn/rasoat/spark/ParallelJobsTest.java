package vn.rasoat.spark;

import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Pieces of a job: with one thread plain sequential code on the caller's thread; side by side, results, and the first
 * failure stops the rest (Spark jobs cancelled, pieces not started never start) and is thrown as it was.
 */
class ParallelJobsTest extends SparkTestBase {
    @Test
    void withOneThreadEachPieceRunsOnTheCallersThreadWhenSubmitted() {
        assertEquals(1, ParallelJobs.threads(spark(), 10, 100, 3), "local mode: the driver and the tasks share the cores");
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Thread caller = Thread.currentThread();
        try (ParallelJobs jobs = new ParallelJobs(spark(), "test", 1)) {
            assertFalse(jobs.sideBySide());
            var a = jobs.submit(() -> {
                order.add("a" + (Thread.currentThread() == caller ? "" : " elsewhere"));
                return spark().range(5).count();
            });
            var b = jobs.after(a, n -> {
                order.add("b");
                return n + 1;
            });
            var c = jobs.submit(() -> {
                order.add("c");
                return 0L;
            });
            assertEquals(6L, jobs.join(b));
            assertEquals(0L, jobs.join(c));
            IllegalStateException thrown = new IllegalStateException("bad input");
            assertSame(thrown, assertThrows(IllegalStateException.class, () -> jobs.submit(() -> {
                throw thrown;
            })), "thrown where it happens, as plain code would");
        }
        assertEquals(List.of("a", "b", "c"), order, "in the order submitted, on the caller's thread");
    }

    @Test
    void sideBySideTheFirstFailureStopsTheRestAndIsThrownAsItWas() {
        CountDownLatch both = new CountDownLatch(2);
        IllegalArgumentException thrown = new IllegalArgumentException("record type x: bad contract");
        AtomicBoolean queuedRan = new AtomicBoolean();
        CompletableFuture<Long> long1;
        try (ParallelJobs jobs = new ParallelJobs(spark(), "test", 2)) {
            assertTrue(jobs.sideBySide());
            var a = jobs.submit(() -> {
                both.countDown();
                await(both);
                return spark().range(10).count();
            });
            var b = jobs.submit(() -> {
                both.countDown();
                await(both);
                return 1L;
            });
            // each waits for the other: they finish only when both run at once
            assertEquals(10L, jobs.join(a));
            assertEquals(1L, jobs.join(b));

            // a Spark job that would run for minutes, a piece that fails once it runs, a third piece queued behind them
            long1 = jobs.submit(() -> spark().range(0, 20_000_000_000L).selectExpr("sum(id)").first().getLong(0));
            var failing = jobs.submit(() -> {
                long until = System.nanoTime() + 30_000_000_000L;
                while (spark().sparkContext().statusTracker().getActiveJobIds().length == 0 && System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                throw thrown;
            });
            var queued = jobs.submit(() -> {
                queuedRan.set(true);
                return 0L;
            });
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jobs.join(long1));
            assertSame(thrown, e, "the first failure, as it was thrown, whichever piece is joined");
            assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> jobs.join(queued)));
            assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> jobs.join(failing)));
        }
        // close() waited for every piece to end
        assertTrue(long1.isCompletedExceptionally(), "the long Spark job was stopped, not finished");
        assertFalse(queuedRan.get(), "a piece not started when another failed never starts");
        // the cancelled job leaves the status tracker when its end reaches Spark's listener bus (asynchronously): a
        // few seconds at most, where the job itself, left running, would take minutes
        long until = System.nanoTime() + 10_000_000_000L;
        while (spark().sparkContext().statusTracker().getActiveJobIds().length > 0 && System.nanoTime() < until) {
            java.util.concurrent.locks.LockSupport.parkNanos(20_000_000L); // poll, without holding a core
        }
        assertEquals(0, spark().sparkContext().statusTracker().getActiveJobIds().length, "no Spark job left running");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the other piece never ran beside this one");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
