package io.gladys.sync;

import io.gladys.common.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Proto text compared as content: line endings normalised, a missing final newline ignored. */
final class ProtoText {

    /** Length of the hash prefix shown to people (the full hash is compared). */
    static final int SHORT_HASH = 8;

    private ProtoText() {
    }

    /** CRLF and lone CR become LF; trailing newlines are dropped, so "ends with a newline" is no difference. */
    static byte[] normalize(byte[] raw) {
        int end = raw.length;
        boolean hasCr = false;
        for (byte b : raw) {
            if (b == '\r') {
                hasCr = true;
                break;
            }
        }
        byte[] out = raw;
        if (hasCr) {
            out = new byte[raw.length];
            int n = 0;
            for (int i = 0; i < raw.length; i++) {
                byte b = raw[i];
                if (b == '\r') {
                    out[n++] = '\n';
                    if (i + 1 < raw.length && raw[i + 1] == '\n') {
                        i++;
                    }
                } else {
                    out[n++] = b;
                }
            }
            end = n;
        }
        while (end > 0 && out[end - 1] == '\n') {
            end--;
        }
        return end == out.length ? out : Arrays.copyOf(out, end);
    }

    static String sha256(byte[] normalized) {
        return Sha256.hex(normalized);
    }

    /** The first line (1-based) where two normalised texts differ, with both lines; null when equal. */
    static LineDifference firstDifference(byte[] a, byte[] b) {
        String[] left = new String(a, StandardCharsets.UTF_8).split("\n", -1);
        String[] right = new String(b, StandardCharsets.UTF_8).split("\n", -1);
        int n = Math.min(left.length, right.length);
        for (int i = 0; i < n; i++) {
            if (!left[i].equals(right[i])) {
                return new LineDifference(i + 1, left[i], right[i]);
            }
        }
        if (left.length == right.length) {
            return null;
        }
        return new LineDifference(n + 1, n < left.length ? left[n] : null, n < right.length ? right[n] : null);
    }

    /** A differing line; a null side means that text ended before this line. */
    record LineDifference(int line, String left, String right) {
    }
}
