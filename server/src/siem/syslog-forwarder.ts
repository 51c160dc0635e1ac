/**
 * Forwards audit entries to a SIEM as RFC 5424 syslog over TCP (RFC 6587) or TLS (RFC 5425), using
 * main/core/audit/siem-export.ts for the lines. Frames use octet counting ("<len> <msg>"), which
 * RFC 5425 requires and TCP receivers accept, so a message can never be split by a newline.
 */
import { connect as tcpConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { AuditEntry } from '../../../common/audit/entry.schema';
import { siemLine, type SiemOptions } from '../../../main/core/audit/siem-export';

export interface SyslogTarget {
  host: string;
  port: number;
  /** TLS with these trust anchors (PEM); the system's when `true`. Plain TCP when absent. */
  tls?: { caPem?: string; servername?: string } | true;
  timeoutMs?: number;
}

export interface SyslogConnection {
  send(entries: Iterable<AuditEntry>, options?: SiemOptions): Promise<number>;
  close(): Promise<void>;
}

/** One RFC 6587 octet-counted frame. */
export function syslogFrame(line: string): string {
  return `${Buffer.byteLength(line, 'utf8')} ${line}`;
}

export async function openSyslog(target: SyslogTarget): Promise<SyslogConnection> {
  const timeoutMs = target.timeoutMs ?? 10_000;
  const socket: Socket = await new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    const s =
      target.tls === undefined
        ? tcpConnect({ host: target.host, port: target.port }, () => resolve(s))
        : tlsConnect(
            {
              host: target.host,
              port: target.port,
              servername: target.tls === true ? target.host : (target.tls.servername ?? target.host),
              ...(target.tls !== true && target.tls.caPem ? { ca: target.tls.caPem } : {}),
            },
            () => resolve(s),
          );
    s.setTimeout(timeoutMs, () => s.destroy(new Error(`syslog ${target.host}:${target.port} timed out`)));
    s.once('error', onError);
  });
  let failure: Error | undefined;
  socket.on('error', (error) => (failure = error));
  const write = (data: string): Promise<void> =>
    new Promise((resolve, reject) => {
      if (failure) return reject(failure);
      socket.write(data, (error) => (error ? reject(error) : resolve()));
    });
  return {
    async send(entries, options = {}) {
      let sent = 0;
      let chunk = '';
      for (const entry of entries) {
        chunk += syslogFrame(siemLine('syslog', entry, options));
        sent += 1;
        if (chunk.length > 64 * 1024) {
          await write(chunk);
          chunk = '';
        }
      }
      if (chunk) await write(chunk);
      return sent;
    },
    close: () =>
      new Promise((resolve) => {
        if (socket.destroyed) return resolve();
        socket.end(() => resolve());
      }),
  };
}
