package vn.rasoat.dashboards.charts;

import org.junit.jupiter.api.Test;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class FontsTest {
    /** Letters with two diacritics and the capitals used in unit names. */
    static final String VIETNAMESE = "Tỷ lệ hộ nghèo, hộ cận nghèo — Đắk Lắk, Thừa Thiên Huế, Bà Rịa–Vũng Tàu: "
            + "ặẳẵẫẩậễểệỗổộờởỡợừửữựỳỷỹỵ ĂÂĐÊÔƠƯ";

    @Test
    void theBundledFontHasEveryVietnameseLetter() {
        Font f = Fonts.regular(12f);
        assertEquals(Fonts.FAMILY, f.getFamily());
        assertEquals(-1, f.canDisplayUpTo(VIETNAMESE), "first letter the font lacks");
        GlyphVector g = f.createGlyphVector(new FontRenderContext(null, true, true), VIETNAMESE);
        int missing = f.getMissingGlyphCode();
        for (int i = 0; i < g.getNumGlyphs(); i++) {
            assertNotEquals(missing, g.getGlyphCode(i), "glyph " + i + " of \"" + VIETNAMESE + "\" is the missing-glyph box");
        }
        assertEquals(-1, Fonts.bold(12f).canDisplayUpTo(VIETNAMESE));
    }
}
