#!/usr/bin/env bash
# Writes docs/walkthrough.sh from the ```sh blocks of docs/WALKTHROUGH.md, in order, so that the page
# and the script cannot drift apart: the page is the one source. Blocks fenced otherwise (```shell
# for starting the stack, ```json for answers) are not taken.
#   bash docs/extract-walkthrough.sh           regenerate docs/walkthrough.sh
#   bash docs/extract-walkthrough.sh --check   exit 1 if docs/walkthrough.sh is not what the page gives
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
page="$here/WALKTHROUGH.md"
script="$here/walkthrough.sh"

generate() {
  cat <<'HEAD'
#!/usr/bin/env bash
# GENERATED from docs/WALKTHROUGH.md by docs/extract-walkthrough.sh: edit the page, not this file.
# Runs the first-run walkthrough against a fresh stack at $B (default http://localhost:8080) and stops
# at the first unexpected answer. The admin password is read from $ARBITER_DATA_DIR/admin-password
# (default .arbiter/admin-password) unless ADMIN_PASSWORD is set.
set -euo pipefail
trap 'echo "!! walkthrough stopped at line $LINENO: $BASH_COMMAND" >&2' ERR
HEAD
  awk '/^```sh[[:space:]]*$/ { inside = 1; print ""; next }
       /^```[[:space:]]*$/   { inside = 0; next }
       inside                { print }' "$page"
  echo
  echo 'echo "walkthrough: done"'
}

if [ "${1:-}" = "--check" ]; then
  if diff -u "$script" <(generate); then
    echo "docs/walkthrough.sh matches docs/WALKTHROUGH.md"
  else
    echo "docs/walkthrough.sh is out of date: run bash docs/extract-walkthrough.sh" >&2
    exit 1
  fi
else
  generate > "$script"
  chmod +x "$script"
  echo "wrote $script"
fi
