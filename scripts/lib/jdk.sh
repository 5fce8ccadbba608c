# Sourced (POSIX sh): sets JAVA_HOME to a JDK >= 21, keeping one that is already set and new
# enough, else the newest under /usr/lib/jvm. Leaves JAVA_HOME untouched when none is found.
spectron_jdk_major() {
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null  || true
}
spectron_pick_jdk() {
  _best="" _best_major=0
  for _dir in /usr/lib/jvm/*; do
    [ -x "$_dir/bin/javac" ] || continue
    _major=$(spectron_jdk_major "$_dir")
    [ -n "$_major" ] || continue
    if [ "$_major" -gt "$_best_major" ]; then _best="$_dir" _best_major="$_major"; fi
  done
  [ "$_best_major" -ge 21 ] && printf '%s\n' "$_best"
}
_current_major=$(spectron_jdk_major "${JAVA_HOME:-/nonexistent}")
if [ -z "$_current_major" ] || [ "$_current_major" -lt 21 ]; then
  if _picked=$(spectron_pick_jdk); then
    JAVA_HOME="$_picked"
    export JAVA_HOME
  fi
fi
