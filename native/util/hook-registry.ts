/**
 * Hooks a pipeline stage offers, one set per open catalog (the key): the stage asks for them
 * at its steps, and `missing()` makes its own error when a vault was not opened for work (no
 * pipeline wired), so a stage never runs half its work silently.
 */
export function hookRegistry<K extends object, T>(missing: () => Error): { set(key: K, hooks: T): void; get(key: K): T } {
  const registry = new WeakMap<K, T>();
  return {
    set: (key, hooks) => void registry.set(key, hooks),
    get(key) {
      const hooks = registry.get(key);
      if (!hooks) throw missing();
      return hooks;
    },
  };
}
