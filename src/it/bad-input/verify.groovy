import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    // 1: an unknown service name lists the valid ones
    assert log.contains("Unknown service 'nosuch'. Valid names: all, db, executive, executive-stub, memory, " +
            "memory-python, memory-rust, orchestrator.")
    // 2: services that are down show as UNKNOWN with the reason, and health fails
    assert log.contains('memory-python (localhost:55912):')
    assert log =~ /Status: UNKNOWN - cannot connect: localhost:55912: connection refused/
    assert log.contains('0 of 5 healthy')
    assert log.contains('Not healthy: db, memory-python, memory-rust, executive-stub, orchestrator.')
    // 3: the cache goals say the gateway cannot be reached
    assert log.contains('Cannot reach the Salience Gateway memory-rust (localhost:55913) (connection refused). Is it running?')
    // 4: -Dfile without a configured test command fails, and no contract suite runs instead
    assert log.contains("-Dfile=missing.py runs one file of the project's test command, but no test command is " +
            "configured: give <test><command>...</command></test> in the plugin configuration. Nothing was run")
    assert !log.contains('passed, ')
    assert !new File(basedir, 'target/gladys-contract').exists()
    // 5: and nothing was left running
    assert log =~ /db\s+stopped/
    assert ItChecks.survivors(state).isEmpty()
    // 6: a goal skipped by its own name (the goal Maven runs) does nothing and says so
    assert log.contains('Skipping (gladys.start.skip).')
    assert !log.contains('Starting db')
    // 7-11: bad port settings, and a dynamic stack that is not started
    assert log.contains('gladys.portOffset is -1: an offset is 0 or more')
    assert log.contains("gladys.ports is 'random': give 'default'")
    assert log =~ /gladys.portOffset=10000 moves \S+'s local port \d+ to \d+, past 65535. Give a smaller offset/
    assert log.contains('uses dynamic ports (gladys.ports=dynamic), which gladys:start chooses and records in')
    assert log.contains('Start it first: mvn gladys:start -Dgladys.ports=dynamic.')
    assert log =~ /health \(default-cli\) on project bad-input: The local stack of this project uses dynamic ports/
    assert log.contains('[INFO] The local stack of this project uses dynamic ports') // status says so, and passes
    // every failure above is a clear MojoFailureException: no exception escaped, no stack trace but -e's
    assert log.count('[ERROR] Failed to execute goal io.gladys:gladys-maven-plugin:') == 8
    assert ItChecks.escapedExceptions(log).isEmpty(): ItChecks.escapedExceptions(log).join('\n')
    return true
} finally {
    ItChecks.killLeftovers(state)
}
