package vn.rasoat.dashboards.charts;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The chart font: DejaVu Sans, bundled (src/main/resources/fonts, with its licence), because a machine's default
 * fonts may lack the Vietnamese letters with two diacritics (ặ, ỹ, ữ …) and would draw boxes instead.
 */
public final class Fonts {
    public static final String FAMILY = "DejaVu Sans";
    private static Font regular;
    private static Font bold;

    private Fonts() {
    }

    public static synchronized Font regular(float size) {
        if (regular == null) {
            regular = load("/fonts/DejaVuSans.ttf");
            bold = load("/fonts/DejaVuSans-Bold.ttf");
        }
        return regular.deriveFont(size);
    }

    public static synchronized Font bold(float size) {
        regular(size);
        return bold.deriveFont(size);
    }

    private static Font load(String resource) {
        try (InputStream in = Fonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the bundled font " + resource + " is missing from the jar");
            }
            Font f = Font.createFont(Font.TRUETYPE_FONT, in);
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(f);
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (FontFormatException e) {
            throw new IllegalStateException("cannot read the bundled font " + resource, e);
        }
    }
}
