// The grant and the token are one atomic step, so a token always belongs to exactly one grant.
export const ACQUIRE_WITH_TOKEN = `
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return redis.call('INCR', KEYS[2])
end
return false`;

// Compare-and-delete: never delete a lock that expired and was granted to someone else.
export const RELEASE_IF_OWNER = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0`;
