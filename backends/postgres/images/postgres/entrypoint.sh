# `postgres ARGS...` starts the server with ARGS (exec: it stays the container's main process);
# anything else runs as given.
set -e
if [ "$1" = postgres ]; then
  shift
  exec setpriv --reuid=postgres --regid=postgres --init-groups \
    /usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/data "$@"
fi
exec "$@"
