package dev.arbiter.simulator;

import java.nio.charset.StandardCharsets;

/** FNV-1a over UTF-8, 64 bit: the same seed for the same text on every JVM and run. */
public final class StableHash {

    private StableHash() {
    }

    public static long of(String text) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            hash ^= (b & 0xff);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
