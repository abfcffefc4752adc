// Runs only where a Docker engine answers and the offline base images can be built from local files;
// where the engine is required (CI: GLADYS_REQUIRE_DOCKER=true, -Dgladys.requireDocker=true) it fails instead.
return io.gladys.testing.DockerAvailable.selectWithOfflineImages('hybrid-lifecycle', basedir)
