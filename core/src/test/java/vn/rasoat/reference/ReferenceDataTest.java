package vn.rasoat.reference;

import org.junit.jupiter.api.Test;
import vn.rasoat.io.SchemaSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Unit names as people read them; codes untouched. */
class ReferenceDataTest {
    @Test
    void gsoDoubleSpacesInNamesAreCollapsedCodesKept() {
        ReferenceData ref = ReferenceData.load(SchemaSource.folder(Path.of("..", "schemas").toAbsolutePath().normalize()));
        // the GSO list of 2021-11-01 writes this Kiên Giang commune "Xã  Hòa Thuận" (two spaces)
        AdminUnit u = ref.units("vn_admin_units_63p_2021-11-01.csv").stream()
                .filter(a -> a.communeCode().equals("30949")).findFirst().orElseThrow();
        assertEquals("Xã Hòa Thuận", u.communeName());
        assertEquals("30949", u.communeCode());
        long doubled = ref.units("vn_admin_units_63p_2021-11-01.csv").stream()
                .filter(a -> a.communeName().contains("  ") || a.communeName().isBlank()).count();
        assertEquals(0, doubled, "no name of the list keeps a double space");
        assertEquals("Xã Dương Hồng Thủy", AdminUnit.displayName(" Xã Dương Hồng \u00a0 Thủy "));
        assertNull(AdminUnit.displayName(null));
    }
}
