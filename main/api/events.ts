// Change events published after a write commits; /api/events fans them out to
// every connected workstation.
import { EventEmitter } from 'node:events';
import type { ChangeEvent } from '../../shared/api';

export class ChangeFeed {
  private readonly emitter = new EventEmitter();
  private seq = 0;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(entity: string, id: number | null, op: string): ChangeEvent {
    const event: ChangeEvent = { type: 'changed', entity, id, op, seq: ++this.seq };
    this.emitter.emit('change', event);
    return event;
  }

  get lastSeq(): number {
    return this.seq;
  }

  subscribe(listener: (e: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }
}
