package vn.rasoat.bench;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Measures one stage: wall time, the peak of the JVM heap in use (sampled every 50 ms; it counts garbage not
 * yet collected, so it is an upper bound of what the stage needs, capped by -Xmx),
 * the peak resident memory of the whole process (Linux VmHWM, reset per stage through /proc/self/clear_refs;
 * it includes DuckDB's native memory) and, for Spark, the time of the Spark jobs by where in the code they ran.
 */
public final class Meter {
    /** One measured stage. */
    public record Figures(String dataset, String stage, double seconds, long rows, long peakHeapBytes, long peakRssBytes,
                          long outputBytes, Map<String, Double> sparkJobsByCallSite, String note, List<String> steps) {
        public double rowsPerSecond() {
            return seconds > 0 ? rows / seconds : 0;
        }
    }

    private final Map<Long, Long> jobStarts = new ConcurrentHashMap<>();
    private final Map<Long, String> jobSites = new ConcurrentHashMap<>();
    private final Map<String, Double> bySite = new ConcurrentHashMap<>();
    private long t0;
    private long lastStep;
    private final List<String> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile long heapPeak;
    private volatile long livePeak;

    {
        Thread sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (true) {
                heapPeak = Math.max(heapPeak, memory.getHeapMemoryUsage().getUsed());
                long live = 0;
                for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (p.getType() == MemoryType.HEAP && p.getCollectionUsage() != null) {
                        live += p.getCollectionUsage().getUsed();
                    }
                }
                livePeak = Math.max(livePeak, live);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public Meter(SparkSession spark) {
        vn.rasoat.io.Progress.listen((job, message) -> {
            long now = System.nanoTime();
            steps.add(String.format(java.util.Locale.ROOT, "%.1f s %s", (now - lastStep) / 1e9,
                    shorten(message.strip().replaceAll("\\s+", " "))));
            lastStep = now;
        });
        if (spark != null) {
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override
                public void onJobStart(SparkListenerJobStart e) {
                    jobStarts.put((long) e.jobId(), e.time());
                    String description = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
                    String site = description != null ? description
                            : e.stageInfos().isEmpty() ? "?" : e.stageInfos().last().name();
                    jobSites.put((long) e.jobId(), site);
                }

                @Override
                public void onJobEnd(SparkListenerJobEnd e) {
                    Long start = jobStarts.remove((long) e.jobId());
                    String site = jobSites.remove((long) e.jobId());
                    if (start != null) {
                        bySite.merge(site, (e.time() - start) / 1000.0, Double::sum);
                    }
                }
            });
        }
    }

    public void start() {
        System.gc();
        heapPeak = 0;
        livePeak = 0;
        resetRss();
        bySite.clear();
        steps.clear();
        t0 = System.nanoTime();
        lastStep = t0;
    }

    public Figures stop(String dataset, String stage, long rows, Path output, String note) {
        double s = (System.nanoTime() - t0) / 1e9;
        long heap = heapPeak;
        Map<String, Double> sites = new LinkedHashMap<>();
        bySite.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(6)
                .forEach(e -> sites.put(e.getKey(), e.getValue()));
        return new Figures(dataset, stage, s, rows, heap, peakRss(), output == null ? 0 : size(output), sites, note,
                List.copyOf(steps));
    }

    private static void resetRss() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | RuntimeException e) {
            // not Linux, or not allowed: the peak is then the process's peak so far
        }
    }

    /** The process's peak resident set (VmHWM), 0 when unknown. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** Bytes of the files under a folder (or of one file). */
    public static long size(Path p) {
        if (!Files.exists(p)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(p)) {
            return s.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private static String shorten(String m) {
        return m.length() > 90 ? m.substring(0, 90) + "…" : m;
    }

    static List<String> top(Map<String, Double> sites) {
        return sites.entrySet().stream().map(e -> String.format(java.util.Locale.ROOT, "%s %.1f s", e.getKey(), e.getValue())).toList();
    }
}
