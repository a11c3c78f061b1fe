package vn.rasoat.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.GeneratedProvince;
import vn.rasoat.SparkTestBase;
import vn.rasoat.marts.MartChecksums;
import vn.rasoat.spark.SmallInput;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The same jar on a real Spark standalone cluster: {@code jobs/cluster/spark-standalone} starts a master and two
 * workers on 127.0.0.1 from the project's own dependencies, {@code spark-submit}s {@code rasoat pipeline} to it,
 * and the marts it writes have the same checksums as the marts of the same inputs built in local mode.
 */
class StandaloneClusterIT extends SparkTestBase {
    private static final Pattern CHECKSUM = Pattern.compile("^\\s*checksum (\\S+)\\s+(\\S.*?)\\s*$", Pattern.MULTILINE);

    @Test
    void pipelineOnTwoWorkersGivesTheMartsOfLocalMode(@TempDir Path tmp) throws Exception {
        Path repo = schemasDir().getParent();
        // the shared generated district: its inputs, and its marts built in local mode
        GeneratedProvince province = GeneratedProvince.get();
        String in = province.input;
        Map<String, String> expected = province.checksums;
        assertTrue(expected.values().stream().filter(v -> !v.startsWith("0/") && !v.equals("not published")).count() >= 6,
                "the local marts are not empty: " + expected);

        // the application jar mvn package built (Spark provided: not in it), and the cluster's Spark home made of
        // what a cluster provides (Spark and its own dependencies, listed by the module jobs/cluster): no rasoat
        Path app = Path.of("target", "rasoat-cli-0.1.0-SNAPSHOT-app.jar").toAbsolutePath();
        assertTrue(Files.isRegularFile(app), "mvn package builds " + app);
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(app.toFile())) {
            assertTrue(jar.getEntry("vn/rasoat/marts/MartsJob.class") != null, "the jobs are in the application jar");
            assertTrue(jar.getEntry("org/apache/spark/sql/SparkSession.class") == null, "Spark is provided, not in the jar");
        }
        String sparkClasspath = Files.readString(repo.resolve("jobs/cluster/target/spark-classpath.txt")).trim();
        assertTrue(!sparkClasspath.contains("rasoat-"), "the cluster's class path holds no rasoat jar");
        Path state = tmp.resolve("cluster");
        String port = String.valueOf(freePort());
        // the build's flags for the JVMs tests start (pom.xml rasoat.child.jvm: C1 only, for a short run on small input)
        String jit = System.getProperty("rasoat.child.jvm", "").trim();
        Map<String, String> env = Map.of("RASOAT_CLUSTER_JAVA_OPTS", jit, "RASOAT_CLUSTER_DIR", state.toString(), "RASOAT_CLUSTER_PORT", port,
                "RASOAT_CLUSTER_CLASSPATH", sparkClasspath, "RASOAT_CLUSTER_APP_JAR", app.toString(),
                "RASOAT_HEAP", "1g", "RASOAT_EXECUTOR_MEMORY", "900m",
                // the cluster runs Spark's adaptive execution and generated code; the local baseline of this small
                // district ran without them (SmallInput): equal checksums show both ways give the same marts
                SmallInput.ENV, "never");
        Path script = repo.resolve("jobs/cluster/spark-standalone");
        String cluster = tmp.resolve("wh-cluster").toString();
        try {
            Run start = run(repo, env, 180, script.toString(), "start", "--workers", "2", "--cores", "1", "--memory", "1200m");
            assertEquals(0, start.exit, "cluster start:\n" + start.out);
            Run submit = run(repo, env, 600, script.toString(), "submit", "pipeline", "--input", in, "--warehouse", cluster);
            assertEquals(0, submit.exit, "spark-submit:\n" + submit.out);
            // the stages' progress on the cluster, for the build log (where a slow run spends its time)
            submit.out.lines().filter(l -> l.startsWith("[")).forEach(l -> System.out.println("cluster " + l));
            assertTrue(submit.out.contains("[marts") && submit.out.contains("published (run"), "progress lines printed");
            assertFalse(submit.out.contains("small input"), "the cluster ran with adaptive execution and generated code");
            // a small input on a cluster: record types and groups of marts side by side (ParallelJobs)
            assertTrue(submit.out.contains("record types side by side, up to 3 at once")
                    && submit.out.contains("groups of marts side by side, up to 3 at once"), "pieces side by side:\n" + submit.out);
            String master = Files.readString(state.resolve("logs/master.log"));
            assertTrue(master.contains("Registered app rasoat"), "the master ran the application");
            long executors = master.lines().filter(l -> l.contains("Launching executor")).map(l -> l.replaceAll(".* on worker ", ""))
                    .distinct().count();
            assertEquals(2, executors, "an executor on each of the two workers:\n" + master);

            Map<String, String> printed = new TreeMap<>();
            Matcher m = CHECKSUM.matcher(submit.out);
            while (m.find()) {
                printed.put(m.group(1), m.group(2));
            }
            assertEquals(expected, printed, "checksums computed on the cluster equal local mode's");
            assertEquals(expected, MartChecksums.of(spark(), cluster), "the cluster's marts read back locally");
            assertFalse(expected.isEmpty());
        } finally {
            Run stop = run(repo, env, 60, script.toString(), "stop");
            assertEquals(0, stop.exit, "cluster stop:\n" + stop.out);
        }
    }

    private record Run(int exit, String out) {
    }

    private static Run run(Path dir, Map<String, String> env, int seconds, String... cmd) throws Exception {
        Path log = Files.createTempFile("rasoat-cluster", ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Run(-1, "timed out after " + seconds + " s\n" + tail(log));
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static String tail(Path log) throws IOException {
        String s = Files.readString(log, StandardCharsets.UTF_8);
        return s.length() > 20_000 ? s.substring(s.length() - 20_000) : s;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
