// Layering is enforced here as errors (DESIGN.md): native/ never imports electron, the
// renderer or the DOM; renderer/ imports no Node and no native/ (types from electron/contract
// only); only native/ loads native addons.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'crypto', 'net', 'http', 'https', 'worker_threads', 'stream', 'zlib', 'url', 'util', 'events', 'dns', 'tls', 'dgram', 'readline', 'buffer', 'process', 'assert', 'module', 'perf_hooks', 'timers'];
const nativeAddons = ['better-sqlite3', 'sharp', '@napi-rs/canvas', '@node-rs/jieba', 'tesseract.js', 'pdfjs-dist'];

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
