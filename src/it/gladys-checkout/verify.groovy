import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text

    // a malformed .env fails the goal with its line, before anything starts
    assert log.contains('bad.env line 2: expected KEY=value (no \'=\').')

    // every service launched as GLADyS's repository launches it, on the ports of .env
    ['db on localhost:65432', 'memory-python on localhost:65051', 'memory-rust on localhost:65052',
     'orchestrator on localhost:65050', 'executive-stub on localhost:65053', 'dashboard on localhost:65080'].each {
        assert log.contains("Starting ${it}")
    }
    assert log.contains('Applied schema.sql (extensions uuid-ossp) as the baseline (version 0) of localhost:65432/gladys.')
    assert log.contains('Started 6 service(s), all healthy.')

    def record = { String dir -> new File(basedir, "records/${dir}.txt").readLines() }
    def memory = record('memory')
    assert memory.contains('program=uv')
    assert memory.contains("cwd=${new File(basedir, 'src/services/memory').canonicalPath}".toString())
    assert memory.findAll { it.startsWith('arg=') } == ['arg=run', 'arg=python', 'arg=-m', 'arg=gladys_memory', 'arg=start']
    assert memory.contains('env=GRPC_PORT=65051')
    assert memory.contains('env=MEMORY_ADDRESS=localhost:65051')
    assert memory.contains('env=OLLAMA_ENDPOINT_LOCAL=http://localhost:11434')
    def gateway = record('salience')
    assert gateway.contains('program=cargo')
    assert gateway.findAll { it.startsWith('arg=') } == ['arg=run', 'arg=--release']
    assert gateway.contains('env=STORAGE_ADDRESS=http://localhost:65051')
    assert record('orchestrator').contains('env=PORT=65050')
    assert record('executive').findAll { it.startsWith('arg=') }.takeRight(2) == ['arg=--port', 'arg=65053']
    assert record('dashboard').findAll { it.startsWith('arg=') }.takeRight(2) == ['arg=--port', 'arg=65080']

    // health: the gRPC services answer their GLADyS health, the dashboard its HTTP one
    assert log.contains('6 of 6 healthy')
    assert log =~ /dashboard \(localhost:65080\):\s*\n\[INFO\]\s+Status: HEALTHY/
    assert log =~ /memory-rust \(localhost:65052\):\s*\n\[INFO\]\s+Status: HEALTHY/

    // stop left nothing behind
    assert ItChecks.survivors(state).isEmpty()
    [65050, 65051, 65052, 65053, 65080, 65432].each { assert !ItChecks.portInUse(it): "port ${it} still in use" }
    return true
} finally {
    ItChecks.killLeftovers(state)
}
