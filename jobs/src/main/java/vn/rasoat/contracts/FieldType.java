package vn.rasoat.contracts;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The value types a contract field can have, and the Spark type each is staged as. */
public enum FieldType {
    STRING(DataTypes.StringType),
    TEXT(DataTypes.StringType),
    CODE(DataTypes.StringType),
    ENUM(DataTypes.StringType),
    /** A multi-select answer: codes of the field's allowed list separated by ; , or |, staged as a sorted set. */
    CODES(DataTypes.createArrayType(DataTypes.StringType, false)),
    INT(DataTypes.IntegerType),
    LONG(DataTypes.LongType),
    BOOL(DataTypes.BooleanType),
    DATE(DataTypes.DateType);

    private final DataType sparkType;

    FieldType(DataType sparkType) {
        this.sparkType = sparkType;
    }

    public DataType sparkType() {
        return sparkType;
    }

    public static FieldType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown field type '" + name + "'");
        }
    }
}
