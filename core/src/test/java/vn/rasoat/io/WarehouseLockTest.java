package vn.rasoat.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WarehouseLockTest {
    @Test
    void aSecondRunFailsWithAClearMessageUntilTheFirstIsDone(@TempDir Path wh) {
        try (WarehouseLock first = WarehouseLock.acquire(wh.toString(), "ingest", Duration.ZERO)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> WarehouseLock.acquire(wh.toString(), "marts", Duration.ofMillis(600)));
            assertTrue(e.getMessage().contains("in use by another rasoat run"), e.getMessage());
            assertTrue(e.getMessage().contains("ingest"), "names the holder's job: " + e.getMessage());
        }
        assertFalse(Files.exists(wh.resolve("_rasoat.lock")));
        try (WarehouseLock again = WarehouseLock.acquire(wh.toString(), "marts", Duration.ZERO)) {
            assertTrue(Files.exists(wh.resolve("_rasoat.lock")));
        }
    }

    @Test
    void aLockLeftByAProcessThatIsGoneIsTakenOver(@TempDir Path wh) throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        String host = java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(wh.resolve("_rasoat.lock"), p.pid() + "@" + host + "\nscore\n2026-01-01T00:00:00Z\n");
        assertTrue(WarehouseLock.stale(Files.readString(wh.resolve("_rasoat.lock"))));
        try (WarehouseLock l = WarehouseLock.acquire(wh.toString(), "marts", Duration.ZERO)) {
            assertTrue(Files.readString(wh.resolve("_rasoat.lock")).contains("marts"));
        }
        assertFalse(WarehouseLock.stale(ProcessHandle.current().pid() + "@" + host + "\n"));
        assertFalse(WarehouseLock.stale("123@another-host\n"), "another host's lock is never taken over");
    }
}
