import io.gladys.testing.ItChecks

def first = new File(basedir, '.gladys').toPath()
def second = new File(basedir, 'second-checkout/.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    // the process on the port is the first checkout's database, and the message says whose
    def dir = basedir.toPath().toAbsolutePath().normalize()
    assert log.contains("Cannot start db: its port 55921 is already in use by another process (service db of the " +
            "GLADyS stack in ${dir}, whose state is ${dir.resolve('.gladys')}).")
    assert log.contains('Nothing was started.')
    // the second checkout's status flags the port as foreign, and it launched nothing
    assert log =~ /db\s+foreign\s+\d+\s+55921/
    assert ItChecks.survivors(second).isEmpty()
    // -Dgladys.processControl=portable reached the agent of the first checkout's database
    assert new File(basedir, '.gladys/logs/db.log').text.contains('[portable] starting: ')
    // the first checkout's database was stopped by its own stop
    assert log =~ /Stopped db \(pid \d+\)/
    assert ItChecks.survivors(first).isEmpty()
    assert !ItChecks.portInUse(55921)
    return true
} finally {
    ItChecks.killLeftovers(first)
    ItChecks.killLeftovers(second)
}
