package dev.tpop.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * API keys: random, shown once, stored only as SHA-256 hashes (a leaked database reveals no key;
 * keys are 256-bit random, so an unsalted fast hash is enough). Comparison of the admin key is
 * constant-time.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {}

    /** A new key; the prefix tells a reader what it is ("tpk-" user, "tpa-" admin). */
    public static String generate(String prefix) {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean sameKey(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
