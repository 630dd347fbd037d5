/**
 * The events side of a page's bridge (the browser shell's, the web console's): listeners by event name,
 * each told in turn, one listener's bug kept from the others. Electron's preload keeps its own copy: a
 * sandboxed preload cannot load modules.
 */
export interface BridgeEvents {
  /** Tells every listener of `name`; a listener that throws is reported and the rest still hear it. */
  readonly dispatch: (name: string, payload: unknown) => void;
  /** Adds a listener; the function returned removes it. */
  readonly on: (name: unknown, listener: unknown) => () => void;
}

export function bridgeEvents(report: (error: unknown) => void): BridgeEvents {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    dispatch: (name, payload) => {
      for (const listener of [...(listeners.get(name) ?? [])]) {
        try {
          listener(payload);
        } catch (error) {
          report(error);
        }
      }
    },
    on: (name, listener) => {
      if (typeof name !== 'string' || typeof listener !== 'function') {
        throw new TypeError('on(name, listener) takes an event name and a function.');
      }
      const set = listeners.get(name) ?? new Set();
      listeners.set(name, set);
      const wrapped = (payload: unknown) => (listener as (payload: unknown) => void)(payload);
      set.add(wrapped);
      return () => {
        set.delete(wrapped);
      };
    },
  };
}
