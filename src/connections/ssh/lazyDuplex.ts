/**
 * A stream that exists at once and connects later: mysql2's `stream` option wants a Duplex
 * synchronously, while an SSH port forward opens asynchronously. Writes wait for the forwarded
 * channel; a failure to open it becomes the stream's error, which mysql2 hands to the statement as
 * is (so an SSH failure keeps its own kind); the channel closing closes the stream, which mysql2
 * reports as a lost connection.
 */
import { Duplex } from 'node:stream';

export class LazyDuplex extends Duplex {
  private inner: Duplex | undefined;
  private readonly queued: { chunk: Buffer; callback: (error?: Error | null) => void }[] = [];
  private finalCallback: ((error?: Error | null) => void) | undefined;

  constructor(open: () => Promise<Duplex>) {
    super();
    open().then(
      (inner) => this.attach(inner),
      (error: Error) => this.destroy(error),
    );
  }

  private attach(inner: Duplex): void {
    if (this.destroyed) {
      inner.destroy();
      return;
    }
    this.inner = inner;
    inner.on('data', (data: Buffer) => {
      if (!this.push(data)) inner.pause();
    });
    inner.on('end', () => this.push(null));
    inner.on('error', (error: Error) => this.destroy(error));
    inner.on('close', () => this.destroy());
    for (const { chunk, callback } of this.queued.splice(0)) inner.write(chunk, callback);
    if (this.finalCallback) {
      inner.end();
      this.finalCallback();
    }
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    if (this.inner) this.inner.write(chunk, callback);
    else this.queued.push({ chunk, callback });
  }

  override _read(): void {
    this.inner?.resume();
  }

  override _final(callback: (error?: Error | null) => void): void {
    if (!this.inner) {
      this.finalCallback = callback;
      return;
    }
    this.inner.end();
    callback();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.inner?.destroy();
    callback(error);
  }
}
