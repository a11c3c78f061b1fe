package vn.rasoat.dashboards.site;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import vn.rasoat.dashboards.SampleDashboards;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The static dashboard and the served one, opened in headless Chromium (Debian's chromium and chromium-driver;
 * .ci/run installs them): the province table is on the page, every chart image loads, screenshots go to target/.
 */
class BrowserIT extends SampleDashboards {
    static final String CHROMIUM = System.getProperty("rasoat.chromium", "/usr/bin/chromium");
    static final String DRIVER = System.getProperty("rasoat.chromedriver", "/usr/bin/chromedriver");

    static WebDriver browser() {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            fail("the browser test needs Chromium and ChromeDriver (" + CHROMIUM + ", " + DRIVER
                    + "): apt-get install chromium chromium-driver, as .ci/run does");
        }
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM);
        o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--allow-file-access-from-files", "--window-size=1200,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort().build();
        WebDriver d = new ChromeDriver(service, o);
        d.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return d;
    }

    @Test
    void staticSiteShowsTheProvinceTableAndEveryChartLoads() throws Exception {
        Path site = Paths.get("target", "dashboard-site").toAbsolutePath();
        try (DashboardSession s = openSample("vi")) {
            SiteWriter.write(s.dashboard(), 2023, null, site, false);
        }
        WebDriver d = browser();
        try {
            d.get(site.resolve("index.html").toUri().toString());
            WebElement table = d.findElement(By.id("table-province_overview"));
            assertTrue(table.getText().contains("Tỉnh Kiên Giang"), table.getText());
            assertTrue(table.getText().contains("1,6186"), "the province's 2023 poor rate, Vietnamese decimal comma");
            assertTrue(table.getText().contains("32.373"), "its households, Vietnamese thousands point");
            assertCompletenessMarked(d, "table-province_overview");
            checkImages(d, "index");
            checkMapAndOpenProvince91(d);
            screenshot(d, "dashboard-index.png");
            clickOnMap(d, "map", 105.2, 9.95); // inland Kiên Giang
            assertTrue(d.getCurrentUrl().endsWith("province-91.html"), "a click on the map opens the province: "
                    + d.getCurrentUrl());
            d.navigate().back();
            d.findElement(By.linkText("Tỉnh Kiên Giang")).click();
            assertTrue(d.getCurrentUrl().endsWith("province-91.html"), d.getCurrentUrl());
            WebElement districts = d.findElement(By.id("table-rates_by_unit"));
            assertEquals(3, districts.findElements(By.cssSelector("tbody tr")).size(), "three districts in the samples");
            assertCompletenessMarked(d, "table-rates_by_unit");
            assertSorts(d, "table-rates_by_unit", "Tỷ lệ hộ nghèo (%)");
            assertSorts(d, "table-rates_by_unit", "Tổng số hộ");
            assertSorts(d, "table-rates_by_unit", "Tên đơn vị");
            checkImages(d, "province-91");
            checkTrend(d);
            checkHeatmap(d);
            screenshot(d, "dashboard-province-91.png");
            d.findElement(By.id("table-rates_by_unit")).findElement(By.linkText("Thành phố Rạch Giá")).click();
            assertTrue(d.getCurrentUrl().endsWith("district-899.html"), "a district opens from its row: " + d.getCurrentUrl());
            assertTrue(d.findElement(By.tagName("nav")).getText().contains("Tỉnh Kiên Giang"), "the breadcrumb names its province");
            checkImages(d, "district-899");
            screenshot(d, "dashboard-district-899.png");
            d.get(site.resolve("index.html").toUri().toString());
            check2025MapsAndOpenAnGiang(d, "province2025-91.html");
            screenshot(d, "dashboard-province2025-91.png");
        } finally {
            d.quit();
        }
    }

    @Test
    void servedDashboardFiltersAndLoadsItsCharts() throws Exception {
        try (DashboardSession s = openSample("vi");
             DashboardServer server = new DashboardServer(s.dashboards(), s.publishedRun(), "127.0.0.1", 0, 8)) {
            server.start();
            WebDriver d = browser();
            try {
                d.get("http://127.0.0.1:" + server.port() + "/?year=2023");
                checkMapAndOpenProvince91(d);
                clickOnMap(d, "map", 105.2, 9.95);
                assertTrue(d.getCurrentUrl().contains("province=91"), "the served map opens the province: " + d.getCurrentUrl());
                d.get("http://127.0.0.1:" + server.port() + "/?year=2023");
                check2025MapsAndOpenAnGiang(d, "/?year=2023&province2025=91");
                d.get("http://127.0.0.1:" + server.port() + "/");
                new org.openqa.selenium.support.ui.Select(d.findElement(By.name("province"))).selectByValue("91");
                new org.openqa.selenium.support.ui.Select(d.findElement(By.name("year"))).selectByVisibleText("2022");
                d.findElement(By.cssSelector("#filters button")).click();
                // the form's navigation, waited for (not a timer)
                new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(20))
                        .until(w -> w.getCurrentUrl().contains("year=2022"));
                assertTrue(d.getCurrentUrl().contains("province=91") && d.getCurrentUrl().contains("year=2022"), d.getCurrentUrl());
                assertTrue(d.findElement(By.id("title")).getText().contains("2022"));
                assertTrue(d.findElement(By.id("table-rates_by_unit")).getText().contains("Huyện Hòn Đất"));
                assertSorts(d, "table-rates_by_unit", "Tỷ lệ hộ nghèo (%)");
                checkImages(d, "served province-91");
                screenshot(d, "dashboard-served-province-91.png");
                // the subgroup selector, then the English switch: the state stays in the address
                new org.openqa.selenium.support.ui.Select(d.findElement(By.name("subgroup"))).selectByValue("area.rural");
                d.findElement(By.cssSelector("#filters button")).click();
                new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(20))
                        .until(w -> w.getCurrentUrl().contains("subgroup=area.rural"));
                assertTrue(d.getPageSource().contains("Khu vực: Nông thôn</h2>"), "the districts' table of rural households");
                d.findElement(By.linkText("English")).click();
                new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(20))
                        .until(w -> w.getCurrentUrl().contains("lang=en"));
                assertTrue(d.getCurrentUrl().contains("subgroup=area.rural") && d.getCurrentUrl().contains("year=2022"), d.getCurrentUrl());
                assertEquals("en", d.findElement(By.tagName("html")).getAttribute("lang"));
                assertTrue(d.findElement(By.id("filters")).getText().contains("Review year"), "English labels");
                d.navigate().refresh(); // the address alone restores the view
                assertTrue(d.getPageSource().contains("Area: Rural</h2>"), "the same view after a reload, in English");
                checkHeatmap(d);
                screenshot(d, "dashboard-served-province-91-en.png");
            } finally {
                d.quit();
            }
        }
    }

    /**
     * A click on a column heading sorts the rows by it, ascending, a second click descending: numbers by their value
     * (read back from the Vietnamese text: 32.373, 1,6186), names in Vietnamese order; the heading says which way.
     */
    private static void assertSorts(WebDriver d, String tableId, String heading) {
        WebElement t = d.findElement(By.id(tableId));
        List<WebElement> heads = t.findElements(By.cssSelector("thead th"));
        int col = heads.stream().map(WebElement::getText).map(x -> x.replaceAll("\\s*[\u2195\u25B2\u25BC]$", "").trim())
                .toList().indexOf(heading);
        assertTrue(col >= 0, heading + " not among " + heads.stream().map(WebElement::getText).toList());
        for (String way : List.of("ascending", "descending")) {
            heads.get(col).findElement(By.tagName("button")).click();
            assertEquals(way, heads.get(col).getAttribute("aria-sort"), heading);
            List<String> cells = t.findElements(By.cssSelector("tbody tr")).stream()
                    .map(r -> r.findElements(By.tagName("td")).get(col).getText()).toList();
            assertTrue(cells.size() >= 2, "rows to sort: " + cells);
            boolean numeric = cells.stream().allMatch(c -> c.matches("-?[0-9.]+(,[0-9]+)?"));
            for (int i = 1; i < cells.size(); i++) {
                int c = numeric
                        ? Double.compare(Double.parseDouble(cells.get(i - 1).replace(".", "").replace(',', '.')),
                        Double.parseDouble(cells.get(i).replace(".", "").replace(',', '.')))
                        : java.text.Collator.getInstance(java.util.Locale.forLanguageTag("vi")).compare(cells.get(i - 1), cells.get(i));
                assertTrue(way.equals("ascending") ? c <= 0 : c >= 0, heading + " " + way + ": " + cells);
            }
        }
    }

    @SuppressWarnings("unchecked")
    /**
     * Every row of a rates table says in words whether its figures are complete ("chưa đầy đủ" exactly when the share
     * classified is under 0.99), never true/false, and an incomplete row brings the note with the quarantine command.
     */
    private static void assertCompletenessMarked(WebDriver d, String tableId) {
        WebElement t = d.findElement(By.id(tableId));
        List<String> heads = t.findElements(By.cssSelector("thead th")).stream().map(WebElement::getText).toList();
        int mark = heads.indexOf("Số liệu");
        int share = heads.indexOf("Tỷ lệ đã phân loại");
        assertTrue(mark >= 0 && share >= 0, heads.toString());
        boolean any = false;
        for (WebElement row : t.findElements(By.cssSelector("tbody tr"))) {
            List<WebElement> cells = row.findElements(By.tagName("td"));
            double v = Double.parseDouble(cells.get(share).getText().replace(',', '.'));
            String m = cells.get(mark).getText();
            assertEquals(v < 0.99 ? "chưa đầy đủ" : "đầy đủ", m, row.getText());
            any |= v < 0.99;
            assertTrue(!row.getText().contains("true") && !row.getText().contains("false"), row.getText());
        }
        boolean note = !d.findElements(By.cssSelector("p.incomplete")).isEmpty();
        assertEquals(any, note, "the incomplete note appears exactly when a unit is incomplete");
        if (note) {
            assertTrue(d.findElement(By.cssSelector("p.incomplete")).getText().contains("./rasoat quarantine --commune"));
        }
    }

    /**
     * The national map (ECharts, from the page's own assets, no network): one region per province of the 63, the
     * sample province filled with its rate and every other one without data; the attribution under it.
     */
    @SuppressWarnings("unchecked")
    private static void checkMapAndOpenProvince91(WebDriver d) throws InterruptedException {
        JavascriptExecutor js = (JavascriptExecutor) d;
        long deadline = System.currentTimeMillis() + 30_000;
        while (js.executeScript("return window.rasoatMap ? 1 : 0").equals(0L) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        List<Map<String, Object>> regions = (List<Map<String, Object>>) js.executeScript(
                "return window.rasoatMap.getOption().series[0].data.map(x => ({name: x.name, value: x.value,"
                        + " code: x.unit ? x.unit.code : null}));");
        assertEquals(63, regions.size(), "one region per province of the 63-province system");
        List<Map<String, Object>> filled = regions.stream().filter(r -> r.get("value") != null).toList();
        assertEquals(1, filled.size(), "only the sample province has results: " + filled);
        assertEquals("91", filled.get(0).get("code"));
        assertEquals(1.6186, ((Number) filled.get(0).get("value")).doubleValue(), 1e-9, "its 2023 poor rate");
        assertEquals(62L, regions.stream().filter(r -> r.get("value") == null).count(), "62 provinces without data");
        assertTrue(d.findElement(By.cssSelector("p.note")).getText().contains("geoBoundaries"), "the attribution");
    }

    /** The regions a map of the page draws (waited for): name, value (the poor rate, null without data), code. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> regions(WebDriver d, String mapId) throws InterruptedException {
        JavascriptExecutor js = (JavascriptExecutor) d;
        long deadline = System.currentTimeMillis() + 30_000;
        while (js.executeScript("return window.rasoatMaps && window.rasoatMaps[arguments[0]] ? 1 : 0", mapId).equals(0L)
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        return (List<Map<String, Object>>) js.executeScript(
                "return window.rasoatMaps[arguments[0]].getOption().series[0].data.map(x => ({name: x.name, value: x.value,"
                        + " code: x.unit ? x.unit.code : null}));", mapId);
    }

    /**
     * The 34-province map of the 2025 boundaries on the national page: one region per province, An Giang (91, which
     * Kiên Giang joined) filled with the sample's restated rate; a click opens its page, whose commune map draws every
     * commune of the province in the 2025 list, those of the sample districts filled.
     */
    static void check2025MapsAndOpenAnGiang(WebDriver d, String expectedUrlEnd) throws Exception {
        List<Map<String, Object>> provinces = regions(d, "map34");
        assertEquals(34, provinces.size(), "one region per province of 2025");
        List<Map<String, Object>> filled = provinces.stream().filter(r -> r.get("value") != null).toList();
        assertEquals(List.of("91"), filled.stream().map(r -> r.get("code")).toList(), "only An Giang has results");
        clickOnMap(d, "map34", 105.2, 9.95);
        assertTrue(d.getCurrentUrl().endsWith(expectedUrlEnd), "a click on the 2025 map opens the province: " + d.getCurrentUrl());
        long listed;
        try (var lines = Files.lines(Paths.get("..", "schemas", "reference", "vn_admin_units_34p_2025-07-01.csv"))) {
            listed = lines.filter(l -> l.startsWith("91,")).count();
        }
        List<Map<String, Object>> communes = regions(d, "map");
        assertEquals(listed, communes.size(), "one region per commune of An Giang in the 2025 list");
        long withData = communes.stream().filter(r -> r.get("value") != null).count();
        assertTrue(withData > 10 && withData < listed, "the communes the sample districts became have results: " + withData);
        assertTrue(d.findElement(By.id("table-rates_2025")).getText().contains("Tỉnh An Giang"), "the province's own row");
        assertTrue(d.findElement(By.id("restated-note")).getText().contains("quy đổi"), "says the results are restated");
    }

    /**
     * The province's trend: both rates in each of the three sample years (2023's poor rate 1,6186 %), and one change
     * of standard marked, at 2022 (2022–2025 after 2016–2020).
     */
    @SuppressWarnings("unchecked")
    static void checkTrend(WebDriver d) throws InterruptedException {
        JavascriptExecutor js = waitForChart(d, "rasoatTrend");
        Map<String, Object> o = (Map<String, Object>) js.executeScript("var o = window.rasoatTrend.getOption(); return {"
                + "years: o.xAxis[0].data, poor: o.series[0].data, near: o.series[1].data,"
                + " changes: o.series[0].markLine.data.map(x => x.xAxis), series: o.series.length,"
                + " harmonised: o.series.length > 2 ? o.series[2].data : null};");
        assertEquals(List.of("2021", "2022", "2023"), o.get("years"));
        assertEquals(1.6186, ((Number) ((List<Object>) o.get("poor")).get(2)).doubleValue(), 1e-9);
        assertEquals(3, ((List<Object>) o.get("near")).size());
        assertEquals(List.of("2022"), o.get("changes"), "the change of standard, at the first year of the new one");
        assertEquals(4L, ((Number) o.get("series")).longValue(), "the official rates and, dotted, the harmonised ones");
        assertEquals(0.7864, ((Number) ((List<Object>) o.get("harmonised")).get(0)).doubleValue(), 1e-9,
                "2021 rescored under 2022_2025 (mart_rates_harmonised)");
    }

    /**
     * The deprivation heat map: one row per district of the sample province, one column per indicator of the
     * rulebook with results, every cell a share between 0 and 100 or blank.
     */
    @SuppressWarnings("unchecked")
    static void checkHeatmap(WebDriver d) throws InterruptedException {
        JavascriptExecutor js = waitForChart(d, "rasoatHeatmap");
        Map<String, Object> o = (Map<String, Object>) js.executeScript("var o = window.rasoatHeatmap.getOption(); return {"
                + "units: o.yAxis[0].data, indicators: o.xAxis[0].data, cells: o.series[0].data.map(c => c.value[2])};");
        List<Object> units = (List<Object>) o.get("units");
        List<Object> indicators = (List<Object>) o.get("indicators");
        List<Object> cells = (List<Object>) o.get("cells");
        assertEquals(3, units.size(), "the sample province's three districts: " + units);
        assertTrue(indicators.size() >= 10, "the rulebook's indicators: " + indicators);
        assertEquals(units.size() * indicators.size(), cells.size(), "a cell per district and indicator");
        for (Object c : cells) {
            assertTrue(c.equals("-") || (((Number) c).doubleValue() >= 0 && ((Number) c).doubleValue() <= 100), "a share: " + c);
        }
    }

    /** Waits (up to 30 s, polling) until the page's script has drawn its chart {@code window.<global>}. */
    private static JavascriptExecutor waitForChart(WebDriver d, String global) throws InterruptedException {
        JavascriptExecutor js = (JavascriptExecutor) d;
        long deadline = System.currentTimeMillis() + 30_000;
        while (js.executeScript("return window." + global + " ? 1 : 0").equals(0L) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        return js;
    }

    /** A real mouse click on a map of the page at a longitude and latitude. */
    @SuppressWarnings("unchecked")
    private static void clickOnMap(WebDriver d, String mapId, double lon, double lat) {
        WebElement map = d.findElement(By.id(mapId));
        ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'});", map);
        List<Number> px = (List<Number>) ((JavascriptExecutor) d).executeScript(
                "return window.rasoatMaps[arguments[0]].convertToPixel({seriesIndex: 0}, [arguments[1], arguments[2]]);",
                mapId, lon, lat);
        int x = px.get(0).intValue() - map.getSize().getWidth() / 2;
        int y = px.get(1).intValue() - map.getSize().getHeight() / 2;
        String before = d.getCurrentUrl();
        new org.openqa.selenium.interactions.Actions(d).moveToElement(map, x, y).click().perform();
        new org.openqa.selenium.support.ui.WebDriverWait(d, Duration.ofSeconds(20)).until(w -> !w.getCurrentUrl().equals(before));
    }

    private static void checkImages(WebDriver d, String page) {
        JavascriptExecutor js = (JavascriptExecutor) d;
        long deadline = System.currentTimeMillis() + 30_000;
        List<Map<String, Object>> images;
        while (true) {
            images = (List<Map<String, Object>>) js.executeScript(
                    "return Array.from(document.images).map(i => ({src: i.getAttribute('src'), complete: i.complete, w: i.naturalWidth}));");
            boolean done = images.stream().allMatch(i -> Boolean.TRUE.equals(i.get("complete")));
            if (done || System.currentTimeMillis() > deadline) {
                break;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        assertEquals(6, images.size(), page + ": six chart images (the seventh, the deprivation heat map, is drawn by ECharts)");
        for (Map<String, Object> i : images) {
            assertTrue(((Number) i.get("w")).longValue() > 0, page + ": chart did not load: " + i.get("src"));
        }
    }

    private static void screenshot(WebDriver d, String name) throws Exception {
        Path out = Paths.get("target", name);
        Files.write(out, ((TakesScreenshot) d).getScreenshotAs(OutputType.BYTES));
        assertTrue(Files.size(out) > 10_000, "screenshot " + out);
    }
}
