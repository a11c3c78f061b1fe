package vn.rasoat.generate;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import vn.rasoat.contracts.Contract;
import vn.rasoat.contracts.Contracts;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one generator partition's rows as CSV files, {@code <out>/<record_type>/<record_type>_<year>_p<part>.csv},
 * through the Hadoop file system (local, hdfs:// or s3a://). Columns follow the contract order.
 */
final class CsvPartWriter implements RowSink, AutoCloseable {
    private final String out;
    private final int part;
    private final Contracts contracts;
    private final Map<String, CsvWriter> writers = new HashMap<>();
    private final Map<String, Long> rows = new TreeMap<>();
    private final Configuration conf = new Configuration();

    CsvPartWriter(String out, int part, Contracts contracts) {
        this.out = out;
        this.part = part;
        this.contracts = contracts;
    }

    Map<String, Long> rowCounts() {
        return rows;
    }

    @Override
    public void accept(String recordType, int year, Map<String, String> row) {
        Contract c = contracts.get(recordType);
        String key = recordType + "_" + year;
        CsvWriter w = writers.computeIfAbsent(key, k -> open(c, k));
        List<String> names = c.fieldNames();
        Object[] cells = new Object[names.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = row.getOrDefault(names.get(i), "");
        }
        w.writeRow(cells);
        rows.merge(recordType, 1L, Long::sum);
    }

    private CsvWriter open(Contract c, String key) {
        try {
            Path p = new Path(out + "/" + c.recordType() + "/" + key + "_p" + String.format("%05d", part) + ".csv");
            FileSystem fs = p.getFileSystem(conf);
            fs.setWriteChecksum(false);
            CsvWriterSettings s = new CsvWriterSettings();
            s.setHeaders(c.fieldNames().toArray(String[]::new));
            s.getFormat().setLineSeparator("\n");
            s.setQuoteEscapingEnabled(true);
            CsvWriter w = new CsvWriter(new OutputStreamWriter(fs.create(p, true), StandardCharsets.UTF_8), s);
            w.writeHeaders();
            return w;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create generator output under " + out, e);
        }
    }

    @Override
    public void close() {
        writers.values().forEach(CsvWriter::close);
    }
}
