/**
 * SIGKILL at random moments of a backup, a repair, a migration and a restore (each run by the
 * real `lantai` command in a child process), then: the vault passes `lantai check`, the media
 * verify clean or report only what a re-run completes (a file written but not yet recorded),
 * and `lantai resume ID` (the same job row) finishes the work: every copy written and
 * verified, no open alert, no temp file left, the job done.
 *
 * The kill lands inside the job's own work: the harness waits for the job to start (its row,
 * or the restore's marker file) and kills after a random delay up to a little more than the
 * same work took in this process. Trials per kind: LANTAI_CRASH_TRIALS (default 3, to keep
 * this file under a minute in `npm test`; run LANTAI_CRASH_TRIALS=50 for the issue's ≥ 50).
 * LANTAI_TEST_SEED replays a run.
 */
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { VaultApi } from '../../native/api/vault-api.js';
import type { Session } from '../../native/auth/types.js';
import { checkVault } from '../../native/check/check-vault.js';
import { dataKeyFromBytes } from '../../native/crypto/data-key.js';
import { main } from '../../native/cli/main.js';
import { objectFileName } from '../../native/media/layout.js';
import { LOCAL_KEY_FILE } from '../../native/media/keys.js';
import { openWorkingVault } from '../../native/pipeline/wire.js';
import { CLI, runChildKilledAfterStart } from '../harness/crash.js';
import { runSeed, seededRandom } from '../harness/random.js';
import { tempDir } from '../harness/temp.js';
import { blankMedium, makeMediaVault, type MediaVault } from './media-fixture.js';

const TRIALS = Number(process.env['LANTAI_CRASH_TRIALS'] ?? 3);
const SEED = runSeed();
const random = seededRandom(SEED);
const root = tempDir();
const A = 'HDD-A';
const B = 'SSD-B';

interface Template {
  dir: string;
  v: Pick<MediaVault, 'acc' | 'passphraseFile'>;
  objects: number;
  /** The names of the vault's objects on a medium (what an interrupted write may leave unrecorded). */
  objectNames: Set<string>;
}

/** A vault with 12 scans of ~1.5 MB, medium A backed up in full, medium B registered and blank. */
const base: Promise<Template> = (async () => {
  const dir = path.join(root, 'base');
  const v = await makeMediaVault(dir, { records: 12, big: true });
  await v.api.media.add(v.backup, { id: A, type: 'hdd', capacityBytes: 1e12, site: '市档案馆异地库', mountPath: blankMedium(dir, 'A') });
  await v.api.media.backup(v.backup, { mediumId: A });
  await v.api.media.add(v.backup, { id: B, type: 'ssd', capacityBytes: 1e12, site: '区档案馆', mountPath: blankMedium(dir, 'B') });
  const shas = (v.api.vault.db.prepare('SELECT sha256 FROM objects').all() as { sha256: string }[]).map((r) => r.sha256);
  v.api.close();
  const key = dataKeyFromBytes(fs.readFileSync(path.join(dir, 'vault', LOCAL_KEY_FILE)));
  return { dir, v, objects: shas.length, objectNames: new Set(shas.map((s) => objectFileName(key, s))) };
})();

/** The base with every object copy on A damaged (one flipped byte) and found by a verification. */
const damaged: Promise<Template> = (async () => {
  const t = await base;
  const dir = path.join(root, 'damaged');
  fs.cpSync(t.dir, dir, { recursive: true });
  const objects = path.join(dir, 'mnt', 'A', 'lantai', 'objects');
  for (const sub of fs.readdirSync(objects)) {
    for (const f of fs.readdirSync(path.join(objects, sub))) {
      const file = path.join(objects, sub, f);
      const bytes = fs.readFileSync(file);
      bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0x01;
      fs.chmodSync(file, 0o644);
      fs.writeFileSync(file, bytes);
    }
  }
  const { api, session } = await open(t, dir);
  const found = await api.media.verify(session, { mediumId: A, path: mnt(dir, 'A') });
  assert.equal(found.findings.length, t.objects);
  api.close();
  return { ...t, dir };
})();

