package vn.rasoat.io;

/**
 * Every path of a warehouse, in one place. The layers follow dbt's lineage: {@code staging/} (ingest: one table per
 * record type, the quarantine and the reconciliation) → {@code intermediate/} (score: the scored household-runs)
 * → {@code marts/} (marts: the published marts). Staging and marts are published atomically through a pointer file
 * in their area ({@code _published.json}); runs write aside under {@code <area>/_staging/<run>/}. The lock of the
 * one writer is {@code _rasoat.lock} at the top. Plain strings, so a local folder, {@code hdfs://} or {@code s3a://}
 * warehouse reads the same way; no Spark here.
 */
public final class WarehouseLayout {
    public static final String STAGING = "staging";
    public static final String INTERMEDIATE = "intermediate";
    public static final String MARTS = "marts";
    /** The pointer file of a published area. */
    public static final String POINTER = "_published.json";
    /** Where a run writes aside inside an area before it publishes. */
    public static final String WRITING_ASIDE = "_staging";
    public static final String LOCK = "_rasoat.lock";
    /** The scored household-runs (one row per household and review run). */
    public static final String SCORED = "int_household_scored";
    /** Household-runs rescored under another standard (for the harmonised series). */
    public static final String RESCORED = "int_household_rescored";

    private WarehouseLayout() {
    }

    /** An area (staging, intermediate, marts) of the warehouse. */
    public static String area(String warehouse, String area) {
        return warehouse + "/" + area;
    }

    /** A table of an area: {@code <warehouse>/<area>/<table>}. */
    public static String table(String warehouse, String area, String table) {
        return area(warehouse, area) + "/" + table;
    }

    public static String staging(String warehouse) {
        return area(warehouse, STAGING);
    }

    public static String stagingTable(String warehouse, String table) {
        return table(warehouse, STAGING, table);
    }

    public static String intermediate(String warehouse, String table) {
        return table(warehouse, INTERMEDIATE, table);
    }

    public static String scored(String warehouse) {
        return intermediate(warehouse, SCORED);
    }

    public static String rescored(String warehouse) {
        return intermediate(warehouse, RESCORED);
    }

    public static String marts(String warehouse) {
        return area(warehouse, MARTS);
    }

    public static String mart(String warehouse, String mart) {
        return table(warehouse, MARTS, mart);
    }

    /** The publication pointer of an area. */
    public static String pointer(String warehouse, String area) {
        return table(warehouse, area, POINTER);
    }

    /** Where one run writes a table aside before it is published. */
    public static String writingAside(String warehouse, String area, String run, String table) {
        return table(warehouse, area, WRITING_ASIDE + "/" + run + "/" + table);
    }
}
