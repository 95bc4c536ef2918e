# Sourced by install-test-editor.sh (and test/unit/setup/aptWait.test.ts). Another apt or dpkg run
# (unattended-upgrades on a fresh machine, a colleague's install) holds these locks, and apt-get gives
# up at once when it finds one taken. lslocks lists them (fcntl locks, as apt takes them, and flock
# ones too). APT_LOCKS (a regex of lock paths) and APT_WAIT_SECONDS can be set before sourcing.
APT_LOCKS="${APT_LOCKS:-^/var/lib/(dpkg/lock(-frontend)?|apt/lists/lock)\$}"
APT_WAIT_SECONDS="${APT_WAIT_SECONDS:-300}"
apt_locked() { lslocks -n -o PATH 2>/dev/null | grep -Eq "$APT_LOCKS"; }

# Runs apt-get, first waiting (bounded, with a message) while another install holds its locks.
# dpkg's lock has its own timeout option; `apt-get update`'s lists lock does not, hence the loop.
apt_get() {
  local deadline=$((SECONDS + APT_WAIT_SECONDS)) said=-1
  while :; do
    while apt_locked; do
      if ((SECONDS >= deadline)); then
        echo "install-test-editor: FAILED: another apt/dpkg install still holds its lock after ${APT_WAIT_SECONDS} s; let it finish (see: lslocks | grep -E 'dpkg|apt'), then run this again" >&2
        return 1
      fi
      if ((said < 0 || SECONDS - said >= 30)); then
        echo "install-test-editor: waiting for another apt/dpkg install to finish… (up to $((deadline - SECONDS)) s more)" >&2
        said=$SECONDS
      fi
      sleep 2
    done
    # Another install may take the lock between the check and apt-get: then wait again.
    if DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=$((deadline - SECONDS > 0 ? deadline - SECONDS : 1)) "$@"; then
      return 0
    fi
    apt_locked && ((SECONDS < deadline)) || return 1
  done
}
