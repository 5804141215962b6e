// An esbuild plugin for the CommonJS `lantai` engine: each `import … from 'node:fs'` of the
// sources becomes one shared stand-in module per built-in, instead of esbuild's interop wrapper
// around require() at every importing file (which copies every export of the built-in, ~200
// times per start: a measurable part of a command's start, issue 14). The stand-in's named
// exports are the built-in's own, listed at build time; those behind a getter (fs.promises,
// crypto.webcrypto, process.exitCode: loading something, or changing) are read where used,
// through the default export, except the few the sources import by name (EAGER). A named
// import of anything else fails the build (bundle.mjs: import-is-undefined is an error).
// Their metafile inputs are named builtin:NAME.
import { builtinModules, createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const NETWORK = /^(http|https|http2|net|tls|dgram|dns)(\/|$)/;
const EAGER = new Set(['node:util parseArgs', 'node:util TextDecoder', 'node:util TextEncoder']);

/**
 * Built-ins only some commands use, loaded on first use: a search must not pay for them
 * (child_process pulls in the network stack's modules, worker_threads its own setup: tens of
 * ms of every start, issue 14). Their stand-in exports functions and classes only, each a
 * proxy that loads the built-in when called, constructed or read; a named import of any other
 * kind of value fails the build, as above.
 */
const LAZY = new Set(['node:child_process', 'node:worker_threads', 'node:readline/promises', 'node:stream/promises', 'node:zlib']);

function lazyStub(name, mod) {
  const names = Object.keys(mod).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default' && !Object.getOwnPropertyDescriptor(mod, k).get && typeof mod[k] === 'function');
  return `let m;
const load = () => (m ??= require(${JSON.stringify(name)}));
function lazy(key) {
  return new Proxy(function lazyBuiltin() {}, {
    apply: (_t, self, args) => Reflect.apply(load()[key], self, args),
    construct: (_t, args, target) => Reflect.construct(load()[key], args),
    get: (_t, k) => Reflect.get(load()[key], k),
    has: (_t, k) => Reflect.has(load()[key], k),
  });
}
export default new Proxy({}, {
  get: (_t, k) => Reflect.get(load(), k),
  has: (_t, k) => Reflect.has(load(), k),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_t, k) => {
    const d = Reflect.getOwnPropertyDescriptor(load(), k);
    return d && { ...d, configurable: true };
  },
});
${names.map((k) => `export const ${k} = lazy(${JSON.stringify(k)});`).join('\n')}
`;
}

function stub(name) {
  const mod = require(name);
  if (LAZY.has(name)) return lazyStub(name, mod);
  const names = Object.keys(mod).filter((k) => /^[A-Za-z_$][\w$]*$/.test(k) && k !== 'default' && (!Object.getOwnPropertyDescriptor(mod, k).get || EAGER.has(`${name} ${k}`)));
  return `const m = require(${JSON.stringify(name)});
export default m;
export const { ${names.join(', ')} } = m;
`;
}

export const builtinStandIns = {
  name: 'builtin-modules',
  setup(build) {
    // Network modules keep their plain import, so the bundle's metafile still names each source
    // that imports one (test/flows/installers.test.ts: only the app server may).
    const names = new Set(builtinModules.filter((n) => !NETWORK.test(n)).flatMap((n) => [n, `node:${n}`]));
    build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => (args.namespace !== 'builtin' && names.has(args.path) ? { path: args.path.replace(/^node:/, ''), namespace: 'builtin' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: stub(`node:${args.path}`), loader: 'js' }));
  },
};
