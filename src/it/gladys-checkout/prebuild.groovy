// the stand-ins must be executable in the cloned project, whatever the copy kept
['uv', 'cargo'].each { assert new File(basedir, "bin/${it}").setExecutable(true, false) }
return true
