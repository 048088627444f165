/**
 * The FE's MySQL endpoint on 127.0.0.1, built on mysql2's `createServer`. It authenticates users
 * (mysql_native_password, or mysql_clear_password when the client offers it or the user is an
 * LDAP-style user), then hands every COM_QUERY to the session and encodes the outcomes.
 */
import type { AddressInfo, Socket } from 'node:net';
import * as mysql from 'mysql2';
import { ErrorCodes } from '../errors/errorReporter';
import { SqlError } from '../errors/sqlError';
import type { ResultSet, StatementOutcome } from '../engine/resultSet';
import { checkClearPassword, checkNativePassword } from './authentication';
import {
  columnPacket,
  eofPacket,
  errPacket,
  okPacket,
  PacketBuilder,
  rowPacket,
  SERVER_MORE_RESULTS_EXISTS,
  SERVER_STATUS_AUTOCOMMIT,
  type WritablePacket,
} from './packetWriter';

export type AuthPlugin = 'mysql_native_password' | 'mysql_clear_password';

export interface FeAccount {
  name: string;
  password: string;
  /** `mysql_clear_password` makes the FE ask the client for the clear password (LDAP users). */
  authPlugin: AuthPlugin;
}

/** One client session: runs the text of a COM_QUERY and reports each statement's outcome. */
export interface FeSession {
  run(sql: string): Promise<StatementOutcome[]>;
  /** COM_INIT_DB (the mariadb CLI's `use`). */
  useDatabase(db: string): StatementOutcome;
}

export interface FeServerOptions {
  port: number;
  serverVersion: string;
  findAccount(user: string): FeAccount | undefined;
  /** Opens a session after authentication; throws SqlError to refuse it (e.g. unknown database). */
  openSession(user: string, database: string | undefined, connectionId: number): FeSession;
}

/** Capabilities the sandbox really implements (advertising more makes clients misbehave). */
const SERVER_CAPABILITIES =
  0x1 | // LONG_PASSWORD
  0x2 | // FOUND_ROWS
  0x4 | // LONG_FLAG
  0x8 | // CONNECT_WITH_DB
  0x200 | // PROTOCOL_41
  0x2000 | // TRANSACTIONS
  0x8000 | // SECURE_CONNECTION
  0x10000 | // MULTI_STATEMENTS
  0x20000 | // MULTI_RESULTS
  0x80000 | // PLUGIN_AUTH
  0x100000 | // CONNECT_ATTRS
  0x200000; // PLUGIN_AUTH_LENENC_CLIENT_DATA

/** mysql2 packets keep their 4-byte header: the payload starts at `start + 4`. */
const PACKET_HEADER_LENGTH = 4;
const COM_INIT_DB = 0x02;
const COM_QUERY = 0x03;
const COM_FIELD_LIST = 0x04;
const COM_STMT_PREPARE = 0x16;
const COM_STMT_EXECUTE = 0x17;

/** The parts of mysql2's server-side Connection the sandbox uses (its typings do not cover them). */
interface ServerConnection {
  stream: Socket;
  sequenceId: number;
  clientHelloReply?: { user: string; database?: string; authPluginName?: string; authToken: Buffer };
  serverHandshake(args: Record<string, unknown>): void;
  writePacket(packet: WritablePacket): void;
  on(event: string, listener: (...args: never[]) => void): void;
}

interface RawPacket {
  buffer: Buffer;
  start: number;
  end: number;
  sequenceId: number;
}

export class FeServer {
  private server?: ReturnType<typeof mysql.createServer>;
  private readonly sockets = new Set<Socket>();
  private nextConnectionId = 1;
  private boundPort = 0;

  constructor(private readonly options: FeServerOptions) {}

  get port(): number {
    return this.boundPort;
  }

