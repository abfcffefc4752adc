import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    // the project's own migrations were applied at start (001, 002 and 003)
    assert log.contains('Applied 3 migration(s) to localhost:55831/gladys')
    // 2: an aligned table with a row count
    assert log =~ /(?m)^\s*name\s+\|\s+confidence\s*$/
    assert log.contains('Low battery warning')
    assert log.contains('(2 rows)')
    // 3: CSV
    assert log.contains('name,confidence')
    assert log =~ /(?m)^Low battery warning,0\.75$/
    // 4: JSON
    assert log.contains('"name":"Low battery warning","confidence":0.75') || log.contains('"name": "Low battery warning"')
    // 5: bad SQL fails with the server's message and position
    assert log.contains('column "nme" does not exist')
    assert log =~ /at character \d+|\^/
    // 6: DML gives its counts, the script ran in one transaction
    assert log.contains('UPDATE 2')
    assert log.contains('INSERT 0 1')
    // 7: the real psql, credentials through its environment
    assert log =~ /(?m)^\s*heuristics\s*$/
    assert log =~ /(?m)^\s*6\s*$/
    // 8: the built-in client describes a table
    assert log =~ /(?m)^\s*condition_text\s*\|\s*text/
    // 9: dry run with everything applied
    assert log.contains('Nothing would run: localhost:55831/gladys is up to date.')
    // 9: duplicate versions block migrate
    assert log.toLowerCase().contains('duplicate')
    assert log.contains('001_initial.sql') && log.contains('1_again.sql')
    // 10: clean reports rows per table
    assert log.contains('episodic_events: 1 row deleted') || log =~ /episodic_events: 1 rows? deleted/
    // 11: an unknown target lists the valid ones
    assert log.contains('nosuch')
    assert log.contains('heuristics') && log.contains('events') && log.contains('all')
    // 12: a wrong password: one clear line, and the password is never shown
    assert log.contains("refused the credentials of user 'gladys'")
    assert !log.contains('not-the-password')
    // 14: the database is down
    assert log.contains('The database at localhost:55831 is not reachable (connection refused)')
    assert ItChecks.survivors(state).isEmpty()
    assert !ItChecks.portInUse(55831)
    return true
} finally {
    ItChecks.killLeftovers(state)
}
