/**
 * Child process for vault-crash.test.ts: a stream of writes against one vault,
 * printing each write's id to stdout only after the write has returned. The
 * parent SIGKILLs this process at random moments.
 * Protocol: prints "loaded", waits for a line on stdin, opens the vault, prints
 * "ready", then "ack …" after each write returns ("begin delete <id>" before a delete).
 */
import { loadSqlJs } from '../../main/core/vault/sql-store';
import { CHEAP_SCRYPT } from '../../main/core/vault/test-support';
import { createVaultService } from '../../main/core/vault/vault.service';
import { CRASH_COMPACT_THRESHOLD, CRASH_PASSPHRASE, crashBody } from './vault-crash-shared';

const [dir, seedText] = process.argv.slice(2);
const seed = Number(seedText);
if (!dir || !Number.isFinite(seed)) throw new Error('usage: vault-crash-writer.child.ts <dir> <seed>');
let s = seed * 7919 + 1;
const rand = () => {
  s = (Math.imul(s, 1103515245) + 12345) >>> 0;
  return s / 4294967296;
};
const out = (line: string) => process.stdout.write(`${line}\n`);

process.stdout.on('error', () => process.exit(0));

// Load everything first and wait for the parent's go: the parent starts the next
// writer while the current one runs, so process start-up does not dominate the test.
await loadSqlJs();
out('loaded');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));

const v = createVaultService({
  dir,
  scrypt: CHEAP_SCRYPT,
  compaction: { thresholdBytes: CRASH_COMPACT_THRESHOLD },
});
if (await v.exists()) await v.unlock({ passphrase: CRASH_PASSPHRASE });
else await v.create({ passphrase: CRASH_PASSPHRASE });
out('ready');

const mine: Array<{ id: string; version: number }> = [];
for (let i = 0; ; i++) {
  const r = rand();
  if (r < 0.55 || mine.length === 0) {
    const id = `w${seed}-${i}`;
    const subjectId = r < 0.1 ? `patient-${i % 3}` : undefined;
    await v.documents.save({
      id,
      title: `Doc ${id}`,
      templateId: 't',
      industry: 'healthcare',
      classification: 'phi',
      body: crashBody(id, 1),
      ...(subjectId ? { subjectId } : {}),
    });
    mine.push({ id, version: 1 });
    out(`ack save ${id} 1`);
  } else if (r < 0.78) {
    const d = mine[Math.floor(rand() * mine.length)]!;
    const doc = await v.documents.get(d.id);
    const version = doc.version + 1;
    await v.documents.save({
      id: d.id,
      title: `Doc ${d.id} v${version}`,
      templateId: 't',
      industry: 'healthcare',
      classification: 'phi',
      body: crashBody(d.id, version),
      ...(doc.subjectId ? { subjectId: doc.subjectId } : {}),
    });
    d.version = version;
    out(`ack save ${d.id} ${version}`);
  } else if (r < 0.86) {
    await v.settings.set(`counter-${seed}`, i);
    out(`ack set counter-${seed} ${i}`);
  } else if (r < 0.94) {
    const qid = await v.syncQueue.enqueue('audit', { seed, i });
    out(`ack enqueue ${qid} ${seed} ${i}`);
  } else {
    const [d] = mine.splice(Math.floor(rand() * mine.length), 1);
    out(`begin delete ${d!.id}`);
    await v.documents.delete(d!.id);
    out(`ack delete ${d!.id}`);
  }
}
