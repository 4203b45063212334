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

/**
 * A memo of transitions keyed by two non-negative 32-bit integers (a state id and an op or value
 * id): open addressing over typed arrays, several times faster than a Map with number keys.
 */
export class TransitionMemo {
  private keysA = new Int32Array(1024).fill(-1);
  private keysB = new Int32Array(1024);
  private values = new Int32Array(1024);
  private size = 0;

  get(a: number, b: number): number | undefined {
    const mask = this.keysA.length - 1;
    for (let i = slot(a, b) & mask; ; i = (i + 1) & mask) {
      const k = this.keysA[i] as number;
      if (k === -1) return undefined;
      if (k === a && this.keysB[i] === b) return this.values[i];
    }
  }

  set(a: number, b: number, to: number): void {
    if (2 * (this.size + 1) > this.keysA.length) this.grow();
    const mask = this.keysA.length - 1;
    let i = slot(a, b) & mask;
    while (this.keysA[i] !== -1 && !(this.keysA[i] === a && this.keysB[i] === b)) i = (i + 1) & mask;
    if (this.keysA[i] === -1) this.size++;
    this.keysA[i] = a;
    this.keysB[i] = b;
    this.values[i] = to;
  }

  private grow(): void {
    const { keysA, keysB, values } = this;
    this.keysA = new Int32Array(keysA.length * 2).fill(-1);
    this.keysB = new Int32Array(keysA.length * 2);
    this.values = new Int32Array(keysA.length * 2);
    this.size = 0;
    for (let i = 0; i < keysA.length; i++) if (keysA[i] !== -1) this.set(keysA[i] as number, keysB[i] as number, values[i] as number);
  }
}

function slot(a: number, b: number): number {
  const h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  return h ^ (h >>> 15);
}
