import { describe, expect, it } from 'vitest';
import { ObservationSet } from '../../src/model/observation-set.js';
import { ObservationStore } from '../../src/model/observation-store.js';
import type { Observation } from '../../src/model/observation.js';

const baDinh = { unit: { kind: 'district' as const, code: '001' }, name: 'Ba Đình' };

function plain(month: number, value: number | null): Observation {
  return { unit: baDinh.unit, unitName: baDinh.name, indicator: 'jobs-created', part: null, year: 2026, month, value, plan: null, source: { file: 'form.xlsx', sheet: 'S', row: month, column: 'E', cell: `E${month}` } };
}

/** A list of two, a store of three, a list of one: handles 0–5 in that order. */
function mixed(): { set: ObservationSet; store: ObservationStore; first: Observation[] } {
  const first = [plain(1, 10), plain(2, 20)];
  const store = new ObservationStore('long.csv', null);
  for (const [month, value] of [[3, 30], [4, null], [5, 50]] as const) store.add(baDinh, baDinh.unit, baDinh.name, 'jobs-created', null, 2026, month, value, month === 5 ? '100' : null, month, 4, month === 5 ? 5 : null);
  const set = new ObservationSet();
  set.addList(first);
  set.addStore(store);
  set.push(plain(6, 60));
  return { set, store, first };
}

describe('figures in lists and stores, one after another, known by handles', () => {
  it('scans every figure in order with its handle; a store figure is read through one cursor', () => {
    const { set } = mixed();
    const seen: [number, number | null, number | null][] = [];
    const objects = new Set<Observation>();
    set.scan((o, handle) => {
      seen.push([handle, o.month, o.value]);
      objects.add(o);
    });
    expect(seen).toEqual([[0, 1, 10], [1, 2, 20], [2, 3, 30], [3, 4, null], [4, 5, 50], [5, 6, 60]]);
    expect(objects.size).toBe(4); // two list figures, the cursor, the last list figure
    expect(set.size).toBe(6);
  });

  it('reads a figure by handle without making it, and makes it (the same one each time) when kept', () => {
    const { set, first } = mixed();
    expect([0, 1, 2, 3, 4, 5].map((h) => set.valueAt(h))).toEqual([10, 20, 30, null, 50, 60]);
    expect([5, 2, 0, 4].map((h) => set.monthAt(h))).toEqual([6, 3, 1, 5]);
    expect(set.at(0)).toBe(first[0]);
    expect(set.at(4)).toBe(set.at(4));
    expect(set.at(4).plan).toBe('100');
    expect(set.sourceAt(2)).toEqual({ file: 'long.csv', sheet: null, row: 4, column: 'E', cell: 'E4' });
    expect(set.sourceAt(1)).toBe(first[1]!.source);
    expect(set.cumulativeAt(0)).toBe(false);
  });

  it('gives every figure as an object in order, and leaves out what the duplicates check dropped', () => {
    const { set } = mixed();
    expect(set.toArray().map((o) => o.month)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(set.dropInStore(2)).toBe(true);
    expect(set.dropInStore(0)).toBe(false); // a list's figure: its list is made again
    set.remakeLists((list) => list.filter((o) => o.month !== 1));
    expect(set.toArray().map((o) => o.month)).toEqual([2, 4, 5, 6]);
    // Handles follow the lists as they are now.
    expect(set.valueAt(0)).toBe(20);
    expect(set.valueAt(4)).toBe(60);
  });

  it('changes list figures only when mapped, and a set of one list gives that list back', () => {
    const { set } = mixed();
    const mapped = set.mapLists((o) => (o.month === 6 ? { ...o, value: 61 } : o));
    expect(mapped.toArray().map((o) => o.value)).toEqual([10, 20, 30, null, 50, 61]);
    const list = [plain(1, 1)];
    expect(ObservationSet.of(list).toArray()).toBe(list);
    expect(ObservationSet.of([]).toArray()).toEqual([]);
  });
});
