def log = new File(basedir, 'build.log').text
def project = (log =~ /Removed the networks and volumes of Compose project ([a-z0-9_-]+)\./)
def built = (log =~ /Built the reference services' image (\S+)\./).collect { it[1] }
try {
    // the database and the orchestrator in containers, the rest as local processes, all healthy
    assert log.contains('Starting db on localhost:62045')
    assert log.contains('Applied 2 migration(s) to localhost:62045/gladys')
    assert log.contains('Started 5 service(s), all healthy.')
    // the contract suite (the orchestrator in its container calling the local services) and failsafe
    assert log =~ /\d+ passed, 0 failed/
    assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/
    // stop in post-integration-test, each service where it runs, dependents first, then down
    assert log =~ /Stopped orchestrator \(container [0-9a-f]{12}\)/
    assert log =~ /Stopped memory-python \(pid \d+\)/
    assert log =~ /Stopped db \(container [0-9a-f]{12}\)/
    assert log.indexOf('Stopped orchestrator') < log.indexOf('Stopped memory-python')
    assert log.indexOf('Stopped memory-python') < log.indexOf('Stopped db')
    assert project.find(): 'stop did not remove the Compose project'
    def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${project.group(1)}"].execute().text
    assert left.trim().isEmpty(): "containers left: ${left}"
    [62041, 62042, 62043].each { port ->
        def s = new Socket()
        try {
            s.connect(new InetSocketAddress('127.0.0.1', port), 500)
            assert false: "a local service still listens on ${port}"
        } catch (IOException expected) {
        } finally {
            s.close()
        }
    }
    return true
} finally {
    built.each { ['docker', 'rmi', it].execute().waitFor() }
}
