package vn.rasoat.generate;

import java.util.Map;

/** Receives generated rows, one record type and review year at a time. */
public interface RowSink {
    void accept(String recordType, int year, Map<String, String> row);
}