function mnt(dir: string, name: string): string {
  return path.join(dir, 'mnt', name);
}

async function open(t: Template, dir: string): Promise<{ api: VaultApi; session: Session }> {
  const api = await VaultApi.open(path.join(dir, 'vault'));
  return { api, session: await api.accounts.login(t.v.acc.backup.username, t.v.acc.backup.password, 'crash-test') };
}

function copyOf(t: Template, name: string): string {
  const dir = path.join(root, name);
  fs.cpSync(t.dir, dir, { recursive: true });
  return dir;
}

function env(t: Template): Record<string, string> {
  return { LANTAI_USER: t.v.acc.backup.username, LANTAI_PASSWORD_FILE: t.v.acc.backup.passwordFile, LANTAI_BACKUP_PASSPHRASE_FILE: t.v.passphraseFile };
}

/** `lantai …` in this process (the resume after each kill: no second tsx start-up per trial). */
async function lantai(t: Template, args: string[]): Promise<{ code: number; json: Record<string, unknown>; stderr: string }> {
  let out = '';
  let err = '';
  const code = await main([...args, '--json'], { stdout: (s) => void (out += s), stderr: (s) => void (err += s), env: { ...env(t), LANG: 'C' } });
  return { code, json: out ? (JSON.parse(out) as Record<string, unknown>) : {}, stderr: err };
}

/** A trigger: the vault has a running job of this kind (read through its own connection). */
function jobRunning(vaultDir: string, kind: string): { started: () => boolean; close: () => void } {
  let db: Database.Database | undefined;
  return {
    started: () => {
      db ??= new Database(path.join(vaultDir, 'catalog.sqlite'), { readonly: true, fileMustExist: true });
      return db.prepare("SELECT 1 FROM jobs WHERE kind = ? AND status = 'running'").get(kind) !== undefined;
    },
    close: () => db?.close(),
  };
}

/** `lantai check`'s verdict on a vault that is open: no error, and (after the resume) no job left unfinished. */
async function checkProblems(api: VaultApi, session: Session, unfinishedToo: boolean): Promise<string[]> {
  const r = await api.maintenance.check(session);
  return r.problems.filter((p) => p.severity === 'error' || (unfinishedToo && p.code === 'UNFINISHED_JOB')).map((p) => `${p.code}: ${p.message.en}`);
}

/** The same for a folder (a restored vault), opened as a new process would (recovery first). */
async function vaultProblems(vaultDir: string): Promise<string[]> {
  const vault = await openWorkingVault(vaultDir);
  try {
    const r = await checkVault(vault);
    return r.problems.filter((p) => p.severity === 'error' || p.code === 'UNFINISHED_JOB').map((p) => `${p.code}: ${p.message.en}`);
  } finally {
    vault.close();
  }
}

/**
 * Findings of a verification that a re-run does not explain: anything but an unrecorded write
 * of one of our objects, or of a catalog snapshot (killed between its rename and its record;
 * the next run removes it, which mediumAfter checks).
 */
async function unexplained(t: Template, api: VaultApi, session: Session, mediumId: string, at: string, alsoOk: (kind: string, file: string) => boolean = () => false): Promise<string[]> {
  const r = await api.media.verify(session, { mediumId, path: at });
  const rerunWrites = (f: { kind: string; file: string }) => f.kind === 'extra' && (t.objectNames.has(f.file) || /^catalog\/catalog-[0-9TZ.]+\.sqlite\.enc$/.test(f.file));
  return r.findings.filter((f) => !rerunWrites(f) && !alsoOk(f.kind, f.file)).map((f) => `${mediumId} ${f.kind} ${f.file}`);
}

