/**
 * What the agent does to requests: the actions that go to the service, Connect and End session,
 * copying, notes and dismissing a refused offline create. Each says how it went in a toast; the live `requests` event
 * that follows updates the row.
 */
import type { CommandOutput, RequestActionInput } from '@shared/ipc/contract';
import type { DirectoryView } from '@shared/ipc/views';
import { channelLabel } from '../domain/people';
import { errorWords, message, type Words } from '../i18n/words';
import type { AppState } from './app-state';

type Set = (partial: Partial<AppState>) => void;
type Get = () => AppState;

/** What a toast says after an action succeeded: the names as the directory had them then. */
function doneMessage(action: RequestActionInput, directory: DirectoryView): Words {
  const agentName = (id: string) => directory.agents.find((a) => a.id === id)?.name ?? id;
  switch (action.type) {
    case 'assign':
      return message('actions.done.assign', { name: agentName(action.agentId) });
    case 'transfer': {
      const channel = directory.channels.find((c) => c.id === action.channelId);
      return (t) =>
        t.t('actions.done.transfer', {
          name: action.agentId
            ? agentName(action.agentId)
            : channel
              ? channelLabel(t, channel)
              : (action.channelId ?? ''),
        });
    }
    case 'invite':
      return (t) => t.t('actions.done.invite', { names: t.formatList(action.agentIds.map(agentName)) });
    case 'release':
      return message('actions.done.release');
    case 'pickup':
      return message('actions.done.pickup');
    case 'rerequest':
      return message('actions.done.rerequest');
    case 'close':
      return message('actions.done.close');
    case 'resend':
      return message('actions.done.resend');
    case 'sms_invitation':
      return message('actions.done.smsInvitation');
    case 'delete':
      return message('actions.done.delete');
    case 'leave':
      return message('actions.done.leave');
    case 'end':
      return message('actions.done.end');
  }
}

/** What a toast says after Connect: started, opened by its link, or opened again. */
function connectedMessage(launched: CommandOutput<'requests.connect'>): Words {
  const { client } = launched;
  if (launched.again) return message('actions.done.connectAgain', { client });
  return launched.launched === 'uri'
    ? message('actions.done.connectLink', { client })
    : message('actions.done.connect', { client });
}

export function requestActions(set: Set, get: Get, clipboard: (text: string) => Promise<void>) {
  return {
    async act(rowId, action) {
      const result = await get().call('requests.act', { requestId: rowId, action });
      if (!result.ok) {
        get().toast({ tone: 'error', title: errorWords(result.error) });
        return false;
      }
      get().toast({ tone: 'info', title: doneMessage(action, get().directory) });
      if (action.type === 'delete' && get().detailsId === rowId) get().closeDetails();
      return true;
    },

    async connect(rowId) {
      if (get().connecting.has(rowId)) return;
      set({ connecting: new Set([...get().connecting, rowId]) });
      try {
        const result = await get().call('requests.connect', { requestId: rowId });
        if (result.ok) get().toast({ tone: 'info', title: connectedMessage(result.value) });
        else get().toast({ tone: 'error', title: errorWords(result.error) });
      } finally {
        const next = new Set(get().connecting);
        next.delete(rowId);
        set({ connecting: next });
      }
    },

    async endSession(rowId) {
      const result = await get().call('requests.disconnect', { requestId: rowId });
      if (!result.ok) {
        get().toast({ tone: 'error', title: errorWords(result.error) });
        return;
      }
      const running = result.value;
      get().toast({
        tone: 'info',
        title:
          running === null
            ? message('actions.done.endSession')
            : running.kind === 'process'
              ? message('actions.done.endSessionStillOpen', { client: running.client })
              : message('actions.done.endSessionLink', { client: running.client }),
      });
    },

    async copy(text, done) {
      try {
        await clipboard(text);
        get().toast({ tone: 'info', title: done });
      } catch {
        get().toast({ tone: 'error', title: message('actions.copyFailed') });
      }
    },

    async dismissPending(outboxId) {
      const result = await get().call('outbox.discard', { outboxId });
      if (!result.ok) get().toast({ tone: 'error', title: errorWords(result.error) });
    },

    async addNote(requestId, text) {
      return get().call('requests.addNote', { requestId, text });
    },

    async join(code) {
      const result = await get().call('requests.join', { sessionCode: code });
      if (result.ok) {
        get().toast({ tone: 'info', title: message('actions.done.join') });
        get().openDetails(result.value.id);
      }
      return result;
    },
  } satisfies Partial<AppState>;
}
