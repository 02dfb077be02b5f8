import { describe, expect, it } from 'vitest';
import { buildCard, buildCards } from '../../src/compute/card.js';
import type { ReportModel } from '../../src/compute/model.js';
import { finding } from '../../src/model/finding.js';
import { timeRatio } from '../helpers.js';
import { smallModel, wideModel } from '../render/models.js';

describe('every unit\'s card at once (the HTML report\'s)', () => {
  it('ranks each unit among its peers as one card at a time does: ties share a rank, lower is better for a rate that should fall', () => {
    const model = wideModel(200, 2);
    const cards = buildCards(model, ['10000', '10097', '10096', '10199']);
    // Values 0 (units 0, 97, 194), …, 96 (unit 96); lower is better: 0 ranks 1 of 200, 96 ranks 1 + every value below 96.
    expect(cards.map((c) => [c.district.code, c.indicators[0]!.value, c.indicators[0]!.rank, c.indicators[0]!.ranked])).toEqual([
      ['10000', 0, 1, 200],
      ['10097', 0, 1, 200],
      ['10096', 96, 199, 200],
      ['10199', 5, 16, 200],
    ]);
    expect(cards.map((c) => JSON.stringify(c))).toEqual(['10000', '10097', '10096', '10199'].map((code) => JSON.stringify(buildCard(model, code))));
  });

  it("gives a unit the findings that carry its code, and those without a code that name it, in the report's order", () => {
    const model = smallModel();
    const about = (message: string, district: string | null, unitCode: string | null) => ({ ...finding('warning', 'odd-value', message, {}, { district }), unitCode });
    model.issues = [about('first', 'Ba Đình', '001'), about('by name', 'Ba Đình', null), about('another unit', 'Hoàn Kiếm', '002'), about('same name, other code', 'Ba Đình', '00001'), about('last', null, '001'), about('no unit', null, null)];
    expect(buildCards(model, ['001', '002'])!.map((c) => c.issues.map((f) => f.message))).toEqual([['first', 'by name', 'last'], ['another unit']]);
  });

  it('costs linear in the units: 3,200 wards against 800, 24 indicators (made one card at a time it was quadratic)', () => {
    const small = wideModel(800, 24);
    const large = wideModel(3200, 24);
    const all = (model: ReportModel) => buildCards(model, model.districts.map((d) => d.code));
    // Linear is 4 (a little more: a sort and a binary search per unit); quadratic was 16.
    expect(timeRatio(all, small, large, 3)).toBeLessThan(8);
  });
});
