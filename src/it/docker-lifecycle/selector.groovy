// Runs only where a Docker engine answers and the offline base images can be built from local files;
// where the engine is required (CI: GLADYS_REQUIRE_DOCKER=true, -Dgladys.requireDocker=true) it fails instead.
import io.gladys.testing.DockerAvailable

def why = DockerAvailable.unavailable().orElse(null)
if (why == null) {
    def root = basedir.toPath().resolve('../../..').normalize()
    def p = new ProcessBuilder('bash', root.resolve('scripts/offline-base-images.sh').toString())
            .redirectErrorStream(true).start()
    def out = p.inputStream.text
    if (p.waitFor() != 0) {
        why = "scripts/offline-base-images.sh failed:\n" + out
    }
}
if (why != null) {
    if (DockerAvailable.required()) {
        throw new IllegalStateException("docker-lifecycle needs a Docker engine (gladys.requireDocker) but " + why)
    }
    println "SKIPPED docker-lifecycle: ${why}"
    return false
}
return true
