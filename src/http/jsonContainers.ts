/** One object or array inside a parsed JSON document. */
export interface JsonContainer {
  value: object;
  /** 1 for the document itself, 2 for the objects and arrays it holds directly, and so on. */
  level: number;
  /** The keys (array indexes as strings) from the document down to this container. */
  path(): string[];
}

interface Entry {
  value: object;
  level: number;
  key?: string;
  parent?: Entry;
}

/**
 * Every object and array of a parsed JSON document, the document first, depth first in document
 * order. A loop over an explicit stack, not recursion: any depth is safe to walk (stop when you like).
 */
export function* jsonContainers(document: unknown): Generator<JsonContainer> {
  if (!isContainer(document)) return;
  const stack: Entry[] = [{ value: document, level: 1 }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const current = entry;
    yield { value: current.value, level: current.level, path: () => pathOf(current) };
    const children = Object.entries(current.value);
    for (let index = children.length - 1; index >= 0; index -= 1) {
      const [key, value] = children[index] ?? [];
      if (key !== undefined && isContainer(value)) {
        stack.push({ value, level: current.level + 1, key, parent: current });
      }
    }
  }
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function pathOf(entry: Entry): string[] {
  const path: string[] = [];
  for (let at: Entry | undefined = entry; at?.key !== undefined; at = at.parent) path.push(at.key);
  return path.reverse();
}
