import groovy.xml.XmlSlurper
import io.gladys.testing.ItChecks
import io.gladys.testing.NestedMaven

import java.security.MessageDigest
import java.util.zip.ZipFile

// the invoker's script variables: mavenHome (the Maven that ran this build, which the user's project
// below runs on), releaseMavenHome (a Maven 3.9, which the release profile requires), outerRepository
def root = basedir.toPath().resolve('../../..').normalize()
def work = new File(basedir, 'work')
work.deleteDir()
def version = new XmlSlurper().parse(root.resolve('pom.xml').toFile()).version.text()
def maven = new NestedMaven(new File(releaseMavenHome), null, new File(outerRepository))
def running = new NestedMaven(new File(mavenHome), null, new File(outerRepository))
def sha = { File f -> MessageDigest.getInstance('SHA-256').digest(f.bytes).encodeHex().toString() }
def metadata = ['-Dgladys.release.url=https://gladys.example/plugin',
                '-Dgladys.release.scmUrl=https://gladys.example/src',
                '-Dgladys.release.scmConnection=scm:git:https://gladys.example/src.git',
                '-Dgladys.release.developerName=GLADyS developers']
def build = ['-Prelease', '-Dmaven.test.skip=true', '-Dinvoker.skip=true', 'verify', 'deploy:deploy']

// two checkouts of the same sources, in directories of other names and depths
def a = new File(work, 'a/gladys-maven-plugin')
def b = new File(work, 'b/elsewhere/checkout')
ItChecks.copyProject(root, a.toPath())
ItChecks.copyProject(root, b.toPath())

// 1. the release profile refuses to run without the hosting team's metadata, naming each property
def refused = maven.run(a, ['-Prelease', 'validate'])
assert refused.exitCode() != 0: refused.describe()
['gladys.release.url', 'gladys.release.scmUrl', 'gladys.release.scmConnection', 'gladys.release.developerName']
        .each { assert (refused.stdout() + refused.stderr()).contains("The release profile needs ${it}"): refused.describe() }
if (running.before39()) {
    // and a Maven older than 3.9, which would deploy no prefix mapping, even with the metadata
    def old = running.run(a, ['-Prelease', 'validate'] + metadata)
    assert old.exitCode() != 0 && old.stdout().contains('The release profile needs Maven 3.9 or newer'): old.describe()
}

// 2. build a: deployed to a file repository, unsigned (no key configured)
def hosted = new File(work, 'hosted')
def first = maven.run(a, build + metadata + ["-DaltDeploymentRepository=hosted::${hosted.toURI()}".toString()])
assert first.exitCode() == 0: first.describe()

// 3. build b: signed with a throw-away key, deployed to another file repository
def gnupg = new File(work, 'gnupg')
gnupg.mkdirs()
gnupg.setReadable(false, false); gnupg.setReadable(true, true)
gnupg.setExecutable(false, false); gnupg.setExecutable(true, true)
def gpgEnv = ['GNUPGHOME': gnupg.path]
def keygen = new ProcessBuilder('gpg', '--batch', '--passphrase', '', '--quick-gen-key',
        'GLADyS release test <release-test@gladys.invalid>', 'default', 'sign', 'never')
keygen.environment().putAll(gpgEnv)
def kg = keygen.redirectErrorStream(true).start()
def kgOut = kg.inputStream.text
assert kg.waitFor() == 0: kgOut
def signed = new File(work, 'signed')
def second = maven.run(b, build + metadata + ["-DaltDeploymentRepository=signed::${signed.toURI()}".toString(),
        '-Dgpg.keyname=release-test@gladys.invalid'], gpgEnv)
assert second.exitCode() == 0: second.describe()

// the two builds gave byte-identical jars: the plugin's, its sources and its javadoc
['', '-sources', '-javadoc'].each { kind ->
    def name = "gladys-maven-plugin-${version}${kind}.jar"
    def ja = new File(a, "target/${name}")
    def jb = new File(b, "target/${name}")
    assert ja.isFile() && jb.isFile(): name
    assert sha(ja) == sha(jb): "${name} differs between two builds of the same sources"
    println "reproducible: ${name} ${sha(ja)}"
}

