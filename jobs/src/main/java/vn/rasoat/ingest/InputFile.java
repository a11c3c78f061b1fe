package vn.rasoat.ingest;

import java.io.Serializable;

/** One input file and the record type and format it is read as. */
public record InputFile(String path, String relativePath, String recordType, String format, long size,
                        boolean underTypeFolder)
        implements Serializable {
}
