def log = new File(basedir, 'build.log').text
def project = (log =~ /Removed the networks and volumes of Compose project ([a-z0-9_-]+)\./)
def built = (log =~ /Built the reference services' image (\S+)\./).collect { it[1] }
try {
    // no Compose file: the reference stack in docker, migrated and healthy, on its docker ports
    assert log.contains('Starting db on localhost:62015')
    assert log.contains('Applied 2 migration(s) to localhost:62015/gladys')
    assert log.contains('Started 5 service(s), all healthy.')
    // the contract suite and failsafe ran against the containers
    assert log =~ /\d+ passed, 0 failed/
    assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/
    // stop in post-integration-test: by container, dependents first, then down
    assert log =~ /Stopped orchestrator \(container [0-9a-f]{12}\)/
    assert log.indexOf('Stopped orchestrator') < log.indexOf('Stopped db')
    assert project.find(): 'stop did not remove the Compose project'
    def left = ['docker', 'ps', '-aq', '--filter', "label=com.docker.compose.project=${project.group(1)}"].execute().text
    assert left.trim().isEmpty(): "containers left: ${left}"
    return true
} finally {
    // the services' image this build made (the offline base images stay)
    built.each { ['docker', 'rmi', it].execute().waitFor() }
}
