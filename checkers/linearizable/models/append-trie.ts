/**
 * Strings built by appends, as a trie: node = parent + value. Each node keeps its length and a
 * polynomial hash, so most comparisons with an observed string end in O(1); equal length and hash
 * are confirmed on the text itself. The same text reached by two paths gets two nodes, which only
 * costs memoization, never correctness.
 */
export class AppendTrie {
  static readonly ROOT = 0;
  private readonly parent: number[] = [-1];
  private readonly appended: number[] = [-1];
  private readonly len: number[] = [0];
  private readonly hash: number[] = [0];
  private readonly texts: (string | undefined)[] = [''];
  private readonly values: string[] = [];
  private readonly valueLen: number[] = [];
  private readonly valueHash: number[] = [];
  private readonly valuePow: number[] = [];
  private readonly valueIds = new Map<string, number>();

  /** The id of a string used as an argument or an observed result. */
  value(s: string): number {
    let id = this.valueIds.get(s);
    if (id === undefined) {
      id = this.values.length;
      let h = 0;
      let pow = 1;
      for (let i = 0; i < s.length; i++) {
        h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
        pow = Math.imul(pow, 31);
      }
      this.valueIds.set(s, id);
      this.values.push(s);
      this.valueLen.push(s.length);
      this.valueHash.push(h);
      this.valuePow.push(pow);
    }
    return id;
  }

  /** A new node: `node`'s text followed by value `v`. */
  child(node: number, v: number): number {
    const id = this.parent.length;
    this.parent.push(node);
    this.appended.push(v);
    this.len.push((this.len[node] as number) + (this.valueLen[v] as number));
    this.hash.push((Math.imul(this.hash[node] as number, this.valuePow[v] as number) + (this.valueHash[v] as number)) | 0);
    this.texts.push(undefined);
    return id;
  }

  /** Whether node's text equals value `v`. */
  matches(node: number, v: number): boolean {
    return this.len[node] === this.valueLen[v] && this.hash[node] === this.valueHash[v] && this.text(node) === this.values[v];
  }

  text(node: number): string {
    const known = this.texts[node];
    if (known !== undefined) return known;
    // Iterative: a trie of a long history is deeper than the call stack.
    const path: number[] = [];
    let n = node;
    while (this.texts[n] === undefined) {
      path.push(n);
      n = this.parent[n] as number;
    }
    let t = this.texts[n] as string;
    for (let i = path.length - 1; i >= 0; i--) {
      const m = path[i] as number;
      t += this.values[this.appended[m] as number] as string;
      this.texts[m] = t;
    }
    return t;
  }
}
