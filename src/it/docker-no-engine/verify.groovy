def log = new File(basedir, 'build.log').text
def message = 'The docker environment needs a Docker engine, but no Docker engine answers at ' +
        'unix:///nonexistent/gladys-it/docker.sock'
// start and status: the same one message, naming the host and what to do
['start', 'status'].each { assert log.contains("${it} (default-cli) on project docker-no-engine: ${message}") }
['dockerd', "join the 'docker' group", 'DOCKER_HOST', 'Nothing was done.'].each { assert log.contains(it) }
// nothing half-done: no Compose command ran, no service was launched
assert !log.contains('Starting api')
assert !log.contains('docker-compose') && !log.contains('docker compose')
// health talks to the published port only: it ran (and found nothing listening)
assert log =~ /api \(localhost:62030\)/
return true
