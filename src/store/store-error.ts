import type { Text } from '../model/text.ts';

/** A store that cannot be written or read as asked (not a junheng store, an unknown run, a run id taken): exit 2. */
export class StoreError extends Error {
  readonly text: Text;
  constructor(text: Text) {
    super(text.en);
    this.name = 'StoreError';
    this.text = text;
  }
}
