/** Small deterministic PRNG (mulberry32, shared with the sample renderer), so a failing randomized test can be replayed from its seed. */
export { rngFrom as seededRandom } from '../../native/samples/prng.js';

/** The seed for this run: LANTAI_TEST_SEED when replaying, else fresh (and printed by the caller). */
export function runSeed(): number {
  const fromEnv = Number(process.env['LANTAI_TEST_SEED']);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : Math.floor(Math.random() * 2 ** 31) + 1;
}
