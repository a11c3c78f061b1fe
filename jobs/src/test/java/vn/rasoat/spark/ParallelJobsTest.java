package vn.rasoat.spark;

import org.junit.jupiter.api.Test;
import vn.rasoat.SparkTestBase;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pieces of a job side by side: results, order with one thread, a failure reported as thrown, the others stopped. */
class ParallelJobsTest extends SparkTestBase {
    @Test
    void inLocalModeOrOnALargeInputThePiecesRunOneAfterAnother() {
        assertEquals(1, ParallelJobs.threads(spark(), 10, 100, 3), "local mode: the driver and the tasks share the cores");
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (ParallelJobs jobs = new ParallelJobs(spark(), "test", 1)) {
            var a = jobs.submit(() -> {
                order.add("a");
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
        }
        assertEquals(List.of("a", "c", "b"), order, "in the order submitted (b queued when a finished)");
    }

    @Test
    void twoPiecesRunAtOnceAndAFailureIsThrownAsItWasWithTheOthersStopped() throws Exception {
        CountDownLatch both = new CountDownLatch(2);
        IllegalArgumentException thrown = new IllegalArgumentException("record type x: bad contract");
        try (ParallelJobs jobs = new ParallelJobs(spark(), "test", 2)) {
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

            var failing = jobs.submit(() -> {
                throw thrown;
            });
            var slow = jobs.after(failing, x -> 1L);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> jobs.join(failing));
            assertSame(thrown, e, "the exception as it was thrown, not wrapped");
            assertTrue(slow.isDone(), "what depends on the failure does not run");
            assertThrows(RuntimeException.class, () -> jobs.join(slow));
        }
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