/** Findings of a verification after the resume (none expected), plus the medium's copies, state and open alerts. */
async function mediumAfter(t: Template, api: VaultApi, session: Session, mediumId: string, at: string): Promise<string[]> {
  const problems: string[] = [];
  const r = await api.media.verify(session, { mediumId, path: at });
  if (!r.clean) problems.push(`${mediumId}: ${r.findings.map((x) => `${x.kind} ${x.file}`).join(', ')}`);
  const d = api.media.show(session, mediumId);
  if (d.copies !== t.objects || d.bad !== 0 || d.medium.state !== 'active') problems.push(`${mediumId}: ${d.copies} copies (${d.bad} bad) of ${t.objects}, state ${d.medium.state}`);
  if (d.snapshots < 1) problems.push(`${mediumId}: no catalog snapshot`);
  if (d.alerts.length > 0) problems.push(`${mediumId}: open alerts ${d.alerts.map((a) => `${a.kind} ${a.subject}`).join(', ')}`);
  return problems;
}

function leftovers(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.partial$|^\.snapshot-|^\.reserve$/.test(e.name)) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out;
}

/**
 * The kill window after the job started: what the work took here at first, then what a child
 * that finished before its kill took (a busy machine makes children slower than this process).
 */
class KillWindow {
  constructor(private ms: number) {}
  next(): number {
    return Math.round(random() * this.ms);
  }
  learn(run: { killed: boolean; started: boolean; msAfterStart: number }): void {
    if (run.started && !run.killed) this.ms = Math.max(50, run.msAfterStart * 0.9);
  }
}

interface Trial {
  killed: boolean;
  problems: string[];
}

function report(kind: string, trials: Trial[]): void {
  const bad = trials.flatMap((x, i) => x.problems.map((p) => `trial ${i}: ${p}`));
  const killed = trials.filter((x) => x.killed).length;
  console.log(`crash trials ${kind}: seed=${SEED} trials=${trials.length} killed=${killed} inconsistencies=${bad.length}`);
  assert.deepEqual(bad, [], `replay with LANTAI_TEST_SEED=${SEED}`);
  assert.ok(killed >= Math.ceil(trials.length / 3), `${kind}: too few kills landed inside the job (${killed} of ${trials.length})`);
}

/**
 * Trials of one job kind on the live vault: a copy of the template per trial, the command in a
 * child killed inside its job, the vault and media checked as they were left (the vault opened
 * as the next process opens it: the dead job becomes interrupted), `lantai resume ID` run, and
 * everything checked again.
 */
async function liveTrials(o: {
  kind: 'backup' | 'repair' | 'migrate';
  template: Template;
  args: (dir: string) => string[];
  /** The operation in this process, timed for the first kill window. */
  calibrate: (api: VaultApi, session: Session, dir: string) => Promise<unknown>;
  afterKill: (api: VaultApi, session: Session, dir: string) => Promise<string[]>;
  afterResume: (api: VaultApi, session: Session, dir: string) => Promise<string[]>;
}): Promise<void> {
  const t = o.template;
  const cal = copyOf(t, `${o.kind}-cal`);
  const c = await open(t, cal);
  const t0 = Date.now();
  await o.calibrate(c.api, c.session, cal);
  const window = new KillWindow((Date.now() - t0) * 1.2);
  c.api.close();
  const trials: Trial[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const dir = copyOf(t, `${o.kind}-${i}`);
    const vault = path.join(dir, 'vault');
    const trigger = jobRunning(vault, o.kind);
    // The vault's location goes in LANTAI_VAULT (repair's own --vault means "repair the vault").
    const run = await runChildKilledAfterStart([CLI, ...o.args(dir)], { started: trigger.started, delayMs: window.next(), env: { ...env(t), LANTAI_VAULT: vault } });
    trigger.close();
    window.learn(run);
    const problems = run.killed || run.code === 0 ? [] : [`${o.kind} exited ${run.code}: ${run.stderr.slice(-500)}`];
    const { api, session } = await open(t, dir);
    try {
      problems.push(...(await checkProblems(api, session, false)).map((p) => `after the kill: ${p}`));
      problems.push(...(await o.afterKill(api, session, dir)).map((p) => `after the kill: ${p}`));
      const job = api.jobs.list(session).find((j) => j.kind === o.kind);
      if (!job) problems.push(`no ${o.kind} job row`);
      else if (job.status !== 'done') {
        const r = await lantai(t, ['resume', String(job.id), '--vault', vault]);
        if (r.code !== 0) problems.push(`lantai resume ${job.id} (${job.status}) exited ${r.code}: ${r.stderr.slice(-500)} ${JSON.stringify(r.json).slice(0, 500)}`);
        const after = api.jobs.get(session, job.id);
        if (after.status !== 'done') problems.push(`after resume: job ${job.id} is ${after.status}`);
      }
      problems.push(...(await o.afterResume(api, session, dir)).map((p) => `after resume: ${p}`));
      problems.push(...(await checkProblems(api, session, true)).map((p) => `after resume: ${p}`));
    } finally {
      api.close();
    }
    problems.push(...leftovers(dir).map((p) => `left behind: ${p}`));
    trials.push({ killed: run.killed, problems });
    fs.rmSync(dir, { recursive: true, force: true });
  }
  report(o.kind, trials);
}

