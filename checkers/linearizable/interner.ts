/**
 * Gives each distinct string a small integer, so that structured states (a set, a map of keys)
 * become numbers the search compares with `===`. A memo: ids depend only on first-seen order.
 */
export class Interner<T> {
  private readonly ids = new Map<string, number>();
  readonly values: T[] = [];

  /** The id of `value`, whose canonical text is `key`. */
  id(key: string, value: T): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(key, id);
      this.values.push(value);
    }
    return id;
  }

  value(id: number): T {
    return this.values[id] as T;
  }
}

/** A memo of transitions keyed by two small integers (a state id and an op or value id). */
export class TransitionMemo {
  private readonly map = new Map<number, number>();

  get(a: number, b: number): number | undefined {
    return b < 0x200000 ? this.map.get(a * 0x200000 + b) : undefined;
  }

  set(a: number, b: number, to: number): void {
    if (b < 0x200000) this.map.set(a * 0x200000 + b, to);
  }
}
