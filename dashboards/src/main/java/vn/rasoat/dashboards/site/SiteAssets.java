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
 *   <li>{@value #MAP}: the choropleth of the national page (this module's {@code site/map.js});</li>
 *   <li>{@value #TABLE}: sortable table columns, on every page ({@code site/table.js});</li>
 *   <li>{@value #PROVINCES_63}: the 63 provinces' boundaries ({@code schemas/reference/geo/vn_provinces_63p.geojson},
 *       geoBoundaries, public domain) as a script, so that a page opened from a file can read them.</li>
 * </ul>
 */
public final class SiteAssets {
    public static final String ECHARTS = "echarts.min.js";
    public static final String ECHARTS_VERSION = "5.3.1";
    public static final String MAP = "map.js";
    public static final String TABLE = "table.js";
    public static final String PROVINCES_63 = "vn_provinces_63p.js";
    public static final List<String> NAMES = List.of(ECHARTS, MAP, TABLE, PROVINCES_63);
    /** The attribution every map of the 63 provinces shows under it. */
    public static final String ATTRIBUTION_63 = "geoBoundaries (www.geoboundaries.org)";

    private final Map<String, byte[]> assets;
    private final java.util.Set<String> provinces63;

    private SiteAssets(Map<String, byte[]> assets, java.util.Set<String> provinces63) {
        this.assets = assets;
        this.provinces63 = provinces63;
    }

    public static SiteAssets load(SchemaSource source) {
        String geo = source.readString("reference/geo/vn_provinces_63p.geojson");
        java.util.Set<String> codes = new java.util.TreeSet<>();
        try {
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(geo).path("features")
                    .forEach(f -> codes.add(f.path("properties").path("province_code").asText()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference/geo/vn_provinces_63p.geojson", e);
        }
        return new SiteAssets(Map.of(
                ECHARTS, resource("META-INF/resources/webjars/echarts/" + ECHARTS_VERSION + "/dist/echarts.min.js"),
                MAP, resource("site/map.js"),
                TABLE, resource("site/table.js"),
                PROVINCES_63, ("window.RASOAT_GEO_63=" + geo.strip() + ";\n").getBytes(StandardCharsets.UTF_8)),
                java.util.Set.copyOf(codes));
    }

    /** The GSO codes of the provinces the 63-province map draws. */
    public java.util.Set<String> provinces63() {
        return provinces63;
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
