/** Failures below SQL: the host cannot be reached, or TLS cannot be agreed. */
import { ExplainedError, ServerErrorInput } from './types';

const NETWORK: Record<string, [summary: string, advice: string]> = {
  ECONNREFUSED: [
    'The server refused the connection.',
    'Check the host and the port (the FE query port, 9030 by default) and that the FE is running.',
  ],
  ETIMEDOUT: [
    'The server did not answer in time.',
    'Check the host and port, and that no firewall or security group blocks the FE query port.',
  ],
  EHOSTUNREACH: ['The server cannot be reached.', 'Check the host, the network route and any VPN.'],
  ENETUNREACH: ['The network of the server cannot be reached.', 'Check the host, the network route and any VPN.'],
  ENOTFOUND: ['The host name could not be resolved.', 'Check the spelling of the host name and your DNS settings.'],
  EAI_AGAIN: ['The host name could not be resolved right now.', 'Check your DNS settings and try again.'],
  ECONNRESET: [
    'The connection was closed by the server or the network.',
    'Try again; if it keeps happening, check proxies and load balancers in between.',
  ],
  EPIPE: [
    'The connection was closed by the server or the network.',
    'Try again; if it keeps happening, check proxies and load balancers in between.',
  ],
  PROTOCOL_CONNECTION_LOST: ['The connection to the server was lost.', 'Try again; the FE may have restarted.'],
  PROTOCOL_SEQUENCE_TIMEOUT: ['The server did not answer in time.', 'Try again; the FE may be overloaded.'],
};

function tlsAdvice(code: string, message: string): string {
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT' || /does not support secure connection/i.test(message)) {
    return 'The FE does not accept TLS: turn TLS off for this connection, or enable SSL on the FE.';
  }
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i.test(code + message)) {
    return 'The server certificate is not trusted: give the CA file that signed it, or use TLS without verification.';
  }
  if (/CERT_HAS_EXPIRED|expired/i.test(code + message)) {
    return 'The server certificate has expired: ask the administrator to renew it.';
  }
  if (/ALTNAME|does not match|Hostname/i.test(code + message)) {
    return 'The server certificate was issued for another host name: connect with the name in the certificate.';
  }
  return 'Check the TLS settings of the connection and of the FE.';
}

export function explainNetworkError(error: ServerErrorInput): ExplainedError | undefined {
  const code = error.code ?? '';
  const known = NETWORK[code];
  if (known) {
    return { kind: 'connection', summary: known[0], advice: known[1] };
  }
  if (
    /SSL|TLS|CERT|HANDSHAKE_NO_SSL|SELF_SIGNED|UNABLE_TO_VERIFY/i.test(code) ||
    (error.errno === undefined && /\b(ssl|tls|certificate)\b/i.test(error.message))
  ) {
    return { kind: 'connection', summary: 'The TLS connection to the server failed.', advice: tlsAdvice(code, error.message) };
  }
  return undefined;
}
