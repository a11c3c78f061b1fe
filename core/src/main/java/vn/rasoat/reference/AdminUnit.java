package vn.rasoat.reference;

import java.io.Serializable;

/**
 * One commune-level unit of a dated unit list; district fields are null in the 34-province list of 2025. Codes are
 * kept exactly as listed; names are read as people read them: GSO lists carry stray double spaces
 * ({@code "Xã  Hòa Thuận"}), collapsed here, the one place unit names enter the product.
 */
public record AdminUnit(
        String provinceCode,
        String provinceName,
        String districtCode,
        String districtName,
        String communeCode,
        String communeName,
        String communeType,
        boolean urban,
        String regionKey) implements Serializable {

    public AdminUnit {
        provinceName = displayName(provinceName);
        districtName = displayName(districtName);
        communeName = displayName(communeName);
    }

    /** A unit name for display: surrounding blanks dropped, every run of whitespace one space; null stays null. */
    public static String displayName(String name) {
        return name == null ? null : name.replaceAll("(?U)\\s+", " ").strip();
    }
}
