// Loaded with --import into every engine test process: any attempt to open a network
// connection or resolve a host name fails the test loudly. Local IPC (unix sockets, pipes)
// stays allowed because child processes and workers use it.
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import dgram from 'node:dgram';
import http from 'node:http';
import https from 'node:https';

function refuse(what) {
  const err = new Error(`NETWORK ACCESS BLOCKED in tests: ${what}`);
  err.code = 'LANTAI_NETWORK_BLOCKED';
  globalThis.__lantaiNetworkAttempts = (globalThis.__lantaiNetworkAttempts ?? 0) + 1;
  process.emitWarning(err.message);
  throw err;
}

const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function connect(...args) {
  const first = args[0];
  const opts = typeof first === 'object' && first !== null && !Array.isArray(first) ? first : null;
  const isPipe = (opts && typeof opts.path === 'string') || (typeof first === 'string' && Number.isNaN(Number(first)));
  if (isPipe) return originalConnect.apply(this, args);
  return refuse(`net connect ${JSON.stringify(opts ?? first)}`);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = (host) => refuse(`dns.${name}(${host})`);
  if (dns.promises[name]) dns.promises[name] = async (host) => refuse(`dns.promises.${name}(${host})`);
}
tls.connect = (...a) => refuse(`tls.connect ${JSON.stringify(a[0])}`);
dgram.createSocket = () => refuse('dgram.createSocket');
http.request = (...a) => refuse(`http.request ${String(a[0]?.href ?? a[0]?.host ?? a[0])}`);
https.request = (...a) => refuse(`https.request ${String(a[0]?.href ?? a[0]?.host ?? a[0])}`);
http.get = http.request;
https.get = https.request;
if (typeof globalThis.fetch === 'function') {
  globalThis.fetch = async (input) => refuse(`fetch ${String(input?.url ?? input)}`);
}
if (typeof globalThis.WebSocket === 'function') {
  globalThis.WebSocket = function WebSocket(url) { refuse(`WebSocket ${url}`); };
}
