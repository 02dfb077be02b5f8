import { describe, expect, it } from 'vitest';
import { renderReviewCsv, renderReviewCsvPieces } from '../../src/render/review/csv.js';
import type { ReviewModel } from '../../src/review/model.js';
import { reviewOf } from './helpers.js';

describe('the review CSV as pieces (a national review: 315,591 rows)', () => {
  it('the same text, a line a piece, and each indicator\'s unit series made only when its rows are written', async () => {
    const model = await reviewOf(['fixtures/review']);
    const text = renderReviewCsv(model, { lang: 'vi' });

    // Count when each indicator's unit series are asked for, against the lines written so far.
    const asked: { indicator: string; linesBefore: number }[] = [];
    let lines = 0;
    const watched: ReviewModel = {
      ...model,
      indicators: model.indicators.map((ind) => ({
        ...ind,
        city: ind.city,
        get units() {
          asked.push({ indicator: ind.id, linesBefore: lines });
          return ind.units;
        },
      })),
    };
    const pieces: string[] = [];
    for (const piece of renderReviewCsvPieces(watched, { lang: 'vi' })) {
      pieces.push(piece);
      lines++;
    }
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.endsWith('\r\n'))).toBe(true);
    expect(pieces.length).toBe(text.split('\r\n').length - 1);
    // Once per indicator, in order, each after the lines of the indicators before it: nothing asked ahead, nothing twice.
    expect(asked.map((a) => a.indicator)).toEqual(model.indicators.map((i) => i.id));
    const firstLineOf = (id: string) => pieces.findIndex((p) => p.startsWith(`${id},`));
    for (const a of asked) expect(a.linesBefore).toBe(firstLineOf(a.indicator));
  });
});
