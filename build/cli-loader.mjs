// The `lantai` bundle as run (electron/dist/cli.mjs): loads the engine (cli-engine.cjs, one
// CommonJS file) with V8's code cache, so a command does not compile over a megabyte of JavaScript
// before it starts (issue 14: `lantai search` start to exit <= 0.3 s). Node 20 has no compile
// cache of its own (module.enableCompileCache came in Node 22), so this keeps one beside the
// engine: cli-engine.cache, written after a run that had none (it then holds the functions
// that run compiled too) and replaced when V8 refuses it (another Node or V8 flags).
// The cache is only trusted for the very engine file it was made from: its header names the
// engine's size and modification time, the Node version and the architecture, and a digest of
// the cached bytes (V8 itself checks only the source's length). Where the folder cannot be
// written (the installed app's asar) the engine is compiled as before.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const engine = path.join(import.meta.dirname, 'cli-engine.cjs');
const cacheFile = path.join(import.meta.dirname, 'cli-engine.cache');
// latin1: the engine is ASCII only (build/bundle.mjs escapes the rest), and a latin1 read is a
// plain copy into V8's one-byte string where a UTF-8 read first decodes every byte.
const source = fs.readFileSync(engine, 'latin1');
const stat = fs.statSync(engine);
const key = `lantai-cli-cache 1 ${stat.size} ${stat.mtimeMs} ${process.version} ${process.arch}`;

/** A check that the cached bytes are whole (node:crypto is loaded by Node's start anyway; zlib is not). */
const digest = (data) => crypto.createHash('sha1').update(data).digest('hex');

/** The cached code made for this engine, or undefined (none, another engine's, or damaged). */
function readCache() {
  let buf;
  try {
    buf = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  const nl = buf.indexOf(10);
  if (nl < 0) return undefined;
  const [magic, version, size, mtime, node, arch, length, sum] = buf.subarray(0, nl).toString('latin1').split(' ');
  if ([magic, version, size, mtime, node, arch].join(' ') !== key) return undefined;
  const data = buf.subarray(nl + 1);
  if (Number(length) !== data.length || sum !== digest(data)) return undefined;
  return data;
}

/** Replaces the cache in one rename (a concurrent run reads the old one or the new, whole). */
function writeCache(data) {
  const temp = `${cacheFile}.tmp-${process.pid}`;
  try {
    fs.writeFileSync(temp, Buffer.concat([Buffer.from(`${key} ${data.length} ${digest(data)}\n`, 'latin1'), data]));
    fs.renameSync(temp, cacheFile);
  } catch {
    // Not writable (an installed app's asar, a read-only folder): the next run compiles again.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // Nothing was written there either.
    }
  }
}

const cachedData = readCache();
// The CommonJS wrapper Node itself puts around a module, so the engine runs as require() would
// run it, plus the import() it uses for ES-module packages (pdf.js): this module's own, since a
// script from the code cache has none that works on Node 20 (build/bundle.mjs withLoaderImports).
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __lantaiImport) {${source}\n})`, {
  filename: engine,
  ...(cachedData ? { cachedData } : {}),
});
const mod = { exports: {} };
script.runInThisContext()(mod.exports, createRequire(engine), mod, engine, path.dirname(engine), (specifier) => import(specifier));
const code = await mod.exports.run(process.argv.slice(2));
if (!cachedData || script.cachedDataRejected) writeCache(script.createCachedData());
process.exitCode = code;
