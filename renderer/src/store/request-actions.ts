/**
 * What the agent does to requests: the actions that go to the service, Connect and End session,
 * copying, notes and dismissing a refused offline create. Each says how it went in a toast; the live `requests` event
 * that follows updates the row.
 */
import type { CommandOutput, RequestActionInput } from '@shared/ipc/contract';
import { STRINGS } from '../strings';
import type { AppState } from './app-state';

type Set = (partial: Partial<AppState>) => void;
type Get = () => AppState;

/** What a toast says after an action succeeded. */
function doneMessage(action: RequestActionInput, get: Get): string {
  const agentName = (id: string) => get().directory.agents.find((a) => a.id === id)?.name ?? id;
  const channelName = (id: string) => get().directory.channels.find((c) => c.id === id)?.name ?? id;
  const done = STRINGS.actions.done;
  switch (action.type) {
    case 'assign':
      return done.assign(agentName(action.agentId));
    case 'transfer':
      return done.transfer(action.agentId ? agentName(action.agentId) : channelName(action.channelId ?? ''));
    case 'invite':
      return done.invite(STRINGS.timeline.list(action.agentIds.map(agentName)));
    case 'release':
      return done.release;
    case 'pickup':
      return done.pickup;
    case 'rerequest':
      return done.rerequest;
    case 'close':
      return done.close;
    case 'resend':
      return done.resend;
    case 'delete':
      return done.delete;
    case 'leave':
      return done.leave;
    case 'end':
      return done.end;
  }
}

/** What a toast says after Connect: started, opened by its link, or opened again. */
function connectedMessage(launched: CommandOutput<'requests.connect'>): string {
  const done = STRINGS.actions.done;
  if (launched.again) return done.connectAgain(launched.client);
  return launched.launched === 'uri' ? done.connectLink(launched.client) : done.connect(launched.client);
}

export function requestActions(set: Set, get: Get, clipboard: (text: string) => Promise<void>) {
  return {
    async act(rowId, action) {
      const result = await get().call('requests.act', { requestId: rowId, action });
      if (!result.ok) {
        get().toast({ tone: 'error', title: result.error.message });
        return false;
      }
      get().toast({ tone: 'info', title: doneMessage(action, get) });
      if (action.type === 'delete' && get().detailsId === rowId) get().closeDetails();
      return true;
    },

    async connect(rowId) {
      if (get().connecting.has(rowId)) return;
      set({ connecting: new Set([...get().connecting, rowId]) });
      try {
        const result = await get().call('requests.connect', { requestId: rowId });
        if (result.ok) get().toast({ tone: 'info', title: connectedMessage(result.value) });
        else get().toast({ tone: 'error', title: result.error.message });
      } finally {
        const next = new Set(get().connecting);
        next.delete(rowId);
        set({ connecting: next });
      }
    },

    async endSession(rowId) {
      const result = await get().call('requests.disconnect', { requestId: rowId });
      if (!result.ok) {
        get().toast({ tone: 'error', title: result.error.message });
        return;
      }
      const done = STRINGS.actions.done;
      const running = result.value;
      get().toast({
        tone: 'info',
        title:
          running === null
            ? done.endSession
            : running.kind === 'process'
              ? done.endSessionStillOpen(running.client)
              : done.endSessionLink(running.client),
      });
    },

    async copy(text, done) {
      try {
        await clipboard(text);
        get().toast({ tone: 'info', title: done });
      } catch {
        get().toast({ tone: 'error', title: STRINGS.actions.copyFailed });
      }
    },

    async dismissPending(outboxId) {
      const result = await get().call('outbox.discard', { outboxId });
      if (!result.ok) get().toast({ tone: 'error', title: result.error.message });
    },

    async addNote(requestId, text) {
      return get().call('requests.addNote', { requestId, text });
    },

    async join(code) {
      const result = await get().call('requests.join', { sessionCode: code });
      if (result.ok) {
        get().toast({ tone: 'info', title: STRINGS.actions.done.join });
        get().openDetails(result.value.id);
      }
      return result;
    },
  } satisfies Partial<AppState>;
}
