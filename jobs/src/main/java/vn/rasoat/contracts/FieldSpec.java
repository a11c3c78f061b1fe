package vn.rasoat.contracts;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One column of an input contract. Ranges are inclusive; {@code allowed} is the closed list for enums;
 * {@code pattern} is a full-match regular expression; {@code ref} names a reference list
 * ({@code commune}, {@code ethnicity}) that the value must be found in; {@code maxField} names another number field of
 * the record that this one may not exceed when both are given (a part of a count: children without health insurance
 * of the children under 16).
 */
public record FieldSpec(
        String name,
        FieldType type,
        boolean required,
        List<String> allowed,
        Long min,
        Long max,
        Integer length,
        Integer maxLength,
        String pattern,
        String ref,
        String maxField,
        boolean pii,
        boolean money,
        String headingVi,
        String vi,
        String en) implements Serializable {

    public FieldSpec {
        Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(type, "type is null");
        allowed = allowed == null ? List.of() : List.copyOf(allowed);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("field name must be snake_case: " + name);
        }
        if ((type == FieldType.ENUM || type == FieldType.CODES) && allowed.isEmpty()) {
            throw new IllegalArgumentException(type.name().toLowerCase(java.util.Locale.ROOT) + " field " + name
                    + " has no allowed values");
        }
        if (type == FieldType.CODE && length == null) {
            throw new IllegalArgumentException("code field " + name + " needs a length");
        }
        if (maxField != null && type != FieldType.INT && type != FieldType.LONG) {
            throw new IllegalArgumentException("field " + name + ": max_field is for numbers");
        }
        if (min != null && max != null && min > max) {
            throw new IllegalArgumentException("field " + name + ": min " + min + " > max " + max);
        }
    }

    /** The regular expression a code or patterned string must match in full. */
    public String fullPattern() {
        if (type == FieldType.CODE) {
            return "^[0-9]{" + length + "}$";
        }
        return pattern == null ? null : "^(?:" + pattern + ")$";
    }
}
