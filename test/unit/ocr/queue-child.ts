/**
 * Child process for the OCR crash test (test/flows/ocr.test.ts): runs the OCR queue of the
 * vault given as argv[2] with one engine, and exits 0 when it is empty (1 if a page failed).
 */
import { runOcrQueue } from '../../../native/ocr/queue.js';
import { openWorkingVault } from '../../../native/pipeline/wire.js';

const vault = await openWorkingVault(process.argv[2] ?? '');
try {
  const s = await runOcrQueue(vault, { workers: 1 });
  process.stdout.write(`${JSON.stringify({ done: s.done, failed: s.failed, recovered: s.recovered })}\n`);
  process.exitCode = s.failed === 0 ? 0 : 1;
} finally {
  vault.close();
}
