/** The request's ticket as the details show and edit it: its label, and the form turned into the input. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../shared/ipc/contract';
import { translator } from '../../shared/i18n/translator';
import {
  buildTicket,
  EMPTY_TICKET,
  isBlankTicket,
  sameTicket,
  ticketForm,
  ticketLabel,
} from '../../renderer/src/domain/ticket';

const en = translator('en');
const de = translator('de');
const REF = { system: 'freshservice', id: 'INC-1042', url: 'https://help.acme.example/tickets/1042' };

it('labels a ticket by its system and id', () => {
  expect(ticketLabel(REF)).toBe('freshservice INC-1042');
});

describe('the ticket form', () => {
  it('starts from the request’s ticket, or empty', () => {
    expect(ticketForm(REF)).toEqual(REF);
    expect(ticketForm({ ...REF, url: null })).toEqual({ ...REF, url: '' });
    expect(ticketForm(null)).toEqual(EMPTY_TICKET);
    expect(isBlankTicket({ system: ' ', id: '', url: '  ' })).toBe(true);
  });

  it('turns a blank form into null (no ticket, or clearing it) and a filled one into the input', () => {
    expect(buildTicket(en, EMPTY_TICKET)).toEqual({ ok: true, ref: null });
    const built = buildTicket(en, { system: ' ServiceNow', id: ' INC0010042 ', url: '' });
    expect(built).toEqual({ ok: true, ref: { system: 'servicenow', id: 'INC0010042', url: null } });
    if (!built.ok) return;
    // What the main side will accept.
    const input = { requestId: '5e1f0c2a-0000-4000-8000-000000000001', externalRef: built.ref };
    expect(COMMANDS['requests.setTicket'].safeParse(input).success).toBe(true);
  });

  it('says what is wrong beside each field, in the reader’s language', () => {
    const form = { system: 'fresh service', id: '', url: 'ftp://files.example/1042' };
    const built = buildTicket(en, form);
    expect(built.ok).toBe(false);
    if (built.ok) return;
    expect(Object.keys(built.errors).sort()).toEqual(['id', 'system', 'url']);
    expect(built.errors.id).toBe('Fill in this field.');
    const german = buildTicket(de, form);
    expect(german.ok).toBe(false);
    if (!german.ok) expect(german.errors.id).not.toBe(built.errors.id);
    // Only http and https addresses: nothing a browser would run or a shell would hand elsewhere.
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'rustdesk://123']) {
      expect(buildTicket(en, { ...REF, url }).ok, url).toBe(false);
    }
    expect(buildTicket(en, { ...REF, url: 'http://tickets.lan/1042' }).ok).toBe(true);
  });

  it('knows when saving would change nothing', () => {
    expect(sameTicket({ ...REF }, REF)).toBe(true);
    expect(sameTicket({ ...REF, url: null }, REF)).toBe(false);
    expect(sameTicket(null, null)).toBe(true);
    expect(sameTicket(null, undefined)).toBe(true);
    expect(sameTicket(null, REF)).toBe(false);
    expect(sameTicket(REF, null)).toBe(false);
  });
});
