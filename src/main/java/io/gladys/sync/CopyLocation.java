package io.gladys.sync;

import java.nio.file.Path;
import java.util.List;

/**
 * A configured place that holds copies of canonical protos. A proto it should hold and does not is
 * reported as missing.
 *
 * @param directory where the copies live (searched recursively)
 * @param protos    the canonical protos expected there, by name ({@code types.proto}); empty: all of them
 */
public record CopyLocation(Path directory, List<String> protos) {

    public CopyLocation {
        protos = List.copyOf(protos);
    }

    public static CopyLocation of(Path directory, String... protos) {
        return new CopyLocation(directory, List.of(protos));
    }

    boolean expects(CanonicalProto proto) {
        return protos.isEmpty() || protos.contains(proto.name()) || protos.contains(proto.fileName());
    }
}
