# `pgbouncer` writes FENCECHECK_PGBOUNCER_INI (and a user list that trust authentication still
# needs) and execs pgbouncer on it; anything else runs as given.
set -e
if [ "$1" = pgbouncer ]; then
  : "${FENCECHECK_PGBOUNCER_INI:?FENCECHECK_PGBOUNCER_INI must hold the pgbouncer.ini to run}"
  dir=/etc/fencecheck-pgbouncer
  printf '%s\n' "$FENCECHECK_PGBOUNCER_INI" > "$dir/pgbouncer.ini"
  printf '"postgres" ""\n' > "$dir/userlist.txt"
  chown postgres:postgres "$dir/pgbouncer.ini" "$dir/userlist.txt"
  exec setpriv --reuid=postgres --regid=postgres --init-groups /usr/sbin/pgbouncer "$dir/pgbouncer.ini"
fi
exec "$@"
