import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Started 5 service(s), all healthy.')
    assert log =~ /Tests run: 2, Failures: 0, Errors: 0, Skipped: 0/
    assert log =~ /Stopped memory-python \(pid \d+\)/
    assert ItChecks.survivors(state).isEmpty()
    [57050, 57051, 57052, 57053, 57432].each { assert !ItChecks.portInUse(it): "port ${it} still in use" }
    return true
} finally {
    ItChecks.killLeftovers(state)
}
