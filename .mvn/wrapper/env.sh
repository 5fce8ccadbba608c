# Sourced by ../../mvnw (POSIX sh). Chooses the JDK and the Maven repository from the machine.
# mvnw runs with globbing off (set -f); it is needed here and switched off again at the end.
set +f

# A JDK >= 21 (shared with the ./spectron launcher and .ci/run).
. "$(dirname "$0")/scripts/lib/jdk.sh"

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
