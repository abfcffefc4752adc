package io.gladys.sync;

import java.io.ByteArrayOutputStream;

/**
 * Reads the {@code descriptorData} string array protoc writes into a Java outer class: string literals
 * joined by {@code +} and {@code ,}, with octal and unicode escapes. As protobuf-java does when it loads
 * them, every char is one byte (ISO-8859-1).
 */
final class JavaLiterals {

    private final String src;
    private int pos;

    private JavaLiterals(String src, int pos) {
        this.src = src;
        this.pos = pos;
    }

    static boolean hasDescriptorData(String source) {
        return source.contains("descriptorData");
    }

    /** The serialized FileDescriptorProto embedded in a generated Java outer class. */
    static byte[] embeddedDescriptor(String source) throws StubFormatException {
        int at = source.indexOf("descriptorData = {");
        if (at < 0) {
            throw new StubFormatException("no 'descriptorData = {' array in the Java source");
        }
        return new JavaLiterals(source, at + "descriptorData = {".length()).array();
    }

    private byte[] array() throws StubFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            skipSpace();
            if (pos >= src.length()) {
                throw new StubFormatException("descriptorData array is not closed");
            }
            char c = src.charAt(pos);
            if (c == '}') {
                return out.toByteArray();
            }
            if (c == '+' || c == ',') {
                pos++;
            } else if (c == '"') {
                literal(out);
            } else {
                throw new StubFormatException("unexpected '" + c + "' in descriptorData at offset " + pos);
            }
        }
    }

    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (src.startsWith("//", pos)) {
                int nl = src.indexOf('\n', pos);
                pos = nl < 0 ? src.length() : nl + 1;
            } else if (src.startsWith("/*", pos)) {
                int end = src.indexOf("*/", pos + 2);
                pos = end < 0 ? src.length() : end + 2;
            } else {
                return;
            }
        }
    }

    private void literal(ByteArrayOutputStream out) throws StubFormatException {
        int start = pos++;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n') {
                throw new StubFormatException("unterminated string literal at offset " + start);
            }
            char c = src.charAt(pos);
            if (c == '"') {
                pos++;
                return;
            }
            if (c == '\\') {
                escape(out);
            } else {
                put(out, c);
                pos++;
            }
        }
    }

    private void escape(ByteArrayOutputStream out) throws StubFormatException {
        if (pos + 1 >= src.length()) {
            throw new StubFormatException("truncated escape at offset " + pos);
        }
        char e = src.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case 'b' -> out.write(8);
            case 't' -> out.write(9);
            case 'n' -> out.write(10);
            case 'f' -> out.write(12);
            case 'r' -> out.write(13);
            case 's' -> out.write(32);
            case '"', '\'', '\\' -> out.write(e);
            case 'u' -> {
                while (pos < src.length() && src.charAt(pos) == 'u') {
                    pos++;
                }
                if (pos + 4 > src.length()) {
                    throw new StubFormatException("truncated unicode escape at offset " + pos);
                }
                try {
                    put(out, (char) Integer.parseInt(src.substring(pos, pos + 4), 16));
                } catch (NumberFormatException ex) {
                    throw new StubFormatException("bad unicode escape at offset " + pos);
                }
                pos += 4;
            }
            default -> {
                if (e < '0' || e > '7') {
                    throw new StubFormatException("invalid escape \\" + e + " at offset " + (pos - 2));
                }
                // up to three octal digits, the first of them at most 3 (JLS 3.10.7)
                int v = e - '0';
                int max = e <= '3' ? 2 : 1;
                for (int i = 0; i < max && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; i++) {
                    v = v * 8 + (src.charAt(pos++) - '0');
                }
                out.write(v);
            }
        }
    }

    private static void put(ByteArrayOutputStream out, char c) throws StubFormatException {
        if (c > 0xFF) {
            throw new StubFormatException("character U+" + Integer.toHexString(c).toUpperCase()
                    + " cannot be a byte of a serialized descriptor");
        }
        out.write(c);
    }
}
