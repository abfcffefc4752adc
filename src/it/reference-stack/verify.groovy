import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text

    // started on the embedded default, every service healthy
    assert log.contains('Starting db on localhost:11432')
    assert log.contains('Applied 2 migration(s) to localhost:11432/gladys')
    assert log.contains('Started 5 service(s), all healthy.')

    // events went through the orchestrator, each acknowledged with GLADyS's EventAck; both greetings
    // matched the greeting heuristic (the second from the cache: 1 hit below), the alarm reached the executive
    assert (log =~ /Event [0-9a-f-]{36} published to orchestrator \(localhost:56050\):/).size() == 3
    assert (log =~ /Accepted: yes/).size() == 3
    assert (log =~ /Queued: no/).size() == 3
    assert (log =~ /Matched heuristic: 3f2b9c1e-7a4d-4e0b-9a61-2c5d8e9f0a11/).size() == 2
    assert log.contains('Matched heuristic: a15f6e3d-4b2c-4d8a-9e7f-3c1b5d7a9e66')
    assert log =~ /Response: "acknowledged: smoke alarm in the kitchen: fire" \([0-9a-f-]{36}\)/
    assert (log =~ /Routed to LLM: no/).size() == 3

    // cache-stats/cache-list show real entries; evict and flush change what cache-stats reports
    def entries = (log =~ /Entries: (\d+)\/1000/).collect { it[1] as int }
    assert entries == [2, 1, 0]: "cache sizes after events, evict, flush: ${entries}"
    assert log.contains('Hit rate: 33.3% (1 hits, 2 misses in total)')
    assert log.contains('"Morning greeting pattern" (hits: 1, age:')
    assert log.contains('"Smoke alarm threat" (hits: 0, age:')
    assert log.contains('[2 entries total]')
    assert log.contains('Evicted heuristic a15f6e3d-4b2c-4d8a-9e7f-3c1b5d7a9e66 from cache.')
    assert log.contains('Flushed 1 entry from cache.')

    // the Service Health Report: every service healthy, with its details
    assert log.contains('Service Health Report')
    ['memory-python (localhost:56051):', 'memory-rust (localhost:56052):', 'orchestrator (localhost:56050):',
     'executive-stub (localhost:56053):', 'db (localhost:11432):'].each { assert log.contains(it) }
    assert log.contains('Tables: heuristics(6), episodic_events(3), heuristic_fires(3)')
    assert log.contains('Backend: connected (localhost:56051)')
    assert log.contains('Events processed: 3 (0 errors)')
    assert log.contains('LLM: not configured')
    assert log.contains('5 of 5 healthy')
    assert log.contains('"healthy": true')
    assert !log.contains('Status: UNKNOWN')

    // logs: the last lines of several services, each line with its service's name
    assert log =~ /(?m)^memory-python\s+\| /
    assert log =~ /(?m)^orchestrator\s+\| /

    // stop left no process of the stack and no port in use
    ['orchestrator', 'executive-stub', 'memory-rust', 'memory-python', 'db'].each {
        assert log =~ /Stopped ${it} \(pid \d+\)/
    }
    assert ItChecks.survivors(state).isEmpty()
    [56050, 56051, 56052, 56053, 11432].each { assert !ItChecks.portInUse(it): "port ${it} still in use" }

    // the first start of the Java services created their class-data archives, moved to their final
    // names when the stop ended them in order; PostgreSQL is no JVM and has none
    def cds = new File(basedir, '.gladys/cds')
    ['orchestrator', 'executive-stub', 'memory-rust', 'memory-python'].each { name ->
        def files = (new File(cds, name).listFiles() ?: []).collect { it.name }
        assert files.size() == 1 && files[0] ==~ /[0-9a-f]{32}\.jsa/: "archives of ${name}: ${files}"
        assert new File(cds, name + '/' + files[0]).length() > 1_000_000
    }
    assert !new File(cds, 'db').exists()
    return true
} finally {
    ItChecks.killLeftovers(state)
}
