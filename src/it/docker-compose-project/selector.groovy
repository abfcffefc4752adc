// Runs only where a Docker engine answers (fails instead where it is required: gladys.requireDocker /
// GLADYS_REQUIRE_DOCKER=true); its image is built from this machine's busybox-static, never pulled.
import io.gladys.testing.DockerAvailable
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardCopyOption

def why = DockerAvailable.unavailable().orElse(null)
def busybox = Path.of('/usr/bin/busybox')
if (why == null && !Files.isExecutable(busybox)) {
    why = "${busybox} is missing (apt-get install busybox-static)"
}
if (why != null) {
    if (DockerAvailable.required()) {
        throw new IllegalStateException("docker-compose-project needs a Docker engine (gladys.requireDocker) but " + why)
    }
    println "SKIPPED docker-compose-project: ${why}"
    return false
}
Files.copy(busybox, basedir.toPath().resolve('src/integration/img/busybox'), StandardCopyOption.REPLACE_EXISTING)
return true
