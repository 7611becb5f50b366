/** One object or array inside a parsed JSON document. */
export interface JsonContainer {
  readonly value: object;
  /** 1 for the document itself, 2 for the objects and arrays it holds directly, and so on. */
  readonly level: number;
  /** Its key (an array index as a string) in the container that holds it; none for the document. */
  readonly key?: string;
  readonly parent?: JsonContainer;
}

/**
 * Every object and array of a parsed JSON document, the document first, depth first in document
 * order. A loop over an explicit stack, not recursion: every depth is safe to walk (stop when you like).
 * `jsonPath` gives a container's path.
 */
export function* jsonContainers(document: unknown): Generator<JsonContainer> {
  if (!isContainer(document)) return;
  const stack: JsonContainer[] = [{ value: document, level: 1 }];
  for (let current = stack.pop(); current; current = stack.pop()) {
    yield current;
    const level = current.level + 1;
    // Pushed last to first, so that they come off the stack in document order.
    if (Array.isArray(current.value)) {
      const items: unknown[] = current.value;
      for (let index = items.length - 1; index >= 0; index -= 1) {
        const value = items[index];
        if (isContainer(value)) stack.push({ value, level, key: String(index), parent: current });
      }
    } else {
      const fields = current.value as Record<string, unknown>;
      const keys = Object.keys(fields);
      for (let index = keys.length - 1; index >= 0; index -= 1) {
        const key = keys[index] ?? '';
        const value = fields[key];
        if (isContainer(value)) stack.push({ value, level, key, parent: current });
      }
    }
  }
}

/** The keys from the document down to this container. */
export function jsonPath(container: JsonContainer): string[] {
  const path: string[] = [];
  for (let at: JsonContainer | undefined = container; at?.key !== undefined; at = at.parent)
    path.push(at.key);
  return path.reverse();
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}
