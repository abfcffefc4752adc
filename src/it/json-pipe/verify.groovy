import com.google.gson.JsonParser
import io.gladys.testing.ItChecks
import io.gladys.testing.NestedMaven

// mavenHome and outerRepository: the invoker's script variables (the Maven that ran this build)
def state = new File(basedir, '.gladys').toPath()
def root = basedir.toPath().resolve('../../..').normalize().toFile()
def mvn = new NestedMaven(new File(mavenHome), NestedMaven.itSettings(root, new File(outerRepository), basedir),
        localRepositoryPath)
try {
    assert new File(basedir, 'build.log').text.contains('Started 5 service(s), all healthy.')
    def version = mvn.version()
    def old = mvn.before39()

    def goals = [
            status       : ['gladys:status'],
            health       : ['gladys:health'],
            'cache-stats': ['gladys:cache-stats'],
            query        : ['gladys:query', '-Dsql=SELECT name FROM heuristics ORDER BY name'],
    ]
    def docs = [:]
    goals.each { goal, args ->
        def cmd = ['-q', '-o'] + args + ['-Dgladys.format=json']
        def piped = mvn.pipe(basedir, cmd, 'jq -c .')
        def how = 'as it is'
        if (!old) {
            // Maven 3.9 and 4: the pipe takes standard output as it is
            assert piped.exitCode() == 0: "Maven ${version}, ${goal} | jq:\n" + piped.describe()
            docs[goal] = JsonParser.parseString(piped.stdout()).getAsJsonObject()
        } else {
            // Maven 3.8 (Debian's package) may add its console's ESC[0m: the rest is exactly the document
            def raw = mvn.run(basedir, cmd)
            assert raw.exitCode() == 0: raw.describe()
            def text = raw.stdout().replace('\u001b[0m', '')
            docs[goal] = JsonParser.parseString(text).getAsJsonObject()
            if (!raw.stdout().contains('\u001b')) {
                assert piped.exitCode() == 0: piped.describe()
            } else {
                how = "once Maven's own ESC[0m was removed"
            }
        }
        assert docs[goal].get('schemaVersion').getAsInt() == 1: "${goal}: ${docs[goal]}"
        println "Maven ${version}: ${goal} | jq parsed the standard output ${how}"
    }
    assert docs.status.get('environment').getAsString() == 'local'
    assert docs.status.getAsJsonArray('services').size() == 5
    assert docs.status.getAsJsonArray('services').every { it.getAsJsonObject().get('state').getAsString() == 'running' }
    assert docs.health.get('healthy').getAsBoolean()
    assert docs['cache-stats'].get('maxCapacity').getAsInt() == 1000
    def rows = docs.query.getAsJsonArray('statements').get(0).getAsJsonObject().getAsJsonArray('rows')
    assert rows.size() == 6
    assert rows.get(0).getAsJsonObject().get('name').getAsString() == 'Low battery warning'

    // without -q Maven's log and the document keep their order: the log around it, the document whole
    def loud = mvn.run(basedir, ['-o', 'gladys:status', '-Dgladys.format=json'])
    assert loud.exitCode() == 0: loud.describe()
    def out = loud.stdout().replace('\u001b[0m', '')
    def begin = out.indexOf('\n{\n') + 1
    def end = out.indexOf('\n}\n', begin) + 2
    assert begin > 0 && end > begin: loud.describe()
    assert out.substring(0, begin).contains(':status (default-cli)'): loud.describe()
    assert out.substring(end).contains('BUILD SUCCESS')
    assert !out.contains('[stdout]'): "Maven ${version} logged the data instead of printing it:\n" + out
    JsonParser.parseString(out.substring(begin, end))

    def stop = mvn.run(basedir, ['-q', '-o', 'gladys:stop'])
    assert stop.exitCode() == 0: stop.describe()
    assert ItChecks.survivors(state).isEmpty()
    [61050, 61051, 61052, 61053, 61432].each { assert !ItChecks.portInUse(it): "port ${it} still in use" }
    return true
} finally {
    ItChecks.killLeftovers(state)
}
