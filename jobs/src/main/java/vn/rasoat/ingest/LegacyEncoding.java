package vn.rasoat.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

/**
 * Vietnamese text in the legacy encodings still found in government files: Windows-1258 (base letters with
 * combining tone marks), TCVN3 / ABC (one byte per toned lowercase letter; capitals are a matter of the .VnTimeH
 * font, so they come out lowercase) and VNI (a base letter followed by a mark byte). {@link #detect} decodes a
 * sample with each and keeps the one whose non-ASCII characters are Vietnamese letters; {@link #decode} converts
 * a whole text to NFC Unicode.
 */
public enum LegacyEncoding {
    UTF_8("UTF-8"), WINDOWS_1258("Windows-1258"), TCVN3("TCVN3 (ABC)"), VNI("VNI"), UNKNOWN("unknown");

    private final String label;

    LegacyEncoding(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    private static final Charset CP1258 = Charset.forName("windows-1258");
    private static final Charset CP1252 = Charset.forName("windows-1252");
    private static final char[] TCVN3_TABLE = new char[256];

    static {
        for (int i = 0; i < 128; i++) {
            TCVN3_TABLE[i] = (char) i;
        }
        for (int i = 128; i < 256; i++) {
            TCVN3_TABLE[i] = '\uFFFD';
        }
        put(0xA1, "ĂÂÊÔƠƯĐăâêôơưđ");
        put(0xB5, "àảãáạ");
        put(0xBB, "ằẳẵắ");
        put(0xC6, "ặầẩẫấậè");
        put(0xCE, "ẻẽéẹềểễếệìỉ");
        put(0xDC, "ĩíịò");
        put(0xE1, "ỏõóọồổỗốộờởỡớợù");
        put(0xF1, "ủũúụừửữứựỳỷỹýỵ");
    }

    private static void put(int from, String chars) {
        for (int i = 0; i < chars.length(); i++) {
            TCVN3_TABLE[from + i] = chars.charAt(i);
        }
    }

    /** TCVN3 bytes of a text (the inverse of the table; for tests and fixtures), '?' where TCVN3 has no byte. */
    public static byte[] encodeTcvn3(String text) {
        String t = Normalizer.normalize(text, Normalizer.Form.NFC);
        byte[] out = new byte[t.length()];
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            int b = '?';
            for (int k = 0; k < 256; k++) {
                if (TCVN3_TABLE[k] == c) {
                    b = k;
                    break;
                }
            }
            out[i] = (byte) b;
        }
        return out;
    }

    /** Below this, a non-UTF-8 file is not taken for Vietnamese in any legacy encoding (two plausible words). */
    static final int MIN_SCORE = 4;

