def log = new File(basedir, 'build.log').text
def project = (log =~ /Removed the networks and volumes of Compose project ([a-z0-9_-]+)\./)
try {
    // the Compose file is the truth for the port, and says so
    assert log.contains("Service 'api': the Compose file publishes port 62021, the catalog says <dockerPort>62029; using 62021")
    // built and started by Compose, then waited for: port and the container's own health check
    assert log.contains('Starting api on localhost:62021')
    assert log.contains('Started 3 service(s), all healthy.')
    // status: every Compose service, also the one the catalog does not name, with its container
    def header = log.readLines().find { it.contains('SERVICE') && it.contains('CONTAINER') }
    assert header != null && ['HEALTH', 'RESTARTS', 'PORTS', 'IMAGE', 'FRESHNESS'].every { header.contains(it) }
    assert log =~ /api\s+running\s+[0-9a-f]{12}\s+62021\s+.*healthy\s+0\s+0.0.0.0:62021->8080\/tcp\s+\S+\s+fresh/
    assert log =~ /sidecar\s+running\s+[0-9a-f]{12}/
    // the same status as JSON, in local's shape with the container id
    assert log =~ /"environment": "docker"/
    assert log =~ /"name": "api",\s+"state": "running",\s+"container": "[0-9a-f]{12}",\s+"port": 62021/
    assert log =~ /"health": "healthy"/
    // restart of worker: stopped by container, then started and waited for again
    def restart = log.substring(log.indexOf('(restart) @'))
    assert restart =~ /Stopped worker \(container [0-9a-f]{12}\)/
    assert restart.contains('api is already running (container')
    assert restart.contains('Starting worker ...')
    // logs: several services, prefixed, stdout and stderr
    assert log =~ /api\s+\| api listening/
    assert log =~ /api\s+\| api warning/
    assert log =~ /worker \| worker ready/
    // stop after the tests: dependents first, then down
    assert log.indexOf('Stopped worker') < log.indexOf('Stopped api')
    assert project.find(): 'stop did not remove the Compose project'
    def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${project.group(1)}"].execute().text
    assert left.trim().isEmpty(): "containers left: ${left}"
    return true
} finally {
    // the images Compose built for this project
    def name = (log =~ /Compose project ([a-z0-9_-]+)/)
    if (name.find()) {
        def images = ['docker', 'images', '-q', '--filter', "label=com.docker.compose.project=${name.group(1)}"].execute().text
        def built = ['docker', 'images', '--format', '{{.Repository}}:{{.Tag}}'].execute().text.readLines()
                .findAll { it.startsWith(name.group(1) + '_') || it.startsWith(name.group(1) + '-') }
        built.each { ['docker', 'rmi', it].execute().waitFor() }
    }
}
