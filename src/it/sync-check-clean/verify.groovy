def log = new File(basedir, 'build.log').text
assert log.contains('--- gladys-maven-plugin:') && log.contains(':sync-check (default) @ sync-check-clean ---')
assert log.contains('✅ heuristics.proto: in sync')
assert log.contains('Everything is in sync.')
assert log.contains('BUILD SUCCESS')
return true
