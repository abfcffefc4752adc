import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    // 2: the contract suite is green against the reference stack, strictly, with a JUnit report
    assert log.contains('GLADyS contract suite (strict: recommended checks are required)')
    assert log.contains('✅ [required] memory-python answers GetHealth on gladys.memory.MemoryStorage with a status')
    assert log.contains('✅ [recommended] orchestrator reports the design document\'s details keys')
    assert log =~ /(?m)\b\d+ passed, 0 failed, 0 skipped$/
    def xml = new File(basedir, 'target/gladys-contract/TEST-gladys-contract.xml')
    assert xml.isFile()
    assert xml.text.contains('failures="0"')
    assert xml.text.contains('<property name="gladys.test.strict" value="true"/>')
    // 3: the configured command saw the addresses under both naming schemes
    assert log.contains('PYTHON_ADDRESS=localhost:59951')
    assert log.contains('MEMORY_STORAGE_ADDRESS=localhost:59951')
    assert log.contains('RUST_ADDRESS=localhost:59952')
    assert log.contains('SALIENCE_GATEWAY_ADDRESS=localhost:59952')
    assert log.contains('ORCHESTRATOR_ADDRESS=localhost:59950')
    assert log.contains('EXECUTIVE_ADDRESS=localhost:59953')
    assert log.contains('DB_HOST=localhost DB_PORT=59932')
    assert log.contains('GLADYS_MEMORY_RUST_ADDRESS=localhost:59952')
    assert log.contains('GLADYS_DB_URL=jdbc:postgresql://localhost:59932/gladys')
    assert log.contains('The integration tests passed.')
    // 4: one file is appended
    assert log.contains('ARGS=test_memory.py')
    // 5: a failing command fails the build with its exit code
    assert log.contains('The integration tests failed (exit code 1).')
    // 6: a missing file fails clearly and runs nothing
    assert log.contains("The test file 'test_nothing.py' does not exist")
    assert !log.contains('ARGS=test_nothing.py')
    assert ItChecks.survivors(state).isEmpty()
    return true
} finally {
    ItChecks.killLeftovers(state)
}
