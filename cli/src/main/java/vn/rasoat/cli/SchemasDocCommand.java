package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.contracts.Contracts;
import vn.rasoat.contracts.DataDictionary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "schemas-doc", mixinStandardHelpOptions = true,
        description = "Regenerate the data dictionary (schemas/README.md) from the contracts.")
public final class SchemasDocCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--out", defaultValue = "schemas/README.md", description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Files.writeString(out, DataDictionary.render(Contracts.load(common.source()), common.source()), StandardCharsets.UTF_8);
        System.out.println("wrote " + out);
        return 0;
    }
}
