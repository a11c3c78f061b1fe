package vn.rasoat.cli;

import picocli.CommandLine.Option;

/** The warehouse a command reads and writes. */
public class WarehouseOption {
    @Option(names = "--warehouse", required = true, paramLabel = "DIR", description = "Warehouse root (local, hdfs:// or s3a://).")
    String path;

    public String path() {
        return path;
    }
}
