import com.google.gson.JsonParser
import io.gladys.testing.ItChecks
import org.apache.commons.csv.CSVFormat
import org.apache.commons.csv.CSVParser

import java.nio.charset.StandardCharsets

def state = new File(basedir, '.gladys').toPath()
try {
    def log = new File(basedir, 'build.log').text
    def data = new File(basedir, 'target/data')
    def json = { String name ->
        def doc = JsonParser.parseString(new File(data, name).getText('UTF-8')).getAsJsonObject()
        assert doc.get('schemaVersion').getAsInt() == 1: "${name}: schemaVersion"
        doc
    }
    def csv = { String name ->
        CSVParser.parse(new File(data, name), StandardCharsets.UTF_8,
                CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()).withCloseable { p ->
            [p.headerNames, p.records.collect { r -> r.toMap() }]
        }
    }

    // every file is there, and nothing else (no temporary file left behind)
    assert data.list().sort() == ['cache-evict.json', 'cache-flush.json', 'cache-list.json', 'cache-stats.json',
            'health.json', 'psql.csv', 'publish.json', 'publish.txt', 'query.csv', 'query.json', 'status.json',
            'status.txt', 'sync-check.json']
    // the data went to the files, not to standard output; the log has the summary lines
    assert !log.contains('"schemaVersion"')
    assert log.contains('5 of 5 healthy (json written to ' + new File(data, 'health.json').canonicalPath + ')')
    assert log.contains('5 services: 5 running (json written to')
    assert log.contains('(csv written to ' + new File(data, 'query.csv').canonicalPath + ')')

    // publish: the orchestrator's EventAck, the greeting matched by its heuristic
    def publish = json('publish.json')
    assert publish.get('schemaVersion').getAsInt() == 1
    assert publish.get('accepted').getAsBoolean()
    assert publish.get('matchedHeuristicId').getAsString() == '3f2b9c1e-7a4d-4e0b-9a61-2c5d8e9f0a11'
    assert !publish.get('queued').getAsBoolean()
    def publishText = new File(data, 'publish.txt').text
    assert publishText =~ /^Event \S+ published to orchestrator \(localhost:\d+\):/
    assert publishText.contains('  Matched heuristic: a15f6e3d-4b2c-4d8a-9e7f-3c1b5d7a9e66')

    // the cache as the goals saw it: two entries, the greeting evicted, then the alarm flushed
    def stats = json('cache-stats.json')
    assert stats.get('currentSize').getAsInt() == 2
    assert stats.get('maxCapacity').getAsInt() == 1000
    assert stats.get('totalMisses').getAsLong() == 2
    def list = json('cache-list.json')
    assert list.get('total').getAsInt() == 2
    assert list.getAsJsonArray('heuristics').collect { it.getAsJsonObject().get('heuristicId').getAsString() }
            .toSet() == ['3f2b9c1e-7a4d-4e0b-9a61-2c5d8e9f0a11', 'a15f6e3d-4b2c-4d8a-9e7f-3c1b5d7a9e66'] as Set
    def evict = json('cache-evict.json')
    assert evict.get('evicted').getAsBoolean()
    assert evict.get('heuristicId').getAsString() == '3f2b9c1e-7a4d-4e0b-9a61-2c5d8e9f0a11'
    assert json('cache-flush.json').get('entriesFlushed').getAsInt() == 1

    // health and status of the five services on this build's ports
    def health = json('health.json')
    assert health.get('healthy').getAsBoolean()
    assert health.get('environment').getAsString() == 'local'
    def healthServices = health.getAsJsonArray('services').collectEntries {
        def s = it.getAsJsonObject(); [(s.get('name').getAsString()): s]
    }
    assert healthServices.keySet() == ['db', 'memory-python', 'memory-rust', 'orchestrator', 'executive-stub'] as Set
    assert healthServices['memory-rust'].get('address').getAsString() == 'localhost:64052'
    assert healthServices.values().every { it.get('status').getAsString() == 'HEALTHY' }
    def status = json('status.json')
    def ports = status.getAsJsonArray('services').collectEntries {
        def s = it.getAsJsonObject()
        assert s.get('state').getAsString() == 'running'
        [(s.get('name').getAsString()): s.get('port').getAsInt()]
    }
    assert ports == [db: 64032, 'memory-python': 64051, 'memory-rust': 64052, orchestrator: 64050,
                     'executive-stub': 64053]
    def statusText = new File(data, 'status.txt').readLines()
    assert statusText[0] =~ /^SERVICE\s+STATE\s+PID\s+PORT/
    assert statusText.any { it =~ /^memory-rust\s+running\s+\d+\s+64052/ }

    // query and psql: the same six heuristics, as JSON and as CSV read by a CSV reader
    def rows = json('query.json').getAsJsonArray('statements').get(0).getAsJsonObject().getAsJsonArray('rows')
    def fromJson = rows.collect { [it.getAsJsonObject().get('name').getAsString(),
                                   it.getAsJsonObject().get('confidence').getAsBigDecimal()] }
    assert fromJson.size() == 6
    assert fromJson.collect { it[0] }.contains('Low battery warning')
    def (queryHeader, queryRows) = csv('query.csv')
    assert queryHeader == ['name', 'confidence']
    assert queryRows.collect { [it.name, new BigDecimal(it.confidence)] } == fromJson
    def (psqlHeader, psqlRows) = csv('psql.csv')
    assert psqlHeader == ['name', 'confidence']
    assert psqlRows.collect { [it.name, new BigDecimal(it.confidence)] } == fromJson

    def sync = json('sync-check.json')
    assert sync.get('inSync').getAsBoolean()
    assert sync.getAsJsonArray('protos').size() == 1
    assert sync.getAsJsonObject('docker').get('checked').getAsBoolean() == false

    // 2: the unwritable path, named with the reason and what to do; no file, nothing half written
    assert log.contains('Cannot write the output file ' + new File(basedir, 'pom.xml/status.json').canonicalPath
            + ': ' + new File(basedir, 'pom.xml').canonicalPath + ' is a file, not a directory.')
    assert log.contains("(<output> / -Dgladys.output='pom.xml/status.json'; - is standard output)")

    assert ItChecks.survivors(state).isEmpty()
    [64032, 64050, 64051, 64052, 64053].each { assert !ItChecks.portInUse(it): "port ${it} still in use" }
    return true
} finally {
    ItChecks.killLeftovers(state)
}
