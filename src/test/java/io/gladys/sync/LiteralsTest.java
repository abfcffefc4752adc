package io.gladys.sync;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The string-literal decoders that read descriptors out of generated Python and Java sources. */
class LiteralsTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void pythonBytesLiteralEscapes() throws Exception {
        assertThat(PythonLiterals.decode("b'\\n\\x0btypes\\x2eproto\\'\\\"\\\\\\t\\r\\0\\177\\377'"))
                .isEqualTo(bytes(10, 11, 't', 'y', 'p', 'e', 's', '.', 'p', 'r', 'o', 't', 'o', '\'', '"', '\\',
                        9, 13, 0, 127, 255));
        // unknown escapes keep their backslash, as Python does
        assertThat(PythonLiterals.decode("b'\\q'")).isEqualTo("\\q".getBytes(StandardCharsets.US_ASCII));
        assertThat(PythonLiterals.decode("B\"a'b\"")).isEqualTo("a'b".getBytes(StandardCharsets.US_ASCII));
        assertThat(PythonLiterals.decode("rb'\\x00'")).isEqualTo("\\x00".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void pythonAdjacentLiteralsAcrossLinesAreJoined() throws Exception {
        String older = """
                DESCRIPTOR = _descriptor.FileDescriptor(
                  name='types.proto',
                  package='gladys.types',
                  syntax='proto3',
                  serialized_options=b'\\n\\x15io',
                  serialized_pb=b'\\n\\x0btypes.proto'
                    b'\\x12\\x0c' # the package
                    b"gladys.types"
                  ,
                  dependencies=[])
                """;
        assertThat(PythonLiterals.embeddedDescriptor(older))
                .isEqualTo("\n\u000btypes.proto\u0012\u000cgladys.types".getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void veryOldPythonStubsWrapAStrLiteralInUnderscoreB() throws Exception {
        String oldest = "DESCRIPTOR = _descriptor.FileDescriptor(\n  name='a.proto',\n"
                + "  serialized_pb=_b('\\n\\x07\\x61.proto\\xe9')\n)\n";
        assertThat(PythonLiterals.embeddedDescriptor(oldest)).isEqualTo(bytes(10, 7, 'a', '.', 'p', 'r', 'o', 't',
                'o', 0xE9));
        // str literals may hold \\u escapes; _b() encodes them as latin-1
        assertThat(PythonLiterals.decode("'\\u00e9\\N{LATIN SMALL LETTER E WITH ACUTE}'")).isEqualTo(bytes(0xE9, 0xE9));
    }

    @Test
    void pythonLiteralErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> PythonLiterals.embeddedDescriptor("x = 1\n"))
                .hasMessage("no AddSerializedFile(...) or serialized_pb= in the stub");
        assertThatThrownBy(() -> PythonLiterals.decode("b'\\x4"))
                .hasMessageContaining("truncated \\x escape");
        assertThatThrownBy(() -> PythonLiterals.decode("b'abc"))
                .hasMessageContaining("unterminated string literal");
        assertThatThrownBy(() -> PythonLiterals.embeddedDescriptor("AddSerializedFile(DATA)"))
                .hasMessageContaining("not a string literal");
    }

    @Test
    void javaDescriptorDataIsJoinedAndEveryCharIsOneByte() throws Exception {
        String source = """
                  static {
                    java.lang.String[] descriptorData = {
                      "\\n\\013types.proto\\022\\014gladys.types\\"\\022\\n\\020GetHealth" +
                      "Request\\377\\0\\7\\u00e9\\\\",
                      // a second array element, as protoc splits long descriptors
                      "\\t\\b\\f\\r\\'"
                    };
                """;
        byte[] expected = ("\n\u000btypes.proto\u0012\u000cgladys.types\"\u0012\n\u0010GetHealthRequest"
                + "\u00ff\u0000\u0007\u00e9\\\t\b\f\r'").getBytes(StandardCharsets.ISO_8859_1);
        assertThat(JavaLiterals.embeddedDescriptor(source)).isEqualTo(expected);
    }

    @Test
    void javaOctalEscapesTakeAtMostThreeDigitsUpTo377() throws Exception {
        // "\0011" is \001 followed by '1'; "\400" is \40 followed by '0'
        assertThat(JavaLiterals.embeddedDescriptor("descriptorData = { \"\\0011\\400\" };"))
                .isEqualTo(bytes(1, '1', 32, '0'));
    }

    @Test
    void javaLiteralErrorsSayWhatIsWrong() {
        assertThatThrownBy(() -> JavaLiterals.embeddedDescriptor("class A {}"))
                .hasMessage("no 'descriptorData = {' array in the Java source");
        assertThatThrownBy(() -> JavaLiterals.embeddedDescriptor("descriptorData = { \"\\u0100\" };"))
                .hasMessageContaining("U+100 cannot be a byte");
        assertThatThrownBy(() -> JavaLiterals.embeddedDescriptor("descriptorData = { \"abc\" + x };"))
                .hasMessageContaining("unexpected 'x'");
    }
}
