package vn.rasoat;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a rasoat command in a child JVM (the test JVM's flags and classpath), for the kill tests: a failpoint
 * ({@code RASOAT_FAILPOINT}, see {@code Publication.Failpoints}) halts it at a named point as a kill -9 would, or
 * it is SIGKILLed after {@code killAfterSeconds}. Returns the exit status; the output goes to {@code log}.
 */
public final class ChildJvm {
    private ChildJvm() {
    }

    /** Runs {@code rasoat <args>} in a child JVM with the test classpath; {@code failpoint} (or null) halts it there. */
    public static int run(List<String> args, String failpoint, File log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (a.startsWith("--add-") || a.startsWith("-D") || a.startsWith("-XX:")) {
                cmd.add(a);
            }
        }
        // the build's flags for the JVMs tests start (pom.xml rasoat.child.jvm: C1 only, for a short run on small input)
        for (String a : System.getProperty("rasoat.child.jvm", "").trim().split("\\s+")) {
            if (!a.isEmpty()) {
                cmd.add(a);
            }
        }
        cmd.addAll(List.of("-Xmx1g", "-cp", System.getProperty("java.class.path"), "vn.rasoat.cli.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
        pb.environment().put("RASOAT_SHUFFLE_PARTITIONS", "2");
        pb.environment().put("RASOAT_SPARK_MASTER", "local[2]");
        if (failpoint != null) {
            pb.environment().put("RASOAT_FAILPOINT", failpoint);
        } else {
            pb.environment().remove("RASOAT_FAILPOINT");
        }
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("rasoat " + args.get(0) + " did not finish in 5 minutes; see " + log);
        }
        return p.exitValue();
    }
}
