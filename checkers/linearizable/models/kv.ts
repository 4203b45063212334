import type { LinOp } from '../lin-op.js';
import { ILLEGAL, type Illegal, type Model } from '../model.js';
import { TransitionMemo } from '../interner.js';
import { AppendTrie } from './append-trie.js';

/**
 * A string register per key (checked per key, or wrapped by keyedModel for a whole map):
 * `get` returns the string, `put` sets it, `append` concatenates. An unset key reads as "" (the
 * convention of Porcupine's kv histories), unless --initial gives another string. States are
 * nodes of an append trie, so an append costs O(1) however long the string grows.
 */
export function kvModel(): Model<number> {
  const trie = new AppendTrie();
  const children = new TransitionMemo();
  const argOf: number[] = [];
  const text = (v: unknown): string => (typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v));
  const arg = (op: LinOp, v: unknown): number => {
    let id = argOf[op.id];
    if (id === undefined) {
      id = trie.value(text(v));
      argOf[op.id] = id;
    }
    return id;
  };
  const child = (node: number, value: number): number => {
    let to = children.get(node, value);
    if (to === undefined) {
      to = trie.child(node, value);
      children.set(node, value, to);
    }
    return to;
  };
  return {
    name: 'kv',
    init: (initial) => (typeof initial === 'string' && initial !== '' ? trie.child(AppendTrie.ROOT, trie.value(initial)) : AppendTrie.ROOT),
    step(state, op): number | Illegal {
      switch (op.f) {
        case 'get':
          return op.output === undefined || trie.matches(state, arg(op, op.output)) ? state : ILLEGAL;
        case 'put':
          return child(AppendTrie.ROOT, arg(op, op.input));
        case 'append':
          return child(state, arg(op, op.input));
        default:
          return ILLEGAL;
      }
    },
    isNoop: (op) => op.f === 'get' && (op.status === 'info' || op.output === undefined),
    effectKey: (op) => (op.f === 'put' || op.f === 'append' ? JSON.stringify([op.f, text(op.input)]) : undefined),
    describeState: (s) => JSON.stringify(trie.text(s)),
  };
}

export const KV_FS = ['get', 'put', 'append'] as const;