test(`SIGKILL during ${TRIALS} backups: the medium holds only verified copies, and resume completes it`, { timeout: 15 * 60_000 }, async () => {
  const t = await base;
  await liveTrials({
    kind: 'backup', template: t,
    args: (dir) => ['backup', '--medium', B, '--path', mnt(dir, 'B')],
    calibrate: (api, session, dir) => api.media.backup(session, { mediumId: B, path: mnt(dir, 'B') }),
    afterKill: (api, session, dir) => unexplained(t, api, session, B, mnt(dir, 'B')),
    afterResume: (api, session, dir) => mediumAfter(t, api, session, B, mnt(dir, 'B')),
  });
});

test(`SIGKILL during ${TRIALS} repairs: damaged copies are either still found damaged or repaired, and resume repairs the rest`, { timeout: 15 * 60_000 }, async () => {
  const t = await damaged;
  await liveTrials({
    kind: 'repair', template: t,
    args: (dir) => ['repair', '--medium', A, '--path', mnt(dir, 'A')],
    calibrate: (api, session, dir) => api.media.repair(session, { mediumId: A, path: mnt(dir, 'A') }),
    // What a re-run completes: copies still damaged (not reached yet, or rewritten but not recorded).
    afterKill: (api, session, dir) => unexplained(t, api, session, A, mnt(dir, 'A'), (kind, file) => kind === 'mismatch' && t.objectNames.has(file)),
    afterResume: (api, session, dir) => mediumAfter(t, api, session, A, mnt(dir, 'A')),
  });
});

test(`SIGKILL during ${TRIALS} migrations: the old medium stays in service until the new one verified, and resume retires it`, { timeout: 15 * 60_000 }, async () => {
  const t = await base;
  await liveTrials({
    kind: 'migrate', template: t,
    args: (dir) => ['migrate', '--from', A, '--to', B, '--path', mnt(dir, 'B'), '--from-path', mnt(dir, 'A')],
    calibrate: (api, session, dir) => api.media.migrate(session, { from: A, to: { mediumId: B, path: mnt(dir, 'B') }, fromPath: mnt(dir, 'A') }),
    afterKill: async (api, session, dir) => {
      const problems: string[] = [];
      const old = api.media.show(session, A);
      if (old.medium.state === 'retired') {
        // Retired only in the transaction after the new medium verified with every copy.
        const fresh = api.media.show(session, B);
        if (old.disposal?.migratedTo !== B || fresh.copies !== t.objects || fresh.bad !== 0) problems.push(`A retired but B has ${fresh.copies} copies (${fresh.bad} bad), disposal ${JSON.stringify(old.disposal)}`);
      } else if (old.medium.state !== 'active' || old.disposal) problems.push(`A is ${old.medium.state} with disposal ${JSON.stringify(old.disposal)}`);
      return [...problems, ...(await unexplained(t, api, session, B, mnt(dir, 'B')))];
    },
    afterResume: async (api, session, dir) => {
      const old = api.media.show(session, A);
      const problems = old.medium.state === 'retired' && old.disposal?.migratedTo === B ? [] : [`A is ${old.medium.state}, disposal ${JSON.stringify(old.disposal)}`];
      return [...problems, ...(await mediumAfter(t, api, session, B, mnt(dir, 'B')))];
    },
  });
});