// what was deployed: the jars beside the pom; signatures only where a key was given, and they verify
def deployedDir = { File repo -> new File(repo, "io/gladys/gladys-maven-plugin/${version}") }
def files = { File repo -> (deployedDir(repo).list() ?: []) as List }
['.jar', '-sources.jar', '-javadoc.jar', '.pom'].each { suffix ->
    assert files(hosted).any { it.endsWith(suffix) && !it.endsWith('.asc') }: "hosted has no ${suffix}: ${files(hosted)}"
    def sig = files(signed).find { it.endsWith(suffix + '.asc') }
    assert sig != null: "signed has no ${suffix}.asc: ${files(signed)}"
    def verify = new ProcessBuilder('gpg', '--batch', '--verify', sig, sig - '.asc')
    verify.environment().putAll(gpgEnv)
    def v = verify.directory(deployedDir(signed)).redirectErrorStream(true).start()
    def vOut = v.inputStream.text
    assert v.waitFor() == 0: vOut
}
assert !files(hosted).any { it.endsWith('.asc') }: "signed without a key: ${files(hosted)}"
def pom = new XmlSlurper().parse(new File(deployedDir(hosted), files(hosted).find { it.endsWith('.pom') }))
assert pom.licenses.license.name.text() == 'Apache-2.0'
assert pom.url.text() == 'https://gladys.example/plugin'
assert pom.scm.connection.text() == 'scm:git:https://gladys.example/src.git'
assert pom.developers.developer.name.text() == 'GLADyS developers'
assert pom.prerequisites.maven.text() == '3.8.7'

// 4. a project of its own: the plugin from the hosted repository into an empty local repository, as a
// user's settings.xml names it (plugin group and repository); other artifacts from a releases-only
// repository standing in for Central
def consumer = new File(work, 'consumer')
consumer.mkdirs()
def settings = new File(work, 'consumer-settings.xml')
settings.text = """<settings>
  <pluginGroups><pluginGroup>io.gladys</pluginGroup></pluginGroups>
  <profiles>
    <profile>
      <id>gladys</id>
      <pluginRepositories>
        <pluginRepository>
          <id>gladys-plugins</id>
          <url>${hosted.toURI()}</url>
          <snapshots><enabled>true</enabled></snapshots>
        </pluginRepository>
        <pluginRepository>
          <id>third-party</id>
          <url>${new File(outerRepository).toURI()}</url>
          <releases><checksumPolicy>ignore</checksumPolicy></releases>
          <snapshots><enabled>false</enabled></snapshots>
        </pluginRepository>
      </pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>gladys</activeProfile></activeProfiles>
</settings>
"""
def empty = new File(work, 'empty-repository')
def user = new NestedMaven(new File(mavenHome), settings, empty)
def help = user.run(consumer, ['gladys:help'])
assert help.exitCode() == 0: help.describe()
assert help.stdout().contains('This plugin has 19 goals'): help.describe()
assert help.stdout().contains('gladys:start'): help.describe()
def resolved = new File(empty, "io/gladys/gladys-maven-plugin/${version}")
def jar = resolved.listFiles().find { it.name.endsWith('.jar') }
assert jar != null: "nothing resolved into ${resolved}"
def origin = resolved.listFiles().find { it.name == '_remote.repositories' }
assert origin != null && origin.text =~ /\.jar>gladys-plugins=/: "not resolved from gladys-plugins: ${origin?.text}"

// the jar carries the IDE's lifecycle mapping: sync-check on full builds, every other goal ignored
new ZipFile(jar).withCloseable { zip ->
    assert zip.getEntry('META-INF/LICENSE') != null
    def descriptor = new XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/maven/plugin.xml')))
    def goals = descriptor.mojos.mojo.goal*.text() as Set
    assert goals.size() == 19
    def mapping = new XmlSlurper().parse(zip.getInputStream(zip.getEntry('META-INF/m2e/lifecycle-mapping-metadata.xml')))
    def executions = mapping.pluginExecutions.pluginExecution
    def mapped = executions.collectMany { it.pluginExecutionFilter.goals.goal*.text() }
    assert mapped.size() == goals.size() && mapped as Set == goals: "mapped ${mapped}, plugin has ${goals}"
    executions.each { e ->
        def g = e.pluginExecutionFilter.goals.goal*.text()
        if (g.contains('sync-check')) {
            assert g == ['sync-check']
            assert e.action.execute.runOnIncremental.text() == 'false'
            assert e.action.execute.runOnConfiguration.text() == 'false'
        } else {
            assert e.action.ignore.size() == 1: "${g} must be ignored"
        }
    }
}

// the copies and repositories are large: kept only when something failed above
work.deleteDir()
return true
