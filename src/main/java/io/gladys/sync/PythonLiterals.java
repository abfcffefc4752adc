package io.gladys.sync;

import java.io.ByteArrayOutputStream;

/**
 * Reads the Python string literals protoc writes into {@code *_pb2.py}: bytes literals
 * ({@code b'\n\x0btypes.proto...'}), adjacent literals that Python concatenates, and the {@code _b('...')}
 * str literals of old generators (encoded as latin-1 by the stub itself).
 */
final class PythonLiterals {

    private final String src;
    private int pos;

    private PythonLiterals(String src, int pos) {
        this.src = src;
        this.pos = pos;
    }

    /** The serialized FileDescriptorProto embedded in a {@code _pb2.py} source. */
    static byte[] embeddedDescriptor(String source) throws StubFormatException {
        int at = source.indexOf("AddSerializedFile(");
        if (at >= 0) {
            at += "AddSerializedFile(".length();
        } else {
            // protoc before 3.20 built the FileDescriptor itself: serialized_pb=b'...' or serialized_pb=_b('...')
            at = source.indexOf("serialized_pb=");
            if (at < 0) {
                throw new StubFormatException("no AddSerializedFile(...) or serialized_pb= in the stub");
            }
            at += "serialized_pb=".length();
        }
        return new PythonLiterals(source, at).concatenatedLiterals();
    }

    /** Decodes one literal expression, for tests and callers that hold just the literal. */
    static byte[] decode(String expression) throws StubFormatException {
        return new PythonLiterals(expression, 0).concatenatedLiterals();
    }

    private byte[] concatenatedLiterals() throws StubFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        skipSpace();
        if (src.startsWith("_b(", pos)) {
            pos += 3;
        }
        int literals = 0;
        while (true) {
            skipSpace();
            if (pos < src.length() && src.charAt(pos) == '(') {
                pos++;
                continue;
            }
            if (!atLiteral()) {
                break;
            }
            literal(out);
            literals++;
        }
        if (literals == 0) {
            throw new StubFormatException("the embedded descriptor is not a string literal (at offset " + pos + ")");
        }
        return out.toByteArray();
    }

    /** Whitespace, line continuations and comments between adjacent literals. */
    private void skipSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && (src.charAt(pos + 1) == '\n'
                    || src.charAt(pos + 1) == '\r')) {
                pos += 2;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private boolean atLiteral() {
        int p = pos;
        while (p < src.length() && p - pos < 2 && "bBrRuU".indexOf(src.charAt(p)) >= 0) {
            p++;
        }
        return p < src.length() && (src.charAt(p) == '\'' || src.charAt(p) == '"');
    }

    private void literal(ByteArrayOutputStream out) throws StubFormatException {
        boolean bytes = false;
        boolean raw = false;
        while ("bBrRuU".indexOf(src.charAt(pos)) >= 0) {
            char c = Character.toLowerCase(src.charAt(pos++));
            bytes |= c == 'b';
            raw |= c == 'r';
        }
        char quote = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        int start = pos;
        while (true) {
            if (pos >= src.length()) {
                throw new StubFormatException("unterminated string literal starting at offset " + start);
            }
            char c = src.charAt(pos);
            if (c == quote && (!triple || src.startsWith(String.valueOf(quote).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return;
            }
            if (!triple && c == '\n') {
                throw new StubFormatException("line break inside a string literal at offset " + pos);
            }
            if (c == '\\' && pos + 1 < src.length()) {
                if (raw) {
                    // a raw literal keeps the backslash; it only stops the quote from ending the literal
                    put(out, c, bytes);
                    put(out, src.charAt(pos + 1), bytes);
                    pos += 2;
                } else {
                    escape(out, bytes);
                }
                continue;
            }
            put(out, c, bytes);
            pos++;
        }
    }

    private void escape(ByteArrayOutputStream out, boolean bytes) throws StubFormatException {
        char e = src.charAt(pos + 1);
        pos += 2;
        switch (e) {
            case '\n' -> { }
            case '\r' -> {
                if (pos < src.length() && src.charAt(pos) == '\n') {
                    pos++;
                }
            }
            case '\\', '\'', '"' -> out.write(e);
            case 'a' -> out.write(7);
            case 'b' -> out.write(8);
            case 'f' -> out.write(12);
            case 'n' -> out.write(10);
            case 'r' -> out.write(13);
            case 't' -> out.write(9);
            case 'v' -> out.write(11);
            case 'x' -> out.write(hex(2));
            case 'u', 'U', 'N' -> {
                if (bytes) {
                    // not an escape in a bytes literal: kept as written
                    out.write('\\');
                    out.write(e);
                } else {
                    int cp = e == 'N' ? named() : hex(e == 'u' ? 4 : 8);
                    put(out, cp, false);
                }
            }
            default -> {
                if (e >= '0' && e <= '7') {
                    int v = e - '0';
                    for (int i = 0; i < 2 && pos < src.length() && src.charAt(pos) >= '0' && src.charAt(pos) <= '7'; i++) {
                        v = v * 8 + (src.charAt(pos++) - '0');
                    }
                    out.write(v & 0xFF);
                } else {
                    // Python keeps unknown escapes as they are
                    out.write('\\');
                    put(out, e, bytes);
                }
            }
        }
    }

    private int hex(int digits) throws StubFormatException {
        if (pos + digits > src.length()) {
            throw new StubFormatException("truncated \\x escape at offset " + pos);
        }
        try {
            int v = Integer.parseInt(src.substring(pos, pos + digits), 16);
            pos += digits;
            return v;
        } catch (NumberFormatException ex) {
            throw new StubFormatException("bad hex escape '" + src.substring(pos, pos + digits) + "' at offset " + pos);
        }
    }

    private int named() throws StubFormatException {
        int close = src.indexOf('}', pos);
        if (!src.startsWith("{", pos) || close < 0) {
            throw new StubFormatException("bad \\N{...} escape at offset " + pos);
        }
        String name = src.substring(pos + 1, close);
        pos = close + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException ex) {
            throw new StubFormatException("unknown character name \\N{" + name + "}");
        }
    }

    /** A literal character as a byte: bytes literals hold ASCII, str literals are encoded as latin-1 by _b(). */
    private static void put(ByteArrayOutputStream out, int c, boolean bytes) throws StubFormatException {
        if (c > (bytes ? 0x7F : 0xFF)) {
            throw new StubFormatException("character U+" + Integer.toHexString(c).toUpperCase()
                    + " cannot be a byte of a serialized descriptor");
        }
        out.write(c);
    }
}
