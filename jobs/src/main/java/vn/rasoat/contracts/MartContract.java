package vn.rasoat.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import vn.rasoat.io.SchemaSource;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The documented schema of one mart, from {@code schemas/marts/<mart>.json}; {@code sorted_by} (optional) orders the
 * rows of each written file, so that a reader filtering on those columns skips most row groups by their statistics.
 */
public record MartContract(String mart, String version, String description, List<String> partitionedBy,
                           List<String> sortedBy, List<Column> columns) {

    /** One column: name, Spark type (simpleString) and description. */
    public record Column(String name, String type, String description) {
    }

    public static MartContract load(SchemaSource source, String mart) {
        String path = "marts/" + mart + ".json";
        try {
            JsonNode r = new ObjectMapper().readTree(source.readString(path));
            List<String> parts = new ArrayList<>();
            r.path("partitioned_by").forEach(n -> parts.add(n.asText()));
            List<String> sorted = new ArrayList<>();
            r.path("sorted_by").forEach(n -> sorted.add(n.asText()));
            List<Column> cols = new ArrayList<>();
            r.path("columns").forEach(c -> cols.add(new Column(c.path("name").asText(), c.path("type").asText(),
                    c.path("description").asText())));
            return new MartContract(r.path("mart").asText(), r.path("version").asText(), r.path("description").asText(),
                    List.copyOf(parts), List.copyOf(sorted), List.copyOf(cols));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad mart contract " + source.describe(path) + ": " + e.getMessage(), e);
        }
    }
}
