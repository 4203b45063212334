/** Where PgBouncer finds the server and how it pools. */
export interface PgbouncerIniOptions {
  serverHost: string;
  serverPort: number;
  listenPort: number;
}

/**
 * The pgbouncer.ini of the pooler node: every database to the one server as `postgres`, trust
 * authentication (the test network is private to the run), transaction pooling: a server
 * connection serves a client for one transaction only, which is what turns a session advisory
 * lock into a lock held by whichever pooled connection ran it.
 */
export function pgbouncerIni(opts: PgbouncerIniOptions): string {
  return [
    '[databases]',
    `* = host=${opts.serverHost} port=${opts.serverPort} user=postgres`,
    '[pgbouncer]',
    'listen_addr = 0.0.0.0',
    `listen_port = ${opts.listenPort}`,
    'unix_socket_dir =',
    'auth_type = trust',
    'auth_file = /etc/fencecheck-pgbouncer/userlist.txt',
    'pool_mode = transaction',
    'default_pool_size = 20',
    'max_client_conn = 200',
    // node-postgres sends these at start-up; pgbouncer would refuse the connection otherwise.
    'ignore_startup_parameters = extra_float_digits,options,statement_timeout',
    'logfile =',
    'log_connections = 1',
    'log_disconnections = 1',
  ].join('\n');
}
