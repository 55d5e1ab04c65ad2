/**
 * Fastify's trust function for `TRUST_PROXY_HOPS` proxies in front of the server: the socket's
 * peer and the next `hops - 1` addresses of `X-Forwarded-For` (from its right end) are proxies, so
 * the client is the address the outermost proxy appended. Entries a client wrote itself stand to
 * the left of it and are never believed. (`trustProxy: true` would believe the left-most entry;
 * this Fastify treats a bare number as trusting nothing.) The instances must be reachable only
 * through the proxies — see docs/deployment.md.
 */
export function trustProxyHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}
