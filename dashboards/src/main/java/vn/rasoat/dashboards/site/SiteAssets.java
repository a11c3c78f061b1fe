package vn.rasoat.dashboards.site;

import vn.rasoat.io.SchemaSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The scripts the pages load, served by the server under {@code /assets/} and written beside the static site under
 * {@code assets/}: nothing comes from a CDN, the pages work with no internet and from {@code file://}.
 * <ul>
 *   <li>{@value #ECHARTS}: Apache ECharts {@value #ECHARTS_VERSION} from its Maven Central webjar;</li>
 *   <li>{@value #MAP}: the choropleths (this module's {@code site/map.js});</li>
 *   <li>{@value #TABLE}: sortable table columns, on every page ({@code site/table.js});</li>
 *   <li>{@value #TREND}: a unit's rates across the review years ({@code site/trend.js});</li>
 *   <li>{@value #HEATMAP}: the deprivation heat map, units × indicators ({@code site/heatmap.js});</li>
 *   <li>{@value #FORMAT}: the numbers and text of those three scripts, vi-VN or en ({@code site/format.js});</li>
 *   <li>boundaries as scripts ({@code window.RASOAT_GEO_*}), so that a page opened from a file can read them:
 *       {@value #PROVINCES_63} (the 63 provinces, {@code schemas/reference/geo/vn_provinces_63p.geojson},
 *       geoBoundaries, public domain), {@value #PROVINCES_34} (the 34 provinces of 2025,
 *       {@code vn_provinces_34p.geojson}, Open Development Vietnam, CC BY-SA 4.0) and one file per province of
 *       2025 with its communes ({@link #communes(String)}, {@code communes_34p/<code>.geojson}, MIT), so that a
 *       province's page loads only its own communes.</li>
 * </ul>
 */
public final class SiteAssets {
    public static final String ECHARTS = "echarts.min.js";
    public static final String ECHARTS_VERSION = "5.3.1";
    public static final String MAP = "map.js";
    public static final String TABLE = "table.js";
    public static final String TREND = "trend.js";
    public static final String HEATMAP = "heatmap.js";
    public static final String FORMAT = "format.js";
    public static final String PROVINCES_63 = "vn_provinces_63p.js";
    public static final String PROVINCES_34 = "vn_provinces_34p.js";
    /** The script global of each boundary file. */
    public static final String GEO_63 = "RASOAT_GEO_63";
    public static final String GEO_34 = "RASOAT_GEO_34";
    public static final String GEO_COMMUNES = "RASOAT_GEO_COMMUNES";
    /** The attribution every map shows under it, by boundary file. */
    public static final String ATTRIBUTION_63 = "geoBoundaries (www.geoboundaries.org)";
    public static final String ATTRIBUTION_34 = "Open Development Vietnam (CC BY-SA 4.0), Talia Cao";
    public static final String ATTRIBUTION_COMMUNES = "vietnamese-provinces-database, Thang Le Quoc (MIT); sapnhap.bando.com.vn";

    private final Map<String, byte[]> assets;
    private final java.util.Set<String> provinces63;
    private final Map<String, Integer> communes2025;

    private SiteAssets(Map<String, byte[]> assets, java.util.Set<String> provinces63, Map<String, Integer> communes2025) {
        this.assets = assets;
        this.provinces63 = provinces63;
        this.communes2025 = communes2025;
    }

    public static SiteAssets load(SchemaSource source) {
        String geo63 = source.readString("reference/geo/vn_provinces_63p.geojson");
        java.util.Set<String> codes = new java.util.TreeSet<>();
        geoCodes(geo63, "vn_provinces_63p.geojson").forEach(codes::add);
        String geo34 = source.readString("reference/geo/vn_provinces_34p.geojson");
        Map<String, byte[]> assets = new java.util.TreeMap<>(Map.of(
                ECHARTS, resource("META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js"),
                MAP, resource("site/map.js"),
                TABLE, resource("site/table.js"),
                TREND, resource("site/trend.js"),
                HEATMAP, resource("site/heatmap.js"),
                FORMAT, resource("site/format.js"),
                PROVINCES_63, script(GEO_63, geo63),
                PROVINCES_34, script(GEO_34, geo34)));
        Map<String, Integer> communes = new java.util.TreeMap<>();
        for (String province : geoCodes(geo34, "vn_provinces_34p.geojson")) {
            String file = "reference/geo/communes_34p/" + province + ".geojson";
            String geo = source.readString(file);
            communes.put(province, geoCodes(geo, file).size());
            assets.put(communes(province), script(GEO_COMMUNES, geo));
        }
        return new SiteAssets(Map.copyOf(assets), java.util.Set.copyOf(codes), Map.copyOf(communes));
    }

    /** The asset of a 2025 province's communes. */
    public static String communes(String province) {
        return "communes_34p_" + province + ".js";
    }

    private static byte[] script(String global, String geojson) {
        return ("window." + global + "=" + geojson.strip() + ";\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The features' first code property (province_code of a province file, commune_code of a commune file). */
    private static List<String> geoCodes(String geojson, String file) {
        List<String> out = new java.util.ArrayList<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(geojson).path("features").forEach(f -> {
                var p = f.path("properties");
                out.add(p.has("commune_code") ? p.path("commune_code").asText() : p.path("province_code").asText());
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return out;
    }

    /** Every asset's name (what the static export writes). */
    public java.util.Set<String> names() {
        return assets.keySet();
    }

    /** The GSO codes of the provinces the 63-province map draws. */
    public java.util.Set<String> provinces63() {
        return provinces63;
    }

    /** The number of communes the map of a 2025 province draws; null for a code that is not a 2025 province. */
    public Integer communes2025(String province) {
        return communes2025.get(province);
    }

    /** The asset's bytes, or null for a name that is not one. */
    public byte[] get(String name) {
        return assets.get(name);
    }

    private static byte[] resource(String path) {
        try (InputStream in = SiteAssets.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing on the class path: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