test(`SIGKILL during ${TRIALS} restores: the target is never a half vault, and resume (or the same restore again) completes it`, { timeout: 15 * 60_000 }, async () => {
  const t = await base;
  const from = mnt(t.dir, 'A');
  const marker = (to: string) => path.join(to, 'RESTORE-INCOMPLETE');
  // The first window: from the marker (after the passphrase's scrypt) to the end, timed here.
  const calTo = path.join(root, 'restore-cal');
  let markedAt = 0;
  const watch = setInterval(() => {
    if (!markedAt && fs.existsSync(marker(calTo))) markedAt = Date.now();
  }, 2);
  const cal = await VaultApi.restoreFromMedia({ from: [from], to: calTo, passphrase: fs.readFileSync(t.v.passphraseFile, 'utf8').trim() });
  clearInterval(watch);
  assert.equal(cal.complete, true);
  const window = new KillWindow((Date.now() - markedAt) * 1.2);
  const trials: Trial[] = [];
  for (let i = 0; i < TRIALS; i++) {
    const to = path.join(root, `restore-${i}`, 'restored');
    fs.mkdirSync(path.dirname(to), { recursive: true });
    const run = await runChildKilledAfterStart([CLI, 'restore', '--from', from, '--to', to], { started: () => fs.existsSync(marker(to)), delayMs: window.next(), env: { LANTAI_BACKUP_PASSPHRASE_FILE: t.v.passphraseFile } });
    window.learn(run);
    const problems = run.killed || run.code === 0 ? [] : [`restore exited ${run.code}: ${run.stderr.slice(-500)}`];
    // Never a half vault: the marker stays until every object is in; an object file only ever holds its own bytes.
    const isVault = fs.existsSync(path.join(to, 'vault.json'));
    if (isVault && !fs.existsSync(marker(to))) problems.push(...(await vaultProblems(to)).map((p) => `after the kill: ${p}`));
    const objects = path.join(to, 'objects');
    for (const sub of fs.existsSync(objects) ? fs.readdirSync(objects).filter((n) => /^[0-9a-f]{2}$/.test(n)) : []) {
      for (const name of fs.readdirSync(path.join(objects, sub))) {
        if (crypto.createHash('sha256').update(fs.readFileSync(path.join(objects, sub, name))).digest('hex') !== name) problems.push(`after the kill: object ${name} holds other bytes`);
      }
    }
    let r: { code: number; json: Record<string, unknown> } = { code: 0, json: { complete: true } };
    if (VaultApi.restoreInProgress(to)) {
      // Opened as the next process opens it (read-write): a kill inside a transaction of the
      // catalog's first opening leaves a hot journal, which a read-only open refuses
      // (SQLITE_READONLY_ROLLBACK) and any other open rolls back.
      const db = new Database(path.join(to, 'catalog.sqlite'));
      const job = db.prepare("SELECT id FROM jobs WHERE kind = 'restore' AND json_extract(params, '$.to') = ?").get(to) as { id: number } | undefined;
      db.close();
      r = job ? await lantai(t, ['resume', String(job.id), '--vault', to]) : await lantai(t, ['restore', '--from', from, '--to', to]);
    } else if (!isVault) r = await lantai(t, ['restore', '--from', from, '--to', to]);
    if (r.code !== 0 || r.json['complete'] !== true) problems.push(`resume/re-run exited ${r.code}: ${JSON.stringify(r.json).slice(0, 800)}`);
    if (fs.existsSync(marker(to))) problems.push('after resume: still marked incomplete');
    else {
      problems.push(...(await vaultProblems(to)).map((p) => `after resume: ${p}`));
      const api = await VaultApi.open(to);
      const n = (api.vault.db.prepare('SELECT count(*) AS n FROM objects').get() as { n: number }).n;
      api.close();
      if (n !== t.objects) problems.push(`after resume: ${n} objects, expected ${t.objects}`);
    }
    problems.push(...leftovers(path.dirname(to)).map((p) => `left behind: ${p}`));
    trials.push({ killed: run.killed, problems });
    fs.rmSync(path.dirname(to), { recursive: true, force: true });
  }
  report('restore', trials);
});
