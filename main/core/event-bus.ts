/** The core's pushes to whichever shell hosts it, typed by the IPC contract's events. */
import type { EventName, EventPayloads } from '@shared/ipc/contract';
import type { EventListener } from './ipc/ipc-host';

export class EventBus {
  private readonly listeners = new Set<EventListener>();

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}
