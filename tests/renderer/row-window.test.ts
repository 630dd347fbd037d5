/**
 * The table's windowing as the store drives it, against a fake `requests.query` over an in-memory list:
 * which pages it asks for as the viewport moves, what it shows meanwhile, how live refreshes coalesce,
 * and that late answers never overwrite newer ones.
 */
import { describe, expect, it } from 'vitest';
import type { RequestPage, RequestRow } from '../../shared/ipc/views';
import { pagesForRange, RowWindow, type WindowQuery } from '../../renderer/src/store/row-window';
import { NOW, row } from './fixtures';

const QUERY: WindowQuery = {
  view: { type: 'all' },
  statuses: [],
  search: '',
  sort: { column: 'createdAt', direction: 'desc' },
};

/** A fake main process: answers when told to, and records what was asked. */
function fakeSource(initial: RequestRow[]) {
  let data = initial;
  const asked: { query: WindowQuery; offset: number; limit: number }[] = [];
  const waiting: (() => void)[] = [];
  let hold = false;
  const fetch = (query: WindowQuery, offset: number, limit: number): Promise<RequestPage> => {
    asked.push({ query, offset, limit });
    const matching = data.filter((r) => r.recipientName.includes(query.search));
    const answer = () => ({ rows: matching.slice(offset, offset + limit), total: matching.length, offset });
    if (!hold) return Promise.resolve(answer());
    // Held: the answer is computed when released, from the data as it is then.
    return new Promise((resolve) => waiting.push(() => resolve(answer())));
  };
  return {
    fetch,
    asked,
    set data(rows: RequestRow[]) {
      data = rows;
    },
    get data() {
      return data;
    },
    hold() {
      hold = true;
    },
    async release() {
      hold = false;
      for (const go of waiting.splice(0)) go();
      await settle();
    },
    releaseOne(index: number) {
      waiting.splice(index, 1)[0]!();
    },
    get waiting() {
      return waiting.length;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const rows = (n: number) => Array.from({ length: n }, () => row());

function windowOver(source: ReturnType<typeof fakeSource>, now = () => NOW) {
  let changes = 0;
  const window = new RowWindow(QUERY, source.fetch, () => changes++, {
    pageSize: 10,
    maxPages: 4,
    overscan: 5,
    now,
  });
  return { window, changes: () => changes };
}

describe('pagesForRange', () => {
  it('covers the rows on screen and the overscan, within the total', () => {
    expect(pagesForRange(0, 25, 10, 5, null)).toEqual([0, 1, 2]);
    expect(pagesForRange(40, 50, 10, 5, 1000)).toEqual([3, 4, 5]);
    expect(pagesForRange(0, 25, 10, 5, 12)).toEqual([0, 1]);
    expect(pagesForRange(0, 25, 10, 5, 0)).toEqual([]);
    expect(pagesForRange(0, 0, 100, 50, null)).toEqual([0]);
  });
});

describe('RowWindow', () => {
  it('fetches the pages around the screen once, and keeps the total for the scrollbar', async () => {
    const source = fakeSource(rows(1000));
    const { window } = windowOver(source);
    window.setRange(0, 12);
    await settle();
    expect(source.asked.map((a) => a.offset)).toEqual([0, 10]);
    expect(window.total).toBe(1000);
    expect(window.loaded).toBe(true);
    expect(window.rowAt(11)?.id).toBe(source.data[11]!.id);
    expect(window.rowAt(500)).toBeUndefined();

    // Moving within fetched pages asks for nothing new.
    window.setRange(2, 14);
    await settle();
    expect(source.asked).toHaveLength(2);

    // Jumping far (dragging the scrollbar) asks only for the pages there.
    window.setRange(500, 512);
    await settle();
    expect(source.asked.slice(2).map((a) => a.offset)).toEqual([40, 50, 60].map((o) => o + 450));
    expect(window.rowAt(505)?.id).toBe(source.data[505]!.id);
  });

  it('keeps at most maxPages, dropping those farthest from the screen', async () => {
    const source = fakeSource(rows(1000));
    const { window } = windowOver(source);
    for (const start of [0, 100, 200, 300, 400]) {
      window.setRange(start, start + 5);
      await settle();
    }
    expect(window.rowAt(401)).toBeDefined();
    expect(window.rowAt(1)).toBeUndefined();
  });

  it('shows the previous rows until a new query answers, then swaps at once', async () => {
    const source = fakeSource([...rows(30), row({ recipientName: 'Jordan Lee' })]);
    const { window } = windowOver(source);
    window.setRange(0, 10);
    await settle();
    const first = window.rowAt(0);

    source.hold();
    window.setQuery({ ...QUERY, search: 'Jordan' });
    expect(window.loaded).toBe(false);
    expect(window.rowAt(0)).toBe(first);
    expect(window.total).toBe(31);

    await source.release();
    expect(window.loaded).toBe(true);
    expect(window.total).toBe(1);
    expect(window.rowAt(0)?.recipientName).toBe('Jordan Lee');
    expect(source.asked.filter((a) => a.query.search === 'Jordan').map((a) => a.offset)).toContain(0);
  });

  it('asks only for the newest query set while reads were out, and drops their late answers', async () => {
    const source = fakeSource([
      row({ recipientName: 'Alpha' }),
      row({ recipientName: 'Beta' }),
      row({ recipientName: 'Bernard' }),
    ]);
    const { window } = windowOver(source);
    source.hold();
    window.setRange(0, 5);
    // Typed fast while the first read is out: "A", "B", "Be".
    window.setQuery({ ...QUERY, search: 'A' });
    window.setQuery({ ...QUERY, search: 'B' });
    window.setQuery({ ...QUERY, search: 'Be' });
    expect(source.asked.map((a) => a.query.search)).toEqual(['']);
    expect(window.loaded).toBe(false);

    await source.release();
    await settle();
    expect(source.asked.map((a) => a.query.search)).toEqual(['', 'Be']);
    expect(window.total).toBe(2);
    expect(window.rowAt(0)?.recipientName).toBe('Beta');
  });

  it('re-reads only the pages on screen after a change, at most one round at a time', async () => {
    const source = fakeSource(rows(1000));
    const { window } = windowOver(source);
    window.setRange(0, 5);
    window.setRange(300, 305);
    await settle();
    const before = source.asked.length;

    source.hold();
    window.refresh();
    window.refresh();
    window.refresh();
    // One round in flight: the page holding rows 300–305 only, not the one before it kept for scrolling.
    expect(source.asked.slice(before).map((a) => a.offset)).toEqual([300]);
    await source.release();
    // The refreshes asked for during the round ran as one more round.
    expect(source.asked.slice(before).map((a) => a.offset)).toEqual([300, 300]);

    // A stale page, near or far, is read again only when it comes on screen.
    window.setRange(296, 301);
    await settle();
    expect(source.asked.slice(before + 2).map((a) => a.offset)).toEqual([290]);
    window.setRange(0, 5);
    await settle();
    expect(source.asked.slice(before + 3).map((a) => a.offset)).toEqual([0]);
  });

  it('follows a live insert: new total, rows shifted, nothing blank meanwhile', async () => {
    const source = fakeSource(rows(20));
    const { window } = windowOver(source);
    window.setRange(0, 10);
    await settle();
    source.hold();
    const created = row({ recipientName: 'New one' });
    source.data = [created, ...source.data];
    window.refresh();
    // Until the answer, the old rows stay.
    expect(window.rowAt(0)?.id).not.toBe(created.id);
    await source.release();
    expect(window.total).toBe(21);
    expect(window.rowAt(0)?.id).toBe(created.id);
    expect(window.indexOf(created.id)).toBe(0);
  });

  it('remembers a status that changed while shown, for a brief highlight', async () => {
    let now = NOW;
    const source = fakeSource(rows(5));
    const { window } = windowOver(source, () => now);
    window.setRange(0, 5);
    await settle();
    const target = source.data[2]!;
    expect(window.flashedAt(target.id)).toBeUndefined();

    source.data = source.data.map((r) => (r.id === target.id ? { ...r, status: 'ready' } : r));
    window.refresh();
    await settle();
    expect(window.flashedAt(target.id)).toBe(NOW);
    expect(window.flashedAt(source.data[1]!.id)).toBeUndefined();
    now += 5_000;
    expect(window.flashedAt(target.id)).toBeUndefined();
  });

  it('reports a failed read and recovers on the next one', async () => {
    const LOCKED = { code: 'internal', message: 'The cache is locked.' };
    let fail = true;
    const source = fakeSource(rows(5));
    const window = new RowWindow(
      QUERY,
      (q, o, l) => (fail ? Promise.resolve({ failed: LOCKED }) : source.fetch(q, o, l)),
      () => undefined,
      { pageSize: 10 },
    );
    window.setRange(0, 5);
    await settle();
    expect(window.error).toEqual(LOCKED);
    fail = false;
    window.refresh();
    await settle();
    expect(window.error).toBeNull();
    expect(window.total).toBe(5);
  });

  it('an empty result still learns a new total on refresh', async () => {
    const source = fakeSource([]);
    const { window } = windowOver(source);
    window.setRange(0, 10);
    await settle();
    expect(window.total).toBe(0);
    source.data = rows(3);
    window.refresh();
    await settle();
    expect(window.total).toBe(3);
  });
});
