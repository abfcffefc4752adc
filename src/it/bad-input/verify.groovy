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
    // 4: evict without an id asks for one
    assert log.contains('Which heuristic? Give its id: mvn gladys:cache-evict -Did=<id>')
    // 5: an unknown environment
    assert log.contains("Unknown environment 'k8s'. Valid environments: local, docker.")
    // 6: a start naming an unknown service starts nothing
    assert log.contains("Unknown service 'bogus'")
    assert !log.contains('Starting db')
    // 7: an output format the goal does not have
    assert log.contains("Unknown output format 'xml'. This goal prints: text, json (gladys.format).")
    // 8: and nothing was left running
    assert log =~ /db\s+stopped/
    assert ItChecks.survivors(state).isEmpty()
    // 9, 10: skipped goals do nothing and say so
    assert log.contains('Skipping (gladys.skip).')
    assert log.contains('Skipping (gladys.start.skip).')
    // every failure above is a clear MojoFailureException: no exception escaped, no stack trace but -e's
    assert log.count('[ERROR] Failed to execute goal io.gladys:gladys-maven-plugin:') == 7
    assert ItChecks.escapedExceptions(log).isEmpty(): ItChecks.escapedExceptions(log).join('\n')
    return true
} finally {
    ItChecks.killLeftovers(state)
}
