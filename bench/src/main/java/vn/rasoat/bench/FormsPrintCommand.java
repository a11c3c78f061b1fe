package vn.rasoat.bench;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vn.rasoat.cli.CommonOptions;
import vn.rasoat.cli.WarehouseOption;
import vn.rasoat.dashboards.report.ReportForms;
import vn.rasoat.dashboards.site.DashboardSession;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * {@code rasoat bench forms-print}: prints every report form of a unit with LibreOffice (headless) and checks, in the
 * PDF, that the form sheet is A4 landscape and one page wide: its last column's number is on the first page (the
 * headings repeat on every page, so a sheet cut in width would carry it on a later page only). A check, not a test:
 * it needs LibreOffice, which the test machines do not install.
 */
@Command(name = "forms-print", mixinStandardHelpOptions = true,
        description = {"Print every report form (Biểu 7.x) of a unit with LibreOffice (headless, soffice) and check each",
                "prints A4 landscape, one page wide; prints pages and the check per form, exit 1 if one fails.",
                "Needs LibreOffice Calc (Debian: apt-get install libreoffice-calc).",
                "Example: rasoat bench forms-print --warehouse demo-output/warehouse --unit 91 --year 2023"})
public final class FormsPrintCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;
    @Mixin
    WarehouseOption warehouse;

    @Option(names = "--unit", required = true, description = "Unit code: province (2 digits), district (3), commune (5).")
    String unit;

    @Option(names = "--year", required = true, description = "Review year.")
    int year;

    @Option(names = "--out", description = "Folder for the workbooks and PDFs (default: target/forms-print/<unit>_<year>).")
    Path out;

    @Option(names = "--soffice", defaultValue = "soffice", description = "LibreOffice's program (default: ${DEFAULT-VALUE}).")
    String soffice;

    @Override
    public Integer call() throws Exception {
        Path dir = out != null ? out : Path.of("target", "forms-print", unit + "_" + year);
        List<Path> files;
        try (DashboardSession s = DashboardSession.open(common.source(), warehouse.path(), "vi")) {
            files = ReportForms.writeAll(s.dashboard(), common.source(), unit, year, dir);
        }
        // the form sheet alone (the notes sheet prints on pages of its own)
        Path sheets = Files.createDirectories(dir.resolve("form-sheets"));
        List<Path> only = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f); XSSFWorkbook wb = new XSSFWorkbook(in)) {
                while (wb.getNumberOfSheets() > 1) {
                    wb.removeSheetAt(1);
                }
                Path o = sheets.resolve(f.getFileName());
                try (OutputStream os = Files.newOutputStream(o)) {
                    wb.write(os);
                }
                only.add(o);
            }
        }
        long t0 = System.nanoTime();
        List<String> cmd = new ArrayList<>(List.of(soffice, "--headless", "--convert-to", "pdf", "--outdir", sheets.toString()));
        only.forEach(p -> cmd.add(p.toString()));
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("soffice.log").toFile()).start();
        } catch (java.io.IOException e) {
            System.err.println("cannot run " + soffice + " (LibreOffice): " + e.getMessage()
                    + "; install it (Debian: apt-get install libreoffice-calc) or give --soffice");
            return 2;
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            System.err.println(soffice + " failed; see " + dir.resolve("soffice.log"));
            return 2;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        int failed = 0;
        System.out.printf("%-8s %-6s %-22s %s%n", "form", "pages", "page (mm)", "one page wide");
        for (Path x : only) {
            String name = x.getFileName().toString();
            Path pdf = sheets.resolve(name.substring(0, name.length() - 5) + ".pdf");
            try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
                PDRectangle box = doc.getPage(0).getMediaBox();
                long w = Math.round(box.getWidth() / 72 * 25.4);
                long h = Math.round(box.getHeight() / 72 * 25.4);
                boolean a4Landscape = Math.abs(w - 297) <= 2 && Math.abs(h - 210) <= 2;
                PDFTextStripper text = new PDFTextStripper();
                text.setStartPage(1);
                text.setEndPage(1);
                String first = text.getText(doc);
                int columns = lastColumn(x);
                boolean wide = first.contains("(" + columns + ")");
                boolean ok = a4Landscape && wide;
                failed += ok ? 0 : 1;
                String form = name.replaceFirst("^bieu_", "").replaceFirst("_" + unit + "_" + year + "\\.xlsx$", "").replace('_', '.');
                System.out.printf("%-8s %-6d %-22s %s%n", form, doc.getNumberOfPages(), w + " × " + h
                        + (a4Landscape ? " (A4 landscape)" : ""), wide ? "yes: column (" + columns + ") on page 1"
                        : "NO: column (" + columns + ") not on page 1");
            }
        }
        System.out.printf("%d forms printed by LibreOffice in %.1f s; %d not one page wide. PDFs: %s%n", only.size(),
                seconds, failed, sheets);
        return failed == 0 ? 0 : 1;
    }

    /** The number of the form's last data column: the largest "(n)" of its column-number row. */
    private static int lastColumn(Path workbook) throws java.io.IOException {
        int max = 0;
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook wb = new XSSFWorkbook(in)) {
            for (org.apache.poi.ss.usermodel.Row r : wb.getSheetAt(0)) {
                for (org.apache.poi.ss.usermodel.Cell c : r) {
                    if (c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                            && c.getStringCellValue().matches("\\(\\d+\\)")) {
                        max = Math.max(max, Integer.parseInt(c.getStringCellValue().replaceAll("\\D", "")));
                    }
                }
            }
        }
        return max;
    }
}
