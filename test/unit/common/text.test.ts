// The core's text: what @vscode/l10n gives, without its cost per message until a translation is configured.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as l10n from '@vscode/l10n';
import { perLanguage, t, useTranslations } from '../../../src/shopify/common/text';

const TEMPLATES = [
  'No holes at all.',
  '{0}',
  '{0}{1}',
  'Expired {0} (exp {1}, {2}): {3}.',
  'The same {0} twice: {0}.',
  'Holes out of order: {2}, {0}, {1}.',
  'A hole with no value stays: {0} and {5}.',
  'Named holes stay as written: {name} {0}.',
  'Braces that are not holes: {} { and }, {0}.',
  'A hole named after the list itself: {length}.',
  '',
  '{',
  '{0',
  '}{0}{',
];
const ARGS: Array<Array<string | number | boolean>> = [
  [],
  ['one'],
  ['one', 2, true],
  ['{1}', '$&', '$1', "it's"],
  [0, -1.5, false, ''],
];

describe('core text (common/text.ts)', () => {
  test('gives exactly what @vscode/l10n gives, for every template and arguments, while no translation is configured', () => {
    let compared = 0;
    for (const template of TEMPLATES) {
      for (const args of ARGS) {
        // Twice: the first call splits the template, the second uses the split kept.
        assert.equal(t(template, ...args), l10n.t(template, ...args), `${JSON.stringify(template)} with ${JSON.stringify(args)}`);
        assert.equal(t(template, ...args), l10n.t(template, ...args));
        compared++;
      }
    }
    assert.equal(compared, TEMPLATES.length * ARGS.length);
    // The form with a note for translators, with and without values.
    for (const message of [{ message: 'header', comment: ['a part of a token'] }, { message: 'Part {0} of {n}', comment: 'x', args: ['one'] }, { message: 'Part {0} of {n}', comment: 'x', args: { n: 3 } }]) {
      assert.equal(t(message), l10n.t(message), JSON.stringify(message));
    }
  });

  test('a value kept per language is made once, and made again in the new language once translations arrive', () => {
    let made = 0;
    const label = perLanguage(() => {
      made++;
      return t('Signature verified with the current client secret.');
    });
    assert.equal(label(), 'Signature verified with the current client secret.');
    assert.equal(label(), 'Signature verified with the current client secret.');
    assert.equal(made, 1);

    useTranslations({
      'Signature verified with the current client secret.': 'Signatur mit dem aktuellen Client-Secret bestätigt.',
      'Expired {0} (exp {1}).': 'Abgelaufen {0} (exp {1}).',
    });
    assert.equal(label(), 'Signatur mit dem aktuellen Client-Secret bestätigt.', 'a kept value stayed English after translations came');
    assert.equal(made, 2);
    assert.equal(t('Expired {0} (exp {1}).', 'vor 3 min', 1700000000), 'Abgelaufen vor 3 min (exp 1700000000).');
    assert.equal(t('Not in the bundle: {0}.', 'English'), 'Not in the bundle: English.');
  });
});
