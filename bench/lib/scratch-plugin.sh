# Sourced by the benchmarks, from the repository's root. scratch_plugin builds the plugin and puts it
# into a scratch local repository of its own, so that ~/.m2 is never written; everything else comes
# from ~/.m2 as a file repository. It sets:
#   version   the plugin's version           work  a new scratch directory (the caller's trap deletes it)
#   repo      the scratch local repository   P     the plugin's coordinates
#   settings  the scratch settings.xml       M     mvn on the scratch repository, with -Dgladys.version
scratch_plugin() {
  version=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -1)
  mvn -B -q -o package -DskipTests -Dinvoker.skip
  work=$(mktemp -d)
  repo="$work/repo"
  local dir="$repo/io/gladys/gladys-maven-plugin/$version"
  mkdir -p "$dir"
  cp "target/gladys-maven-plugin-$version.jar" "$dir/"
  cp pom.xml "$dir/gladys-maven-plugin-$version.pom"
  settings="$work/settings.xml"
  cat > "$settings" <<XML
<settings>
  <profiles><profile><id>m2</id><activation><activeByDefault>true</activeByDefault></activation>
    <repositories><repository><id>m2</id><url>file://$HOME/.m2/repository</url></repository></repositories>
    <pluginRepositories><pluginRepository><id>m2</id><url>file://$HOME/.m2/repository</url></pluginRepository></pluginRepositories>
  </profile></profiles>
</settings>
XML
  P="io.gladys:gladys-maven-plugin:$version"
  M="mvn -B -q -s $settings -Dmaven.repo.local=$repo -Dgladys.version=$version"
}

# scratch_stack_project puts bench/ratios/pom.xml (the embedded default on ports of its own) into
# $work/project, goes there, stops its stack and deletes $work on exit, and starts and stops the stack once:
# that first start fills the scratch repository, unpacks PostgreSQL and creates the cluster and the
# class-data archives, which no measured start should pay.
scratch_stack_project() {
  mkdir "$work/project"
  cp bench/ratios/pom.xml "$work/project/"
  trap 'cd "$work/project" && $M $P:stop >/dev/null 2>&1; rm -rf "$work"' EXIT
  cd "$work/project"
  $M $P:start >/dev/null && $M $P:stop >/dev/null
}
