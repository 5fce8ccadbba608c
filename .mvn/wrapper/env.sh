# Sourced by ../../mvnw (POSIX sh). Chooses the JDK and the Maven repository from the machine.
# mvnw runs with globbing off (set -f); it is needed here and switched off again at the end.
set +f

# The newest JDK >= 21 under /usr/lib/jvm, unless JAVA_HOME already names one.
spectron_jdk_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
spectron_pick_jdk() {
  best="" best_major=0
  for dir in /usr/lib/jvm/*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(spectron_jdk_major "$dir")
    [ -n "$major" ] || continue
    if [ "$major" -gt "$best_major" ]; then best="$dir" best_major="$major"; fi
  done
  [ "$best_major" -ge 21 ] && printf '%s\n' "$best"
}
if [ -z "${JAVA_HOME-}" ] || [ "$(spectron_jdk_major "$JAVA_HOME")" -lt 21 ] 2>/dev/null \
    || [ -z "$(spectron_jdk_major "$JAVA_HOME")" ]; then
  if picked=$(spectron_pick_jdk); then
    JAVA_HOME="$picked"
    export JAVA_HOME
  fi
fi

# Maven's repository base, from a mirror in ~/.m2/settings.xml or else the installed Maven.
if [ -z "${MVNW_REPOURL-}" ]; then
  settings="${HOME}/.m2/settings.xml"
  if [ -f "$settings" ]; then
    MVNW_REPOURL=$(tr -d '\n' <"$settings" | sed -n 's:.*<mirror>.*<url>\([^<]*\)</url>.*</mirror>.*:\1:p')
  fi
  if [ -z "${MVNW_REPOURL-}" ] && command -v mvn >/dev/null 2>&1; then
    mvn_home=$(dirname "$(dirname "$(readlink -f "$(command -v mvn)")")")
    for jar in "$mvn_home"/lib/maven-model-builder-*.jar; do
      [ -f "$jar" ] || continue
      MVNW_REPOURL=$(unzip -p "$jar" org/apache/maven/model/pom-4.0.0.xml 2>/dev/null \
        | sed -n 's:.*<url>\(.*\)</url>.*:\1:p' | head -n 1)
    done
  fi
  if [ -z "${MVNW_REPOURL-}" ]; then
    echo "mvnw: set MVNW_REPOURL to your Maven repository base (the URL ending in /maven2)" >&2
    exit 1
  fi
  MVNW_REPOURL="${MVNW_REPOURL%/}"
  export MVNW_REPOURL
fi
set -f
