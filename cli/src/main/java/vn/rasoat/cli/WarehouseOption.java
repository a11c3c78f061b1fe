package vn.rasoat.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vn.rasoat.io.Folders;

/**
 * The warehouse a command reads and writes. The path is checked as it is parsed, before the command runs, so a bad
 * path fails in one line and creates nothing: a command that reads a warehouse needs an existing folder; one that
 * creates it ({@link Creates}: ingest, pipeline) needs a path that is, or can become, a folder.
 */
public class WarehouseOption {
    /** Marks a command that creates the warehouse when it does not exist yet. */
    public interface Creates {
    }

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    String path;

    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Warehouse root (local, hdfs:// or s3a://).")
    void setPath(String value) {
        path = checked(mixee, "the warehouse", value, !(mixee.userObject() instanceof Creates));
    }

    public String path() {
        return path;
    }

    /**
     * Checks a folder option of a command ({@link Folders#check}); a bad path becomes a {@link BadValueException},
     * which {@link Main} prints in one line with a non-zero exit.
     */
    public static String checked(CommandSpec spec, String what, String value, boolean mustExist) {
        try {
            return Folders.check(what, value, mustExist);
        } catch (IllegalArgumentException e) {
            throw new BadValueException(spec.commandLine(), e.getMessage());
        }
    }

    /** An option value that cannot be used (a bad folder, an out-of-range number): one line, exit status 2. */
    public static final class BadValueException extends ParameterException {
        public BadValueException(picocli.CommandLine commandLine, String message) {
            super(commandLine, message);
        }
    }
}
