import type { Location } from './finding.js';
import type { Observation } from './observation.js';
import type { ObservationStore, StoredObservation } from './observation-store.js';

/**
 * The figures normalise found, in the order it found them: lists of observations (a form's few hundred) and
 * stores of columns (a long export's million, model/observation-store.ts) one after another.
 *
 * A figure is known by its handle, its number in that order. The passes over every figure (the duplicates
 * check, the year's fold) read a store's figures through one moving cursor and keep handles, not objects:
 * a million figures then make no object each. A figure something keeps is made with `at(handle)`.
 *
 * `toArray()` gives the plain array every other stage takes.
 */
export class ObservationSet<T extends Observation = Observation> {
  private readonly segments: Segment<T>[] = [];
  private count = 0;
  /** The segment the last handle was found in: handles are asked for in runs. */
  private last = 0;

  /** A set of one list: the list itself, not a copy. */
  static of<T extends Observation>(list: T[]): ObservationSet<T> {
    const set = new ObservationSet<T>();
    set.addList(list);
    return set;
  }

  /** How many handles there are (a store's dropped figures keep theirs). */
  get size(): number {
    return this.count;
  }

  /** A list of figures after the ones already held: kept as it is, and extended by push. */
  addList(list: T[]): void {
    if (!list.length) return;
    const tail = this.segments[this.segments.length - 1];
    if (tail && tail.list) {
      for (const o of list) tail.list.push(o);
    } else {
      this.segments.push({ start: this.count, list, store: null, cursor: null });
    }
    this.count += list.length;
  }

  push(o: T): void {
    const tail = this.segments[this.segments.length - 1];
    if (tail && tail.list) tail.list.push(o);
    else this.segments.push({ start: this.count, list: [o], store: null, cursor: null });
    this.count++;
  }

  addStore(store: ObservationStore): void {
    if (!store.size) return;
    this.segments.push({ start: this.count, list: null, store, cursor: store.cursor() });
    this.count += store.size;
  }

  /** The one store the set holds, when it holds nothing else (a long export read alone). */
  get onlyStore(): ObservationStore | null {
    return this.segments.length === 1 ? this.segments[0]!.store : null;
  }


  /**
   * Every figure (but a store's dropped ones) in order, with its handle. A store's figure is its cursor: read
   * it during the call, keep `at(handle)` if it is to be kept.
   */
  scan(visit: (o: T, handle: number) => void): void {
    for (const seg of this.segments) {
      if (seg.list) {
        const list = seg.list;
        for (let i = 0; i < list.length; i++) visit(list[i]!, seg.start + i);
        continue;
      }
      const store = seg.store!;
      const cursor = seg.cursor!;
      for (let i = 0, n = store.size; i < n; i++) {
        if (store.isDropped(i)) continue;
        cursor.moveTo(i);
        visit(cursor as unknown as T, seg.start + i);
      }
    }
  }

  /**
   * Segment by segment, in order: a list with the handle of its first figure, or a store with its own (a pass
   * that reads a store's columns itself rather than through the cursor).
   */
  segmentsInOrder(visitList: (list: readonly T[], start: number) => void, visitStore: (store: ObservationStore, start: number) => void): void {
    for (const seg of this.segments) {
      if (seg.list) visitList(seg.list, seg.start);
      else visitStore(seg.store!, seg.start);
    }
  }

  /** The figure of a handle, as an object to keep (a store's: its view, the same one each time). */
  at(handle: number): T {
    const seg = this.segmentOf(handle);
    const i = handle - seg.start;
    return seg.list ? seg.list[i]! : (seg.store!.view(i) as unknown as T);
  }

  valueAt(handle: number): number | null {
    const seg = this.segmentOf(handle);
    const i = handle - seg.start;
    return seg.list ? seg.list[i]!.value : seg.store!.valueOf(i);
  }

  monthAt(handle: number): number | null {
    const seg = this.segmentOf(handle);
    const i = handle - seg.start;
    return seg.list ? seg.list[i]!.month : seg.store!.monthOf(i);
  }

  /** Whether a handle's figure is a year-to-date ("Lũy kế") one: a monthly file's flag; a store's figures have none. */
  cumulativeAt(handle: number): boolean {
    const seg = this.segmentOf(handle);
    return seg.list ? (seg.list[handle - seg.start] as { cumulative?: boolean }).cumulative === true : false;
  }

  /** The place of a handle's figure: a list figure's own, a store figure's made anew (no view is kept for it). */
  sourceAt(handle: number): Location {
    const seg = this.segmentOf(handle);
    const i = handle - seg.start;
    return seg.list ? seg.list[i]!.source : seg.store!.placeOf(i);
  }

  /** A duplicate's copy: a store marks it (or keeps it for its plan); a list's is replaced in `dropFromLists`. */
  dropInStore(handle: number): boolean {
    const seg = this.segmentOf(handle);
    if (!seg.store) return false;
    seg.store.drop(handle - seg.start);
    return true;
  }

  /** Each list made again by `remake` (the duplicates check's drops); stores are left as they are. */
  remakeLists(remake: (list: T[]) => T[]): void {
    let start = 0;
    for (const seg of this.segments) {
      seg.start = start;
      if (seg.list) seg.list = remake(seg.list);
      start += seg.list ? seg.list.length : seg.store!.size;
    }
    this.count = start;
  }

  /** Each list's figures changed by `change` (the same object when it returns it); stores are left as they are. */
  mapLists(change: (o: T) => T): ObservationSet<T> {
    const out = new ObservationSet<T>();
    for (const seg of this.segments) {
      if (seg.list) out.addList(seg.list.map(change));
      else out.addStore(seg.store!);
    }
    return out;
  }

  /** Every figure as an object, in order; a set of one list gives that list. */
  toArray(): T[] {
    if (this.segments.length === 1 && this.segments[0]!.list) return this.segments[0]!.list;
    const out: T[] = [];
    for (const seg of this.segments) {
      if (seg.list) for (const o of seg.list) out.push(o);
      else for (const o of seg.store!.toArray()) out.push(o as unknown as T);
    }
    return out;
  }

  private segmentOf(handle: number): Segment<T> {
    const segs = this.segments;
    let s = segs[this.last];
    if (s && handle >= s.start && handle < s.start + lengthOf(s)) return s;
    let lo = 0;
    let hi = segs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (segs[mid]!.start <= handle) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo;
    s = segs[lo]!;
    return s;
  }
}

interface Segment<T> {
  start: number;
  list: T[] | null;
  store: ObservationStore | null;
  cursor: StoredObservation | null;
}

function lengthOf<T>(s: Segment<T>): number {
  return s.list ? s.list.length : s.store!.size;
}
