// The core's text against @vscode/l10n for values the types let through untyped data (JSON), while no translation is configured.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { t } from '../../../src/shopify/common/text';

describe('core text edges (common/text.ts)', () => {
  test('a null value, as untyped JSON can bring, leaves its hole as written, as @vscode/l10n does', () => {
    const missing = null as unknown as string;
    assert.equal(t('Store {0} answered {1}.', 'shop-one', missing), 'Store shop-one answered {1}.');
    assert.equal(t('Store {0} answered {1}.', 'shop-one', missing), l10n.t('Store {0} answered {1}.', 'shop-one', missing));
    const commented = { message: 'Part {n} of {total}', comment: 'x', args: { n: 1, total: missing } };
    assert.equal(t(commented), 'Part 1 of {total}');
    assert.equal(t(commented), l10n.t(commented));
  });

  test('a commented message given an empty list of values is its template as written, as @vscode/l10n gives it', () => {
    // l10n.t formats nothing when there are no values; filling would look "{length}" or "{constructor}" up on [] or {}.
    for (const args of [[], {}]) {
      const message = { message: '{length} left of {0}, made by {constructor}', comment: 'x', args };
      assert.equal(t(message), '{length} left of {0}, made by {constructor}');
      assert.equal(t(message), l10n.t(message));
    }
    const unfilled = { message: 'Part {0} of {n}', comment: 'x' };
    assert.equal(t(unfilled), l10n.t(unfilled));
  });

  test('a commented message whose values are null (untyped JSON) is its template as written, not an exception', () => {
    const message = { message: 'Part {0} of {n}', comment: 'x', args: null as unknown as [] };
    assert.equal(t(message), 'Part {0} of {n}');
    assert.equal(t(message), l10n.t(message));
  });
});
