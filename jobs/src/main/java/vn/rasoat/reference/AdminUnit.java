package vn.rasoat.reference;

import java.io.Serializable;

/** One commune-level unit of a dated unit list; district fields are null in the 34-province list of 2025. */
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
}
