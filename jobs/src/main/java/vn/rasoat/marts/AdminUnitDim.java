package vn.rasoat.marts;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import vn.rasoat.reference.AdminUnit;
import vn.rasoat.reference.ReferenceData;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * {@code dim_admin_unit}: every province, district and commune of the shipped unit lists (63 provinces from
 * 2021-11-01 to 2025-03-01, 34 provinces from 2025-07-01) with the dates its code, name and parent were valid: a
 * new row whenever one of them changes, valid_to the day before the list where it changed or disappeared, open
 * (null) while it is in the latest list.
 */
final class AdminUnitDim {
    private AdminUnitDim() {
    }

    private record Attrs(String name, String parent, String province, String district, String region, Boolean urban) {
    }

    private static final class Segment {
        final String level;
        final String code;
        final Attrs attrs;
        final LocalDate from;
        final String file;
        LocalDate to;
        int lastList;

        Segment(String level, String code, Attrs attrs, LocalDate from, String file, int list) {
            this.level = level;
            this.code = code;
            this.attrs = attrs;
            this.from = from;
            this.file = file;
            this.lastList = list;
        }
    }

    /** SHA-256 of the unit-list files, 16 hex digits: the input version of the dimension. */
    static String referenceVersion(vn.rasoat.io.SchemaSource source, List<String> files) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            for (String f : files) {
                md.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(source.readString("reference/" + f).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return "reference:" + java.util.HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Dataset<Row> build(SparkSession spark, vn.rasoat.io.SchemaSource source, ReferenceData ref) {
        List<String> files = ref.unitListFiles();
        String version = referenceVersion(source, files);
        List<LocalDate> starts = new ArrayList<>();
        for (String f : files) {
            starts.add(LocalDate.parse(f.replaceAll(".*_(\\d{4}-\\d{2}-\\d{2})\\.csv$", "$1")));
        }
        Map<String, Segment> open = new TreeMap<>();
        List<Segment> closed = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Map<String, Attrs> present = new LinkedHashMap<>();
            for (AdminUnit u : ref.units(files.get(i))) {
                present.put("province\t" + u.provinceCode(), new Attrs(u.provinceName(), null, u.provinceCode(), null,
                        u.districtCode() == null ? null : ref.regionOfProvince63(u.provinceCode()), null));
                if (u.districtCode() != null) {
                    present.put("district\t" + u.districtCode(), new Attrs(u.districtName(), u.provinceCode(), u.provinceCode(),
                            u.districtCode(), u.regionKey(), null));
                }
                present.put("commune\t" + u.communeCode(), new Attrs(u.communeName(),
                        u.districtCode() != null ? u.districtCode() : u.provinceCode(), u.provinceCode(), u.districtCode(),
                        u.regionKey(), u.urban()));
            }
            for (Map.Entry<String, Attrs> e : present.entrySet()) {
                Segment s = open.get(e.getKey());
                if (s != null && s.lastList == i - 1 && Objects.equals(s.attrs, e.getValue())) {
                    s.lastList = i;
                    continue;
                }
                if (s != null) {
                    s.to = starts.get(s.lastList + 1).minusDays(1);
                    closed.add(s);
                }
                String[] k = e.getKey().split("\t");
                open.put(e.getKey(), new Segment(k[0], k[1], e.getValue(), starts.get(i), files.get(i), i));
            }
            for (Map.Entry<String, Segment> e : new ArrayList<>(open.entrySet())) {
                Segment s = e.getValue();
                if (s.lastList == i - 1 && !present.containsKey(e.getKey())) {
                    s.to = starts.get(i).minusDays(1);
                    closed.add(s);
                    open.remove(e.getKey());
                }
            }
        }
        closed.addAll(open.values());
        List<Row> rows = new ArrayList<>();
        for (Segment s : closed) {
            rows.add(RowFactory.create(s.level, s.code, s.attrs.name(), s.attrs.parent(), s.attrs.province(),
                    s.attrs.district(), s.attrs.region(), s.attrs.urban(), Date.valueOf(s.from),
                    s.to == null ? null : Date.valueOf(s.to), s.file, version,
                    s.file.contains("_34p_") ? "34_provinces" : "63_provinces"));
        }
        StructType schema = new StructType().add("level", "string").add("unit_code", "string").add("name", "string")
                .add("parent_code", "string").add("province_code", "string").add("district_code", "string")
                .add("region_key", "string").add("urban", "boolean").add("valid_from", "date").add("valid_to", "date")
                .add("first_list", "string").add("reference_version", "string").add("boundary", "string");
        return spark.createDataFrame(rows, schema);
    }
}
