/**
 * Hands out the addresses of an IPv4 subnet in order, skipping the network address, the gateway
 * and the broadcast address. Each container of a cluster gets one for good, so a container that
 * is restarted comes back at the address its peers (and firewall rules) know.
 */
export function addressAllocator(subnet: string, gateway: string): () => string {
  const [base, bitsText] = subnet.split('/');
  const bits = Number(bitsText);
  if (!base || !Number.isInteger(bits) || bits < 8 || bits > 30) throw new Error(`cannot hand out addresses in subnet ${subnet}`);
  const size = 2 ** (32 - bits);
  const first = toNumber(base) - (toNumber(base) % size);
  const taken = toNumber(gateway);
  let next = first + 1;
  return () => {
    if (next === taken) next++;
    if (next >= first + size - 1) throw new Error(`subnet ${subnet} has no free address left`);
    return toText(next++);
  };
}

function toNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) throw new Error(`not an IPv4 address: ${ip}`);
  return parts.reduce((n, p) => n * 256 + p, 0);
}

function toText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}
