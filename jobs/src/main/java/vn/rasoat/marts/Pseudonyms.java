package vn.rasoat.marts;

import org.apache.spark.sql.Column;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.unhex;

/**
 * Keyed pseudonyms for households: HMAC-SHA256(secret, household id), built from Spark's own sha2 so no UDF is
 * needed. The secret comes from {@code RASOAT_PSEUDONYM_KEY}, else from {@code ~/.config/rasoat/pseudonym.key}
 * (created with a random key on first use, readable by its owner only) — never from the repository.
 */
public final class Pseudonyms {
    private static final int BLOCK = 64;
    private final byte[] key;

    public Pseudonyms(String secret) {
        byte[] k = secret.getBytes(StandardCharsets.UTF_8);
        if (k.length < 16) {
            throw new IllegalArgumentException("pseudonym key must have at least 16 bytes");
        }
        if (k.length > BLOCK) {
            try {
                k = java.security.MessageDigest.getInstance("SHA-256").digest(k);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        this.key = java.util.Arrays.copyOf(k, BLOCK);
    }

    public static Pseudonyms fromEnvironment() {
        String env = System.getenv("RASOAT_PSEUDONYM_KEY");
        if (env != null && !env.isBlank()) {
            return new Pseudonyms(env);
        }
        Path file = Paths.get(System.getProperty("user.home"), ".config", "rasoat", "pseudonym.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] random = new byte[32];
                new SecureRandom().nextBytes(random);
                Files.writeString(file, HexFormat.of().formatHex(random) + "\n");
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException ignored) {
                    // not a POSIX file system
                }
            }
            return new Pseudonyms(Files.readString(file).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the pseudonym key " + file
                    + " (or set RASOAT_PSEUDONYM_KEY)", e);
        }
    }

    private String pad(int b) {
        byte[] p = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            p[i] = (byte) (key[i] ^ b);
        }
        return HexFormat.of().formatHex(p);
    }

    /** HMAC-SHA256 of a string column, as 64 hex digits: H((K^opad) || H((K^ipad) || m)). */
    public Column hmac(Column value) {
        Column inner = sha2(concat(unhex(lit(pad(0x36))), value.cast("binary")), 256);
        return sha2(concat(unhex(lit(pad(0x5c))), unhex(inner)), 256);
    }

    /** The same HMAC in plain Java, for checks. */
    public String hmac(String value) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(java.util.Arrays.copyOf(key, key.length), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
