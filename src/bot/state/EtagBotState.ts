import { BotState } from 'botbuilder';
import type { Storage, StoreItem, TurnContext } from 'botbuilder';

/**
 * BotState that saves with the eTag it read (If-Match), where botbuilder's BotState always saves with
 * `*` and the last writer wins. A state that was not in storage is saved without an eTag, which
 * BlobStateStorage creates only if nobody created it meanwhile (If-None-Match: *). A write that lost
 * either race throws StateConflictError (see isEtagConflict); the caller runs the turn again on fresh
 * state.
 */
export class EtagBotState extends BotState {
  private readonly loadedKey = Symbol('loaded');

  constructor(
    private readonly store: Storage,
    private readonly keyOf: (context: TurnContext) => string,
  ) {
    super(store, (context) => Promise.resolve(keyOf(context)));
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    const fresh = force || !context.turnState.has(this.loadedKey);
    const state: StoreItem = (await super.load(context, force)) as StoreItem;
    if (fresh) context.turnState.set(this.loadedKey, this.snapshot(context));
    return state;
  }

  /** True when the state was not in storage when this turn read it. */
  isNew(context: TurnContext): boolean {
    return !this.current(context)?.eTag;
  }

  /** The state's content (eTag left out) as JSON: what a save would write. */
  snapshot(context: TurnContext): string {
    const { eTag: _eTag, ...content } = this.current(context) ?? {};
    return JSON.stringify(content);
  }

  /** Replaces the state's content with an earlier snapshot (kept eTag: the save stays conditional). */
  restore(context: TurnContext, snapshot: string): void {
    const state = this.current(context);
    if (!state) return;
    for (const key of Object.keys(state)) if (key !== 'eTag') delete state[key];
    Object.assign(state, JSON.parse(snapshot) as StoreItem);
  }

  /** Writes the state if it changed since it was read, on condition that nobody wrote it meanwhile. */
  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    const state = this.current(context);
    if (!state) return;
    const content = this.snapshot(context);
    if (!force && content === context.turnState.get(this.loadedKey)) return;
    const item = JSON.parse(content) as StoreItem;
    if (typeof state.eTag === 'string' && state.eTag) item.eTag = state.eTag;
    await this.store.write({ [this.keyOf(context)]: item });
    if (typeof item.eTag === 'string') state.eTag = item.eTag;
    context.turnState.set(this.loadedKey, content);
  }

  private current(context: TurnContext): StoreItem | undefined {
    return this.get(context) as StoreItem | undefined;
  }
}
