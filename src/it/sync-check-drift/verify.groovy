def log = new File(basedir, 'build.log').text
assert log.contains(':sync-check (default) @ sync-check-drift ---')
assert log.contains('❌ heuristics.proto: OUT OF SYNC')
assert log.contains('services/memory/proto/heuristics.proto')
assert log.contains('double confidence = 7;')
assert log.contains('Action needed:')
assert log.contains('The environment is out of sync')
assert log.contains('BUILD FAILURE')
return true
