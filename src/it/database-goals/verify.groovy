import io.gladys.testing.ItChecks

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    // the project's own migrations were applied at start (001, 002 and 003)
    assert log.contains('[INFO] Applied 3 migration(s) to localhost:55831/gladys: 001 initial schema, 002 demo '
            + 'heuristics, 003 add heuristic notes')
    // 2: an aligned table with a row count
    assert log.contains("""\
        name         | confidence
---------------------+------------
 Low battery warning |       0.75
 Meeting soon alert  |       0.85
(2 rows)
""")
    // 3: CSV
    assert log =~ /(?m)^name,confidence\nLow battery warning,0\.75\nMeeting soon alert,0\.85$/
    // 4: JSON
    assert log.contains("""\
{"schemaVersion": 1, "statements": [
  {"statement": 1, "command": "SELECT", "rows": [
    {"name": "Low battery warning", "confidence": 0.75},
    {"name": "Meeting soon alert", "confidence": 0.85}
  ], "count": 2}
]}
""")
    // 5: bad SQL fails with the server's message, and a caret under the position it names
    assert log.contains('query (default-cli) on project database-goals: ERROR: column "nme" does not exist [SQLSTATE 42703]')
    def statement = '[ERROR] LINE 1: SELECT name FROM heuristics WHERE confidence > 0.5 ORDER BY nme'
    def lines = log.readLines()
    int at = lines.indexOf(statement)
    assert at >= 0
    assert lines[at + 1] ==~ /\[ERROR\] +\^/
    assert lines[at + 1].indexOf('^') == statement.indexOf('nme')
    // 6: DML gives its counts, the script ran in one transaction
    assert log.contains('UPDATE 2\n\nINSERT 0 1\n[INFO] 2 statements ran in one transaction and were committed.')
    // 7: the real psql, credentials through its environment
    assert log =~ /(?m)^ heuristics \n-+\n +6\n\(1 row\)$/
    // 8: the built-in client describes a table
    assert log =~ /(?m)^ condition_text +\| text +\| not null \|/
    // 9: dry run with everything applied
    assert log.contains('[INFO] Nothing would run: localhost:55831/gladys is up to date.')
    // 10: duplicate versions block migrate, naming both files and what to do
    assert log =~ /on project database-goals: Migrations of localhost:55831\/gladys from \S+duplicate-migrations cannot run until this is resolved \(nothing was applied\):/
    assert log.contains('[ERROR]   - Version 001 is used by 2 files: 001_initial.sql, 1_again.sql. Each migration needs '
            + 'its own version: renumber all but one.')
    // 11: clean reports rows per table
    assert log.contains('[INFO] heuristic_fires: 0 rows deleted\n[INFO] episodic_events: 1 row deleted')
    // 12: an unknown target lists the valid ones
    assert log.contains("on project database-goals: Unknown clean target 'nosuch'. Valid targets: all (every table of "
            + 'the schema except gladys_schema_history), events (episodic_events, heuristic_fires), heuristics '
            + '(heuristics, heuristic_fires). -> [Help 1]')
    // 13: a wrong password: one clear line, and the password is never shown
    assert log.contains("on project database-goals: The database localhost:55831/gladys refused the credentials of "
            + "user 'gladys' (FATAL: password authentication failed for user \"gladys\"). Check "
            + "<database><user>/<password>, the settings.xml server, or -Dgladys.db.user / -Dgladys.db.password.")
    assert !log.contains('not-the-password')
    // 15: the database is down
    assert log.contains('on project database-goals: The database at localhost:55831 is not reachable (connection '
            + 'refused). Is it running? Start it with: mvn gladys:start -Dservice=db')
    assert ItChecks.survivors(state).isEmpty()
    assert !ItChecks.portInUse(55831)
    return true
} finally {
    ItChecks.killLeftovers(state)
}
