package vn.rasoat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import vn.rasoat.marts.MartChecksums;
import vn.rasoat.spark.Sessions;

import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "checksums", mixinStandardHelpOptions = true,
        description = {"Print each published mart's checksum: rows / bit_xor / modular sum of a 64-bit hash of every row.",
                "Two warehouses with the same lines hold the same marts (e.g. a cluster run and a local run)."})
public final class ChecksumsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    WarehouseOption warehouseOption;

    @Override
    public Integer call() {
        common.source();
        print(MartChecksums.of(Sessions.get(common.verbose()), warehouseOption.path()));
        return 0;
    }

    static void print(Map<String, String> sums) {
        System.out.println("mart checksums (rows/bit_xor/sum):");
        sums.forEach((k, v) -> System.out.printf("  checksum %-30s %s%n", k, v));
    }
}
