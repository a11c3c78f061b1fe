package vn.rasoat.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.rasoat.GeneratedProvince;
import vn.rasoat.SparkTestBase;
import vn.rasoat.marts.MartChecksums;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

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

        // the application jar: this module's classes; the rest of the class path becomes the cluster's Spark home
        Path app = tmp.resolve("rasoat-jobs-app.jar");
        jar(Path.of("target", "classes").toAbsolutePath(), app);
        List<String> jars = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (e.endsWith(".jar") && !e.contains("surefire")) {
                jars.add(e);
            }
        }
        jars.add(app.toString());
        Path state = tmp.resolve("cluster");
        String port = String.valueOf(freePort());
        Map<String, String> env = Map.of("RASOAT_CLUSTER_DIR", state.toString(), "RASOAT_CLUSTER_PORT", port,
                "RASOAT_CLUSTER_CLASSPATH", String.join(":", jars), "RASOAT_CLUSTER_APP_JAR", app.toString(),
                "RASOAT_HEAP", "1g", "RASOAT_EXECUTOR_MEMORY", "900m");
        Path script = repo.resolve("jobs/cluster/spark-standalone");
        String cluster = tmp.resolve("wh-cluster").toString();
        try {
            Run start = run(repo, env, 180, script.toString(), "start", "--workers", "2", "--cores", "1", "--memory", "1200m");
            assertEquals(0, start.exit, "cluster start:\n" + start.out);
            Run submit = run(repo, env, 600, script.toString(), "submit", "pipeline", "--input", in, "--warehouse", cluster);
            assertEquals(0, submit.exit, "spark-submit:\n" + submit.out);
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

    private static void jar(Path classes, Path out) throws IOException {
        try (OutputStream os = Files.newOutputStream(out); JarOutputStream jar = new JarOutputStream(os);
             Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
                Files.copy(f, jar);
                jar.closeEntry();
            }
        }
    }
}
