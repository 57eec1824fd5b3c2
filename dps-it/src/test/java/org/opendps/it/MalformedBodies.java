package org.opendps.it;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * Request bodies broken in the ways clients and attackers break them, from a well-formed one: cut short, bytes
 * flipped or inserted, invalid UTF-8, nested far too deep, oversized, duplicated fields, absurd numbers, no body.
 * Seeded, so that a failure can be replayed.
 */
final class MalformedBodies {
    private static final byte[][] INVALID_UTF8 = {
        {(byte) 0xFF}, {(byte) 0xC3}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}};

    private final Random random;

    MalformedBodies(long seed) {
        this.random = new Random(seed);
    }

    byte[] from(String wellFormed) {
        byte[] base = wellFormed.getBytes(StandardCharsets.UTF_8);
        return switch (random.nextInt(10)) {
            case 0 -> java.util.Arrays.copyOf(base, random.nextInt(base.length));
            case 1 -> flipped(base);
            case 2 -> inserted(base, INVALID_UTF8[random.nextInt(INVALID_UTF8.length)]);
            case 3 -> nested(33 + random.nextInt(5000));
            case 4 -> utf8("{\"registrationId\":\"" + "x".repeat(200_000 + random.nextInt(200_000)) + "\"}");
            case 5 -> utf8(wellFormed.replaceFirst("\\{", "{\"a\":1,\"a\":2,"));
            case 6 -> utf8(wellFormed.replaceFirst("\\{", "{\"n\":1" + "0".repeat(random.nextInt(2000)) + "e999999,"));
            case 7 -> new byte[0];
            case 8 -> utf8(new String[] {"null", "[]", "\"text\"", "42", "{", "}", "{}{}", "\uFEFF{}"}[random.nextInt(8)]);
            default -> inserted(base, randomBytes(1 + random.nextInt(16)));
        };
    }

    private byte[] flipped(byte[] base) {
        byte[] out = base.clone();
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
        }
        return out;
    }

    private byte[] inserted(byte[] base, byte[] insert) {
        int at = random.nextInt(base.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(base, 0, at);
        out.writeBytes(insert);
        out.write(base, at, base.length - at);
        return out.toByteArray();
    }

    private byte[] nested(int depth) {
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        return utf8(open.repeat(depth) + "1" + (open.equals("[") ? "]" : "}").repeat(depth));
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
