package vn.rasoat.contracts;

import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The input contract of one record type, loaded from {@code schemas/inputs/<record_type>.json}. */
public record Contract(
        String recordType,
        String version,
        String validFrom,
        String sheetVi,
        String vi,
        String en,
        List<String> key,
        List<FieldSpec> fields) implements Serializable {

    public Contract {
        Objects.requireNonNull(recordType, "recordType is null");
        key = List.copyOf(key);
        fields = List.copyOf(fields);
        for (String k : key) {
            if (fields.stream().noneMatch(f -> f.name().equals(k))) {
                throw new IllegalArgumentException(recordType + ": key column " + k + " is not a field");
            }
        }
        for (FieldSpec f : fields) {
            if (f.maxField() != null && fields.stream().noneMatch(o -> o.name().equals(f.maxField())
                    && (o.type() == FieldType.INT || o.type() == FieldType.LONG))) {
                throw new IllegalArgumentException(recordType + ": " + f.name() + "'s max_field " + f.maxField()
                        + " is not a number field of the record");
            }
        }
        if (partitionColumnOf(fields) == null) {
            throw new IllegalArgumentException(recordType + ": needs a review_year or reference_year field");
        }
    }

    public Optional<FieldSpec> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> fieldNames() {
        return fields.stream().map(FieldSpec::name).toList();
    }

    /** Staged tables are partitioned by the review year (record types without one: the reference year). */
    public String partitionColumn() {
        return partitionColumnOf(fields);
    }

    private static String partitionColumnOf(List<FieldSpec> fields) {
        if (fields.stream().anyMatch(f -> f.name().equals("review_year"))) {
            return "review_year";
        }
        if (fields.stream().anyMatch(f -> f.name().equals("reference_year"))) {
            return "reference_year";
        }
        return null;
    }

    /** Every field as a string: what a reader produces before validation. */
    public StructType rawSchema() {
        List<StructField> cols = new ArrayList<>();
        for (FieldSpec f : fields) {
            cols.add(DataTypes.createStructField(f.name(), DataTypes.StringType, true));
        }
        return DataTypes.createStructType(cols);
    }

    /** The typed schema of the staged table, in contract order. */
    public StructType typedSchema() {
        List<StructField> cols = new ArrayList<>();
        for (FieldSpec f : fields) {
            cols.add(DataTypes.createStructField(f.name(), f.type().sparkType(), !f.required()));
        }
        return DataTypes.createStructType(cols);
    }

    public String stagedTable() {
        return "stg_" + recordType;
    }
}