  async start(): Promise<void> {
    const server = mysql.createServer((conn) => this.accept(conn as unknown as ServerConnection));
    this.server = server;
    // mysql2's Server only forwards listen(port); binding to loopback needs its net.Server.
    const netServer = (server as unknown as { _server: import('node:net').Server })._server;
    await new Promise<void>((resolve, reject) => {
      netServer.once('error', reject);
      netServer.listen(this.options.port, '127.0.0.1', () => resolve());
    });
    this.boundPort = (netServer.address() as AddressInfo).port;
  }

  /** Closes every client socket at once, as a crashed FE or a network cut would. */
  dropConnections(): number {
    const count = this.sockets.size;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    return count;
  }

  async stop(): Promise<void> {
    this.dropConnections();
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(conn: ServerConnection): void {
    const socket = conn.stream;
    this.sockets.add(socket);
    // A client that disconnects surfaces as an 'error' on mysql2's server-side connection.
    conn.on('error', () => undefined);
    socket.on('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const connectionId = this.nextConnectionId++;
    const handler = new ConnectionHandler(conn, connectionId, this.options);
    conn.serverHandshake({
      protocolVersion: 10,
      serverVersion: this.options.serverVersion,
      connectionId,
      statusFlags: SERVER_STATUS_AUTOCOMMIT,
      characterSet: 33,
      capabilityFlags: SERVER_CAPABILITIES,
      authCallback: (params: AuthParams, callback: (err: Error | null) => void) => handler.authenticate(params, callback),
    });
    // Named events must have listeners, or mysql2 answers them itself; the work happens in 'packet'.
    for (const event of ['query', 'stmt_prepare', 'stmt_execute', 'init_db', 'field_list']) conn.on(event, () => undefined);
    conn.on('packet', (packet: RawPacket, _known: boolean, commandCode: number) => handler.onPacket(packet, commandCode));
    socket.on('close', () => handler.close());
  }
}

interface AuthParams {
  user: string;
  database?: string;
  address?: string;
  authPluginData1: Buffer;
  authPluginData2: Buffer;
  authToken: Buffer;
}

/** Per-connection state: authentication phase, then a queue of commands. */
class ConnectionHandler {
  private session?: FeSession;
  /** Set while waiting for the client's answer to an AuthSwitchRequest(mysql_clear_password). */
  private pendingClearPassword?: { account: FeAccount; params: AuthParams; callback: (err: Error | null) => void };
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly conn: ServerConnection,
    private readonly connectionId: number,
    private readonly options: FeServerOptions,
  ) {}

  authenticate(params: AuthParams, callback: (err: Error | null) => void): void {
    const account = this.options.findAccount(params.user);
    const clientPlugin = this.conn.clientHelloReply?.authPluginName;
    if (account && clientPlugin !== 'mysql_clear_password' && account.authPlugin === 'mysql_clear_password') {
      this.requestClearPassword(account, params, callback);
      return;
    }
    const valid =
      account !== undefined &&
      (clientPlugin === 'mysql_clear_password'
        ? checkClearPassword(account.password, params.authToken)
        : checkNativePassword(account.password, Buffer.concat([params.authPluginData1, params.authPluginData2]), params.authToken));
    this.finishAuthentication(valid, params, params.authToken.length > 0, callback);
  }

  /** AuthSwitchRequest: 0xFE, plugin name, plugin data. The reply arrives as a bare packet. */
  private requestClearPassword(account: FeAccount, params: AuthParams, callback: (err: Error | null) => void): void {
    this.pendingClearPassword = { account, params, callback };
    this.conn.writePacket(new PacketBuilder().int8(0xfe).nullTerminated('mysql_clear_password').build());
  }

  private finishAuthentication(valid: boolean, params: AuthParams, usedPassword: boolean, callback: (err: Error | null) => void): void {
    if (!valid) {
      const host = params.address?.replace(/^::ffff:/, '') ?? '127.0.0.1';
      const message = `Access denied for user '${params.user}'@'${host}' (using password: ${usedPassword ? 'YES' : 'NO'})`;
      this.refuse(new SqlError(ErrorCodes.accessDeniedLogin.errno, ErrorCodes.accessDeniedLogin.sqlState, message));
      return;
    }
    try {
      this.session = this.options.openSession(params.user, params.database || undefined, this.connectionId);
    } catch (e) {
      if (e instanceof SqlError) return this.refuse(e);
      throw e;
    }
    // mysql2 writes the OK packet itself when the callback reports success; the client's next
    // command then starts a new sequence at 0.
    callback(null);
    this.conn.sequenceId = 0;
  }

  /**
   * Sends the ERR packet with the sequence id the client expects (the connection's current one)
   * and ends the socket gracefully, so the client reads the error before the close.
   */
  private refuse(error: SqlError): void {
    this.conn.writePacket(errPacket(error.errno, error.sqlState, error.message));
    this.conn.stream.end();
  }

  onPacket(packet: RawPacket, commandCode: number): void {
    if (this.pendingClearPassword) {
      const { account, params, callback } = this.pendingClearPassword;
      this.pendingClearPassword = undefined;
      const token = packet.buffer.subarray(packet.start + PACKET_HEADER_LENGTH, packet.end);
      const valid = checkClearPassword(account.password, token);
      this.finishAuthentication(valid, params, token.length > 1, callback);
      return;
    }
    // Skip the header and the command byte.
    const body = packet.buffer.subarray(packet.start + PACKET_HEADER_LENGTH + 1, packet.end).toString('utf8');
    // Each command's reply starts at sequence id 1, whatever came before on this connection.
    const sequenceId = packet.sequenceId + 1;
    this.queue = this.queue
      .then(() => this.dispatch(commandCode, body, sequenceId))
      .catch((e: unknown) => {
        // Keep the connection usable: answer with the FE's generic failure instead of hanging.
        this.conn.sequenceId = sequenceId;
        this.conn.writePacket(errPacket(1064, 'HY000', `Unexpected exception: ${e instanceof Error ? e.message : String(e)}`));
        this.conn.sequenceId = 0;
      });
  }

  private async dispatch(commandCode: number, body: string, sequenceId: number): Promise<void> {
    if (this.closed || !this.session) return;
    this.conn.sequenceId = sequenceId;
    switch (commandCode) {
      case COM_QUERY:
        this.writeOutcomes(await this.session.run(body));
        return;
      case COM_INIT_DB:
        this.writeOutcomes([this.session.useDatabase(body)]);
        return;
      case COM_FIELD_LIST:
        this.conn.writePacket(eofPacket(SERVER_STATUS_AUTOCOMMIT));
        this.conn.sequenceId = 0;
        return;
      case COM_STMT_PREPARE:
      case COM_STMT_EXECUTE:
        // The extension uses the text protocol only; the sandbox does not emulate prepared statements.
        this.conn.writePacket(errPacket(1295, 'HY000', 'This command is not supported in the prepared statement protocol yet'));
        this.conn.sequenceId = 0;
        return;
      default:
        return;
    }
  }

  private writeOutcomes(outcomes: StatementOutcome[]): void {
    if (this.closed) return;
    outcomes.forEach((outcome, i) => {
      const status = SERVER_STATUS_AUTOCOMMIT | (i < outcomes.length - 1 ? SERVER_MORE_RESULTS_EXISTS : 0);
      if (!outcome.ok) this.conn.writePacket(errPacket(outcome.error.errno, outcome.error.sqlState, outcome.error.message));
      else this.writeResult(outcome.result, status);
    });
    this.conn.sequenceId = 0;
  }

  private writeResult(result: ResultSet, status: number): void {
    if (result.kind === 'ok') {
      this.conn.writePacket(okPacket(result.affectedRows, status));
      return;
    }
    this.conn.writePacket(new PacketBuilder().lenenc(result.columns.length).build());
    for (const column of result.columns) this.conn.writePacket(columnPacket(column));
    this.conn.writePacket(eofPacket(status));
    for (const row of result.rows) this.conn.writePacket(rowPacket(row));
    this.conn.writePacket(eofPacket(status));
  }

  close(): void {
    this.closed = true;
  }
}
