package io.gladys.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.function.Predicate;

/**
 * A value derived from a file (a hash of a jar, say), kept in a record file with the file's path, size
 * and time, and derived again only when one of those changed: an install always gives a jar a new time,
 * and deriving costs a cold JVM tens of milliseconds that every goal would pay.
 */
public final class Remembered {

    /** Derives the value from the file. */
    public interface Derivation {
        String of(Path file) throws IOException;
    }

    private Remembered() {
    }

    /**
     * The value remembered in {@code record} for {@code file} as it is now, when {@code stillGood} accepts
     * it; else derives it, writes the record (created with its directories) and returns it.
     */
    public static String value(Path file, Path record, Predicate<String> stillGood, Derivation derive)
            throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        String stamp = file.toAbsolutePath() + "\n" + a.size() + "\n" + a.lastModifiedTime().toMillis() + "\n";
        if (Files.isRegularFile(record)) {
            String known = Files.readString(record);
            if (known.startsWith(stamp) && known.length() > stamp.length()) {
                String value = known.substring(stamp.length());
                if (stillGood.test(value)) {
                    return value;
                }
            }
        }
        String value = derive.of(file);
        Files.createDirectories(record.getParent());
        AtomicWrite.writeString(record, stamp + value);
        return value;
    }
}
