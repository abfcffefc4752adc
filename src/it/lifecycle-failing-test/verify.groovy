import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Started 5 service(s), all healthy.')
    assert log.contains('this integration test fails on purpose')
    // stop ran in post-integration-test although the test failed; verify then failed the build
    assert log =~ /Stopped db \(pid \d+\)/
    assert log.contains('There are test failures')
    assert log.contains('BUILD FAILURE')
    assert ItChecks.survivors(state).isEmpty()
    [58050, 58051, 58052, 58053, 58432].each { assert !ItChecks.portInUse(it): "port ${it} still in use" }
    return true
} finally {
    ItChecks.killLeftovers(state)
}
