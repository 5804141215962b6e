// Layering is enforced here as errors (DESIGN.md): native/ never imports electron, the
// renderer or the DOM; renderer/ imports no Node and no native/ (types from electron/contract
// only); only native/ loads native addons.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'worker_threads', 'stream', 'zlib', 'url', 'util', 'events', 'dns', 'tls', 'dgram', 'readline', 'buffer', 'process', 'assert', 'module', 'perf_hooks', 'timers'];
const nativeAddons = ['better-sqlite3', 'sharp', '@napi-rs/canvas', '@node-rs/jieba', 'tesseract.js', 'pdfjs-dist'];

// Floors inside native/, bottom first (README "For developers" draws them). A folder imports
// only folders on lower floors; the pipeline stages (floor 5) never import each other: they
// offer hooks, and native/pipeline/wire.ts connects them when a vault is opened for work.
// native/errors.ts and native/error-codes.ts sit on floor 0 with i18n.
const FLOORS = [
  ['i18n', 'text', 'util', 'hash'],
  ['db', 'store', 'crypto'],
  ['catalog', 'jobs', 'audit'],
  ['auth', 'vault', 'bag', 'print'],
  ['images'],
  ['ingest', 'ocr', 'extract', 'search'],
  // digitization and qc read page images and run ingest's output through the checks: above the stages.
  ['pipeline', 'check', 'registers', 'review', 'auditor', 'samples', 'package', 'media', 'catalog-upkeep', 'appraisal', 'digitization', 'qc'],
  ['api'],
  ['cli'],
];
const PIPELINE_FLOOR = 5;
const floorRules = FLOORS.flatMap((folders, floor) =>
  folders.map((folder) => {
    const above = FLOORS.slice(floor + 1).flat();
    const siblings = floor === PIPELINE_FLOOR ? folders.filter((f) => f !== folder) : [];
    const forbidden = [...above, ...siblings];
    return {
      files: [`native/${folder}/**/*.ts`],
      rules: {
        'no-restricted-imports': ['error', {
          patterns: [
            { regex: `^(\\.\\./)+(${forbidden.join('|')})(/|$)`, message: `native/${folder}/ (floor ${floor}) imports only lower floors${siblings.length ? ' and no other pipeline stage (use the stage hooks wired in native/pipeline/wire.ts)' : ''}: see FLOORS in eslint.config.js.` },
            { regex: '^electron(/|$)', message: 'native/ is plain Node: it never imports electron.' },
            { group: ['**/renderer/**', '**/electron/**'], message: 'native/ must not import the desktop shell or the UI.' },
            { group: ['react', 'react-dom', 'antd'], message: 'native/ has no UI.' },
          ],
        }],
      },
    };
  }),
);

export default tseslint.config(
  { ignores: ['node_modules/**', '.cache/**', 'electron/dist/**', 'renderer/dist/**', 'test/fixtures/generated/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['native/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { regex: '^electron(/|$)', message: 'native/ is plain Node: it never imports electron.' },
          { group: ['**/renderer/**', '**/electron/**'], message: 'native/ must not import the desktop shell or the UI.' },
          { group: ['react', 'react-dom', 'antd'], message: 'native/ has no UI.' },
        ],
      }],
    },
  },
  ...floorRules.filter((r) => r.files[0] !== 'native/cli/**/*.ts'),
  // The face and the adapters hold no SQL: queries live in the module that owns their tables.
  {
    files: ['native/api/**/*.ts', 'native/cli/**/*.ts', 'electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': ['error',
        { selector: "CallExpression[callee.property.name='prepare']", message: 'No SQL here: call the query module that owns the table.' },
      ],
    },
  },
  // One way in: the adapters (the CLI and the desktop shell) reach the engine only through
  // its face, native/api/index.ts (VaultApi, its DTOs and a few printing utilities).
  {
    files: ['native/cli/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./(?!api/index\\.js$)', message: 'native/cli/ reaches the engine only through ../api/index.js (VaultApi).' }] }],
    },
  },
  {
    files: ['native/cli/*/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: '^\\.\\./\\.\\./(?!api/index\\.js$)', message: 'native/cli/ reaches the engine only through ../../api/index.js (VaultApi).' }] }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodeBuiltins.flatMap((m) => [m, `node:${m}`]).map((name) => ({ name, message: 'renderer/ talks to the engine only through window.vault.' })),
        patterns: [
          { group: ['**/native/**'], message: 'renderer/ never imports the engine: use window.vault (types from electron/contract).' },
          { regex: '^electron(/|$)', message: 'renderer/ runs sandboxed without electron.' },
          { group: ['**/electron/main/**', '**/electron/preload/**'], message: 'renderer/ may import only electron/contract.' },
          { group: nativeAddons, message: 'only native/ loads native addons.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**'], message: 'electron/ does not import the UI code.' },
          { group: nativeAddons, message: 'only native/ loads native addons; go through VaultApi.' },
          { regex: '/native/(?!api/index\\.js$)', message: 'electron/ reaches the engine only through native/api/index.js (VaultApi).' },
        ],
      }],
    },
  },
);
