// An esbuild plugin for the `lantai` bundle: the heavy packages only some commands need
// (exceljs and pdfkit take ~1 s each to load, sharp, node-forge, canvas, tesseract.js a few
// hundred ms) are loaded when first used instead of when the CLI starts, so `lantai search`
// does not pay for the catalog export's spreadsheet library (issue 14). Each import of such a
// package becomes a stand-in that require()s the package on its first call, construction or
// property read and forwards to it. Only CommonJS packages qualify (require() is synchronous),
// and only the names listed: an import of another name fails the build, naming the package.
const LAZY = {
  sharp: ['default'],
  exceljs: ['default'],
  pdfkit: ['default'],
  'node-forge': ['default'],
  qrcode: ['default'],
  'tesseract.js': ['createWorker', 'OEM'],
  '@napi-rs/canvas': ['createCanvas', 'GlobalFonts'],
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

function stub(name, exports) {
  const pick = (e) => (e === 'default' ? 'load()' : `load()[${JSON.stringify(e)}]`);
  const lines = exports.map((e) => {
    const value = `lazy(() => ${pick(e)})`;
    return e === 'default' ? `export default ${value};` : `export const ${e} = ${value};`;
  });
  return `import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
let loaded;
const load = () => (loaded ??= require(${JSON.stringify(name)}));
function lazy(real) {
  return new Proxy(function lazyPackage() {}, {
    apply: (_t, self, args) => Reflect.apply(real(), self, args),
    construct: (_t, args) => Reflect.construct(real(), args),
    get: (_t, key) => Reflect.get(real(), key),
    set: (_t, key, value) => Reflect.set(real(), key, value),
    has: (_t, key) => Reflect.has(real(), key),
  });
}
${lines.join('\n')}
`;
}

export const lazyPackages = {
  name: 'lazy-packages',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY).map(escape).join('|')})$`);
    build.onResolve({ filter }, (args) => (args.namespace === 'lazy-package' ? undefined : { path: args.path, namespace: 'lazy-package' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => ({ contents: stub(args.path, LAZY[args.path]), loader: 'js', resolveDir: process.cwd() }));
  },
};