    /** Well-formed UTF-8 sequences of two or more bytes in the sample. */
    static int validMultibyte(byte[] b, int end) {
        int n = 0;
        for (int i = 0; i < end; i++) {
            int c = b[i] & 0xFF;
            int len = c >= 0xF0 && c < 0xF5 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
            if (c >= 0xF5) {
                len = 0;
            }
            if (len == 0 || i + len > end) {
                continue;
            }
            boolean ok = true;
            for (int k = 1; k < len; k++) {
                ok &= (b[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                n++;
                i += len - 1;
            }
        }
        return n;
    }

    /** The encoding of a sample of a file's bytes: UTF-8 when it decodes strictly, else the likeliest legacy one. */
    public static LegacyEncoding detect(byte[] sample, int length) {
        int end = length;
        // a sample cut in the middle of a UTF-8 sequence is still UTF-8
        while (end > 0 && end > length - 4 && (sample[end - 1] & 0xC0) == 0x80) {
            end--;
        }
        if (end > 0 && (sample[end - 1] & 0xC0) == 0xC0) {
            end--;
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(sample, 0, end));
            return UTF_8;
        } catch (CharacterCodingException e) {
            // not UTF-8: try the legacy encodings
        }
        int valid = validMultibyte(sample, end);
        int high = 0;
        for (int i = 0; i < end; i++) {
            high += (sample[i] & 0x80) != 0 ? 1 : 0;
        }
        if (valid > 0 && 2 * valid >= high - 2 * valid) {
            return UTF_8; // Unicode text with a few stray bytes: those lines are held as bad_encoding
        }
        LegacyEncoding best = UNKNOWN;
        int bestScore = MIN_SCORE - 1;
        for (LegacyEncoding e : new LegacyEncoding[]{WINDOWS_1258, TCVN3, VNI}) {
            int score = score(e.decode(sample, 0, length));
            if (score > bestScore) {
                best = e;
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * How Vietnamese a decoded text looks: words with non-ASCII letters score +2 when they could be Vietnamese
     * (at most one tone mark; no vowel with a circumflex, breve or horn straight after a, e or o, as "aê" or "eô"),
     * −3 when not; every non-ASCII character that is no Vietnamese letter scores −3.
     */
    static int score(String text) {
        int score = 0;
        for (String word : text.split("[^\\p{L}\\p{M}\uFFFD]+")) {
            boolean nonAscii = false;
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (c >= 0x80) {
                    nonAscii = true;
                    if (!isVietnameseLetter(c)) {
                        score -= 3;
                    }
                }
            }
            if (nonAscii) {
                score += plausibleWord(word) ? 2 : -3;
            }
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && !Character.isLetter(c) && "–—‘’“”…°·".indexOf(c) < 0) {
                score -= 3;
            }
        }
        return score;
    }

    static boolean plausibleWord(String word) {
        String d = Normalizer.normalize(word.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFD);
        int tones = 0;
        for (int i = 0; i < d.length(); i++) {
            if ("\u0300\u0301\u0303\u0309\u0323".indexOf(d.charAt(i)) >= 0) {
                tones++;
            }
        }
        if (tones > 1) {
            return false;
        }
        String n = Normalizer.normalize(word.toLowerCase(java.util.Locale.ROOT), Normalizer.Form.NFC);
        for (int i = 1; i < n.length(); i++) {
            String prev = Normalizer.normalize(String.valueOf(n.charAt(i - 1)), Normalizer.Form.NFD);
            String cur = Normalizer.normalize(String.valueOf(n.charAt(i)), Normalizer.Form.NFD);
            boolean modified = cur.indexOf('\u0302') > 0 || cur.indexOf('\u0306') > 0 || cur.indexOf('\u031B') > 0;
            char p = prev.charAt(0);
            if (modified && "aeo".indexOf(p) >= 0 && !(p == 'o' && cur.indexOf('\u0306') > 0)) {
                return false;
            }
        }
        return true;
    }

    static boolean isVietnameseLetter(char c) {
        if (c == 'đ' || c == 'Đ') {
            return true;
        }
        String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        if (d.length() < 2 || "aeiouyAEIOUY".indexOf(d.charAt(0)) < 0) {
            return false;
        }
        for (int i = 1; i < d.length(); i++) {
            if ("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031B".indexOf(d.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    public String decode(byte[] b, int off, int len) {
        return switch (this) {
            case UTF_8, UNKNOWN -> new String(b, off, len, StandardCharsets.UTF_8);
            case WINDOWS_1258 -> Normalizer.normalize(new String(b, off, len, CP1258), Normalizer.Form.NFC);
            case TCVN3 -> {
                StringBuilder s = new StringBuilder(len);
                for (int i = off; i < off + len; i++) {
                    s.append(TCVN3_TABLE[b[i] & 0xFF]);
                }
                yield s.toString();
            }
            case VNI -> vni(new String(b, off, len, CP1252));
        };
    }

    /** VNI bytes read as Windows-1252 → Unicode: mark bytes after a vowel become combining marks, then NFC. */
    static String vni(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            char prev = out.length() == 0 ? ' ' : out.charAt(out.length() - 1);
            String marks = vowelBase(prev) ? markOf(c) : null;
            if (marks != null) {
                out.append(marks);
                continue;
            }
            out.append(switch (c) {
                case 'ô' -> "ơ";
                case 'Ô' -> "Ơ";
                case 'ö' -> "ư";
                case 'Ö' -> "Ư";
                case 'ñ' -> "đ";
                case 'Ñ' -> "Đ";
                case 'í' -> "í";
                case 'ì' -> "ì";
                case 'æ' -> "ỉ";
                case 'ó' -> "ĩ";
                case 'ò' -> "ị";
                case 'Í' -> "Í";
                case 'Ì' -> "Ì";
                case 'Æ' -> "Ỉ";
                case 'Ó' -> "Ĩ";
                case 'Ò' -> "Ị";
                default -> String.valueOf(c);
            });
        }
        return Normalizer.normalize(out.toString(), Normalizer.Form.NFC);
    }

    private static boolean vowelBase(char c) {
        char base = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD).charAt(0);
        return "aeiouyAEIOUY".indexOf(base) >= 0 || c == 'ơ' || c == 'ư' || c == 'Ơ' || c == 'Ư'
                || (c >= '\u0300' && c <= '\u036F');
    }

    /** The combining marks a VNI mark byte (as its Windows-1252 character) stands for, or null. */
    private static String markOf(char c) {
        return switch (c) {
            case 'ù', 'Ù' -> "\u0301";
            case 'ø', 'Ø' -> "\u0300";
            case 'û', 'Û' -> "\u0309";
            case 'õ', 'Õ' -> "\u0303";
            case 'ï', 'Ï' -> "\u0323";
            case 'â', 'Â' -> "\u0302";
            case 'á', 'Á' -> "\u0302\u0301";
            case 'à', 'À' -> "\u0302\u0300";
            case 'å', 'Å' -> "\u0302\u0309";
            case 'ã', 'Ã' -> "\u0302\u0303";
            case 'ä', 'Ä' -> "\u0302\u0323";
            case 'ê', 'Ê' -> "\u0306";
            case 'é', 'É' -> "\u0306\u0301";
            case 'è', 'È' -> "\u0306\u0300";
            case 'ú', 'Ú' -> "\u0306\u0309";
            case 'ü', 'Ü' -> "\u0306\u0303";
            case 'ë', 'Ë' -> "\u0306\u0323";
            default -> null;
        };
    }
}
