/**
 * MySQL protocol packets the FE sends, built by hand: mysql2's server helpers write a placeholder
 * SQLSTATE (`#_____`) in ERR packets and misalign text rows, so the sandbox encodes its own and
 * hands them to the connection's `writePacket`, which adds length and sequence id.
 */

/** What `Connection.writePacket` needs from a packet. */
export interface WritablePacket {
  buffer: Buffer;
  length(): number;
  writeHeader(sequenceId: number): void;
}

export class PacketBuilder {
  private readonly parts: Buffer[] = [];

  int8(value: number): this {
    this.parts.push(Buffer.from([value & 0xff]));
    return this;
  }

  int16(value: number): this {
    const b = Buffer.alloc(2);
    b.writeUInt16LE(value);
    this.parts.push(b);
    return this;
  }

  int32(value: number): this {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(value >>> 0);
    this.parts.push(b);
    return this;
  }

  /** Length-encoded integer. */
  lenenc(value: number): this {
    if (value < 0xfb) return this.int8(value);
    if (value < 0x10000) return this.int8(0xfc).int16(value);
    if (value < 0x1000000) {
      const b = Buffer.alloc(3);
      b.writeUIntLE(value, 0, 3);
      this.parts.push(Buffer.from([0xfd]), b);
      return this;
    }
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(value));
    this.parts.push(Buffer.from([0xfe]), b);
    return this;
  }

  /** Length-encoded string; `null` becomes the 0xFB NULL marker of text rows. */
  lenencString(value: string | null): this {
    if (value === null) return this.int8(0xfb);
    const bytes = Buffer.from(value, 'utf8');
    this.lenenc(bytes.length);
    this.parts.push(bytes);
    return this;
  }

  raw(value: string | Buffer): this {
    this.parts.push(typeof value === 'string' ? Buffer.from(value, 'utf8') : value);
    return this;
  }

  nullTerminated(value: string): this {
    return this.raw(value).int8(0);
  }

  build(): WritablePacket {
    const body = Buffer.concat(this.parts);
    const buffer = Buffer.concat([Buffer.alloc(4), body]);
    return {
      buffer,
      length: () => buffer.length,
      writeHeader(sequenceId: number) {
        buffer.writeUIntLE(buffer.length - 4, 0, 3);
        buffer.writeUInt8(sequenceId & 0xff, 3);
      },
    };
  }
}

/** Server status flags (mysql_com.h). */
export const SERVER_STATUS_AUTOCOMMIT = 0x0002;
export const SERVER_MORE_RESULTS_EXISTS = 0x0008;

export function okPacket(affectedRows: number, status: number, info = ''): WritablePacket {
  const builder = new PacketBuilder().int8(0x00).lenenc(affectedRows).lenenc(0).int16(status).int16(0);
  if (info) builder.raw(info);
  return builder.build();
}

export function errPacket(errno: number, sqlState: string, message: string): WritablePacket {
  return new PacketBuilder()
    .int8(0xff)
    .int16(errno)
    .raw(`#${sqlState.padEnd(5, '0').slice(0, 5)}`)
    .raw(message)
    .build();
}

export function eofPacket(status: number): WritablePacket {
  return new PacketBuilder().int8(0xfe).int16(0).int16(status).build();
}

/** MySQL column types used by the sandbox's result sets. */
export const ColumnTypes = {
  TINY: 1,
  SHORT: 2,
  LONG: 3,
  FLOAT: 4,
  DOUBLE: 5,
  LONGLONG: 8,
  DATE: 10,
  DATETIME: 12,
  NEWDECIMAL: 246,
  VAR_STRING: 253,
  STRING: 254,
} as const;

export interface ColumnDescription {
  name: string;
  /** One of ColumnTypes; VARCHAR (253) by default, as every SHOW column of the FE. */
  type?: number;
  length?: number;
  decimals?: number;
  schema?: string;
  table?: string;
}

const UTF8_GENERAL_CI = 33;
const BINARY_CHARSET = 63;

export function columnPacket(column: ColumnDescription): WritablePacket {
  const type = column.type ?? ColumnTypes.VAR_STRING;
  const textual = type === ColumnTypes.VAR_STRING || type === ColumnTypes.STRING;
  return new PacketBuilder()
    .lenencString('def')
    .lenencString(column.schema ?? '')
    .lenencString(column.table ?? '')
    .lenencString(column.table ?? '')
    .lenencString(column.name)
    .lenencString(column.name)
    .int8(0x0c)
    .int16(textual ? UTF8_GENERAL_CI : BINARY_CHARSET)
    .int32(column.length ?? (textual ? 30 * 3 : 20))
    .int8(type)
    .int16(0)
    .int8(column.decimals ?? (textual ? 31 : 0))
    .int16(0)
    .build();
}

export function rowPacket(values: (string | null)[]): WritablePacket {
  const builder = new PacketBuilder();
  for (const value of values) builder.lenencString(value);
  return builder.build();
}
