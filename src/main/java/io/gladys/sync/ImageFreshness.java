package io.gladys.sync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * Whether a Compose service's image is older than what it is built from: the newest file of its build
 * context (less what {@code .dockerignore} leaves out) and its Dockerfile, which Docker always sends.
 */
public final class ImageFreshness {

    public enum ImageStatus { FRESH, STALE, NOT_BUILT, NOT_CHECKED }

    /**
     * @param newestFile     the newest file that goes into the build (null if the context is empty)
     * @param newestModified its modification time
     * @param reason         why it was not checked (NOT_CHECKED), else null
     */
    public record ImageState(String service, String image, Instant created, Path newestFile, Instant newestModified,
                             ImageStatus status, String reason, Path composeFile) {

        public boolean drift() {
            return status == ImageStatus.STALE || status == ImageStatus.NOT_BUILT;
        }
    }

    private ImageFreshness() {
    }

    public static ImageState check(DockerImages.ComposeImage image) {
        Path context = image.context();
        if (context == null || !Files.isDirectory(context)) {
            return new ImageState(image.service(), image.image(), image.created(), null, null,
                    ImageStatus.NOT_CHECKED, "build context " + context + " does not exist", image.composeFile());
        }
        Newest newest;
        try {
            newest = newest(context);
            Path dockerfile = image.dockerfile() != null ? image.dockerfile() : context.resolve("Dockerfile");
            if (Files.isRegularFile(dockerfile)) {
                newest.offer(dockerfile, Files.getLastModifiedTime(dockerfile).toInstant());
            }
        } catch (IOException e) {
            return new ImageState(image.service(), image.image(), image.created(), null, null,
                    ImageStatus.NOT_CHECKED, "cannot read the build context: " + e.getMessage(), image.composeFile());
        }
        ImageStatus status;
        if (image.created() == null) {
            status = ImageStatus.NOT_BUILT;
        } else {
            status = newest.time != null && newest.time.isAfter(image.created()) ? ImageStatus.STALE
                    : ImageStatus.FRESH;
        }
        return new ImageState(image.service(), image.image(), image.created(), newest.file, newest.time, status,
                null, image.composeFile());
    }

    private static final class Newest {
        Path file;
        Instant time;

        void offer(Path f, Instant t) {
            if (time == null || t.isAfter(time)) {
                file = f;
                time = t;
            }
        }
    }

    private static Newest newest(Path context) throws IOException {
        DockerIgnore ignore = DockerIgnore.read(context);
        boolean exceptions = ignore.hasExceptions();
        Newest newest = new Newest();
        Files.walkFileTree(context, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                // an ignored directory is skipped whole, unless a later "!" rule may bring files back
                return !dir.equals(context) && !exceptions && ignore.ignored(relative(context, dir))
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile() && !ignore.ignored(relative(context, file))) {
                    newest.offer(file, attrs.lastModifiedTime().toInstant());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return newest;
    }

    private static String relative(Path context, Path p) {
        return context.relativize(p).toString().replace('\\', '/');
    }
}
