'use strict';
/**
 * Preloaded into the web server (`NODE_OPTIONS=--require …/peer-address.cjs`, set by
 * infra/src/apps.ts for `next start` and `next dev`).
 *
 * Why: Next.js route handlers never see the TCP peer. `next start` copies it into
 * X-Forwarded-For only when the client sent none (`??=`), so a forged X-Forwarded-For
 * replaces it and the handler cannot tell the two apart; middleware has no socket either.
 * This hook runs in the server process before Next.js reads the request and writes the
 * socket's address into a header of its own, overwriting whatever the client sent under
 * that name, so the value is the kernel's, never the client's. The web reads the header only
 * when the marker below exists (the hook is loaded); without it, it records no address at all.
 */
const http = require('node:http');
const https = require('node:https');

const HEADER = 'x-rewind-peer-address';

for (const Server of [http.Server, https.Server]) {
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithPeerAddress(event, req, ...rest) {
    if (event === 'request' && req && req.headers) {
      const peer = req.socket && req.socket.remoteAddress;
      if (peer) req.headers[HEADER] = peer;
      else delete req.headers[HEADER];
    }
    return emit.call(this, event, req, ...rest);
  };
}

globalThis.__rewindPeerAddressHeader = HEADER;
