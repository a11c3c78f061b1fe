package vn.rasoat.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LegacyEncodingTest {
    static final String TEXT = "Hộ nghèo, hộ cận nghèo xã Vĩnh Thanh Vân, thành phố Rạch Giá; chủ hộ Nguyễn Thị Hường, "
            + "dân tộc Khmer, người có công với cách mạng, thiếu hụt nước sinh hoạt và nhà tiêu hợp vệ sinh";

    private static LegacyEncoding detect(byte[] b) {
        return LegacyEncoding.detect(b, b.length);
    }

    @Test
    void eachEncodingIsRecognisedAndDecodedBack() {
        assertEquals(LegacyEncoding.UTF_8, detect(TEXT.getBytes(StandardCharsets.UTF_8)));
        byte[] w = IngestTest.cp1258(TEXT);
        assertEquals(LegacyEncoding.WINDOWS_1258, detect(w));
        assertEquals(TEXT, LegacyEncoding.WINDOWS_1258.decode(w, 0, w.length));
        byte[] t = LegacyEncoding.encodeTcvn3(TEXT.toLowerCase());
        assertEquals(LegacyEncoding.TCVN3, detect(t));
        assertEquals(TEXT.toLowerCase(), LegacyEncoding.TCVN3.decode(t, 0, t.length));
        // VNI, written by hand: base letters followed by mark bytes (shown as their Windows-1252 characters)
        byte[] v = "Hoä ngheøo, hoä caän ngheøo xaõ Vónh Thanh Vaân; chuû hoä Nguyeãn Thò Höôøng, Ñaø Naüng"
                .getBytes(Charset.forName("windows-1252"));
        assertEquals(LegacyEncoding.VNI, detect(v));
        assertEquals("Hộ nghèo, hộ cận nghèo xã Vĩnh Thanh Vân; chủ hộ Nguyễn Thị Hường, Đà Nẵng",
                LegacyEncoding.VNI.decode(v, 0, v.length));
    }

    @Test
    void unicodeWithAStrayByteStaysUnicodeAndNoiseIsNotTakenForVietnamese() {
        byte[] u = (TEXT + " \u00ff").getBytes(StandardCharsets.UTF_8);
        byte[] stray = java.util.Arrays.copyOf(u, u.length + 1);
        stray[u.length] = (byte) 0xC3; // a lone lead byte at the end, and one more inside
        stray[10] = (byte) 0xFF;
        assertEquals(LegacyEncoding.UTF_8, detect(stray));
        byte[] noise = new byte[400];
        new java.util.Random(7).nextBytes(noise);
        assertEquals(LegacyEncoding.UNKNOWN, detect(noise));
    }
}
