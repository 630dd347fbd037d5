/** The test page: starts the Worker and lets the test send it commands (`window.cacheCommand`). */
const worker = new Worker('./worker.js', { type: 'module' });
let nextId = 1;
const pending = new Map<number, (reply: unknown) => void>();
worker.onmessage = (event: MessageEvent<{ id: number }>) => {
  pending.get(event.data.id)?.(event.data);
  pending.delete(event.data.id);
};
(window as unknown as { cacheCommand: (command: unknown) => Promise<unknown> }).cacheCommand = (command) =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    worker.postMessage({ id, command });
  });
