import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
def other = new File(basedir, 'other-checkout/.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    assert log.contains('Ports: dynamic (recorded in the state directory')
    assert log =~ /Starting orchestrator on localhost:53500 /
    assert log =~ /Tests run: 3, Failures: 0, Errors: 0, Skipped: 0/
    // both stacks stopped, the dynamic one's port record gone with it
    assert ItChecks.survivors(state).isEmpty()
    assert ItChecks.survivors(other).isEmpty()
    assert !new File(basedir, '.gladys/ports/local.properties').exists()
    [53500, 53501, 53502, 53503, 53504].each { assert !ItChecks.portInUse(it): "port ${it} still in use" }
    return true
} finally {
    ItChecks.killLeftovers(state)
    ItChecks.killLeftovers(other)
}
