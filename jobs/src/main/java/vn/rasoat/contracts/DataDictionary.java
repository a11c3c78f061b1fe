package vn.rasoat.contracts;

import vn.rasoat.ingest.ReasonCodes;

import java.util.Map;

/** Renders schemas/README.md, the data dictionary, from the contracts themselves. */
public final class DataDictionary {
    private DataDictionary() {
    }

    public static String render(Contracts contracts, vn.rasoat.io.SchemaSource source) {
        StringBuilder sb = new StringBuilder(render(contracts));
        sb.append("\n# Marts (`schemas/marts/`)\n\n");
        sb.append("Written under `<warehouse>/marts/<mart>/` as Parquet, partitioned as shown (dynamic overwrite: ")
                .append("re-running a year replaces that year's partitions only). Every row carries `rulebook_version` ")
                .append("and `input_version`. A test checks each written mart against its contract.\n\n");
        for (String m : vn.rasoat.marts.MartsJob.ALL_MARTS) {
            MartContract c = MartContract.load(source, m);
            sb.append("## `").append(m).append("`\n\n").append(c.description()).append("\n\nPartitioned by ")
                    .append(String.join(", ", c.partitionedBy())).append(".")
                    .append(c.sortedBy().isEmpty() ? "" : " Rows sorted by " + String.join(", ", c.sortedBy())
                            + " within each file (row groups of at most " + (vn.rasoat.marts.Publication.ROW_GROUP_BYTES >> 20)
                            + " MB), so a query for one unit reads few of them.")
                    .append("\n\n| column | type | description |\n|---|---|---|\n");
            for (MartContract.Column col : c.columns()) {
                sb.append("| `").append(col.name()).append("` | ").append(col.type()).append(" | ")
                        .append(col.description().replace("|", "\\|")).append(" |\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String render(Contracts contracts) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Input contracts — data dictionary (từ điển dữ liệu)\n\n");
        sb.append("Generated from `schemas/inputs/*.json` by `./rasoat schemas-doc`; do not edit by hand ")
                .append("(a test fails when this file and the contracts disagree).\n\n");
        sb.append("Each record type is one contract file: its fields, their types, whether they are required, the ")
                .append("allowed values or range, and a description in Vietnamese and English. Jobs build their Spark ")
                .append("schemas from these files. Codes are zero-padded strings; text is NFC-normalised; yes/no fields ")
                .append("accept `true/false`, `1/0`, `có/không`, `x`; integers accept Vietnamese thousands grouping ")
                .append("(`1.500.000`); dates are `yyyy-mm-dd` or `dd/mm/yyyy`. Fields marked PII stay in staging.\n\n");
        sb.append("Other folders: `rules/` (rulebooks per standard), `reference/` (administrative units, census, ")
                .append("regions, published results; provenance in `reference/SOURCES.md`), `generator/` (synthetic-data settings).\n\n");
        for (Contract c : contracts.all()) {
            sb.append("## `").append(c.recordType()).append("` — ").append(c.sheetVi()).append("\n\n");
            sb.append(c.vi()).append("  \n").append(c.en()).append("\n\n");
            sb.append("Version ").append(c.version()).append(", valid from ").append(c.validFrom())
                    .append("; key: ").append(String.join(" + ", c.key())).append("; staged as `")
                    .append(c.stagedTable()).append("`, partitioned by `").append(c.partitionColumn()).append("`.\n\n");
            sb.append("| field | type | required | allowed / range | heading (XLSX) | mô tả | description |\n");
            sb.append("|---|---|---|---|---|---|---|\n");
            for (FieldSpec f : c.fields()) {
                sb.append("| `").append(f.name()).append("` | ").append(typeText(f)).append(" | ")
                        .append(f.required() ? "yes" : "no").append(" | ").append(constraint(f)).append(" | ")
                        .append(f.headingVi()).append(" | ").append(f.vi()).append(" | ").append(f.en())
                        .append(f.pii() ? " (PII)" : "").append(" |\n");
            }
            sb.append('\n');
        }
        sb.append("## Quarantine reason codes\n\n| reason | meaning |\n|---|---|\n");
        for (Map.Entry<String, String> e : ReasonCodes.DESCRIPTIONS.entrySet()) {
            sb.append("| `").append(e.getKey()).append("` | ").append(e.getValue()).append(" |\n");
        }
        return sb.toString();
    }

    private static String typeText(FieldSpec f) {
        String t = f.type().name().toLowerCase(java.util.Locale.ROOT);
        return f.type() == FieldType.CODE ? t + "(" + f.length() + ")" : f.money() ? t + " (VND)" : t;
    }

    private static String constraint(FieldSpec f) {
        StringBuilder sb = new StringBuilder();
        if (!f.allowed().isEmpty()) {
            sb.append(String.join(", ", f.allowed().stream().map(a -> "`" + a + "`").toList()));
        }
        if (f.min() != null || f.max() != null) {
            sb.append(f.min() == null ? "" : f.min()).append(" – ").append(f.max() == null ? "" : f.max());
        }
        if (f.pattern() != null) {
            sb.append("`").append(f.pattern().replace("|", "\\|")).append("`");
        }
        if (f.maxLength() != null) {
            sb.append("≤ ").append(f.maxLength()).append(" chars");
        }
        if (f.ref() != null) {
            sb.append(sb.length() > 0 ? "; " : "").append("in the ").append(f.ref()).append(" list");
        }
        if (f.maxField() != null) {
            sb.append(sb.length() > 0 ? "; " : "").append("≤ `").append(f.maxField()).append("`");
        }
        return sb.toString();
    }
}
