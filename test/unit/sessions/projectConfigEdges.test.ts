// Project files at their edges: TOML's looser spellings (indentation, no spaces round "=", comments and spaces in
// headers) are read; lines that only contain a header or a key somewhere inside them are not, and neither are
// files that are not shopify.theme.toml by name.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { projectStores } from '../../../src/shopify/sessions/projectConfig';

const THEME = '[environments.a]\nstore = "shop-two"';

function names(fileName: string, text: string): string[] {
  return projectStores(fileName, text).stores.map((s) => s.store);
}

describe('Shopify CLI project files at the edges', () => {
  test('indented keys, keys without spaces round "=", and a header with a comment are read', () => {
    assert.deepEqual(names('shopify.app.toml', '[build]   # for `shopify app dev`\n  dev_store_url = "shop-one"'), ['shop-one.myshopify.com']);
    assert.deepEqual(names('shopify.app.toml', "[build]\ndev_store_url='shop-one'"), ['shop-one.myshopify.com']);
  });

  test('quotes, and spaces round the dots, of a header are not part of the table name', () => {
    const found = projectStores('shopify.theme.toml', '[ environments . "production" ]\nstore = "shop-one"');
    assert.deepEqual(found.stores, [{ store: 'shop-one.myshopify.com', where: '[environments.production] store' }]);
  });

  test('a header spelled as TOML allows it is read: tabs round the parts, and quoted parts holding any character', () => {
    // Each was refused before: a tab was not allowed, nor a "/" or "!" inside quotes, and spaces inside quotes were lost.
    assert.deepEqual(names('shopify.app.toml', '[\tbuild\t]\ndev_store_url = "shop-one"'), ['shop-one.myshopify.com']);
    const where = (header: string) => projectStores('shopify.theme.toml', `${header}\nstore = "shop-one"`).stores.map((s) => s.where);
    assert.deepEqual(where('[environments.\tproduction]'), ['[environments.production] store']);
    assert.deepEqual(where('[environments."staging/eu"]'), ['[environments.staging/eu] store']);
    assert.deepEqual(where("[environments.'pr!od']"), ['[environments.pr!od] store']);
    assert.deepEqual(where('[environments."eu west"]'), ['[environments.eu west] store']);
  });

  test('a header TOML would not read, or one with an escape in a quoted part (escapes are not read here), names no table', () => {
    for (const header of ['[environments.pr!od]', '[environments."a" "b"]', '[environments..a]', '[environments.]', '[environments."a\\"b"]']) {
      assert.deepEqual(names('shopify.theme.toml', `${header}\nstore = "shop-two"`), [], header);
    }
  });

  test('a quoted part may hold "]": the header still ends the table before it', () => {
    const found = projectStores('shopify.theme.toml', '[environments.production]\nstore = "shop-one"\n[environments."dev [eu]"]\nstore = "shop-two"');
    assert.deepEqual(found.stores.map((s) => s.where), ['[environments.production] store', '[environments.dev [eu]] store']);
    assert.deepEqual(names('shopify.app.toml', '[build]\n["x]"]\ndev_store_url = "shop-two"'), []);
  });

  test('only [environments.<name>] itself holds a theme store: not a table inside it, nor one key that holds a dot', () => {
    for (const header of ['[environments.production.extra]', '["environments.production"]', '[environments]']) {
      assert.deepEqual(names('shopify.theme.toml', `${header}\nstore = "shop-two"`), [], header);
    }
    assert.deepEqual(names('shopify.app.toml', '["build"]\ndev_store_url = "shop-one"'), ['shop-one.myshopify.com']);
    assert.deepEqual(names('shopify.app.toml', '[build.dev]\ndev_store_url = "shop-one"'), []);
  });

  test('a commented-out or dotted key is not the store key', () => {
    assert.deepEqual(projectStores('shopify.app.toml', '[build]\n# dev_store_url = "shop-one"\nold.dev_store_url = "shop-two"'), { stores: [], refused: [] });
    assert.deepEqual(projectStores('shopify.theme.toml', '[environments.a]\n#store = "shop-one"\npreview.store = "shop-two"'), { stores: [], refused: [] });
  });

  test('a header that is not [build] ends [build], even one we cannot read or an array of tables', () => {
    for (const header of ['[[webhooks.subscriptions]]', '[odd!]', '[build.x]']) {
      assert.deepEqual(names('shopify.app.toml', `[build]\n${header}\ndev_store_url = "shop-two"`), [], header);
    }
    assert.deepEqual(names('shopify.theme.toml', '[environments.a!]\nstore = "shop-two"'), []);
    assert.deepEqual(names('shopify.app.toml', '[build]\n[[webhooks.subscriptions]]  # topics we listen to\ndev_store_url = "shop-two"'), []);
  });

  test('nested arrays in a value, or on a line of their own inside one, are not an array of tables', () => {
    for (const line of ['matrix = [["a"]]', 'list = [\n[["a"]], [["b"]],\n]']) {
      assert.deepEqual(names('shopify.app.toml', `[build]\n${line}\ndev_store_url = "shop-one"`), ['shop-one.myshopify.com'], line);
    }
  });

  test("a header's literal-string parts ('x') name the same table as bare ones", () => {
    assert.deepEqual(names('shopify.theme.toml', "[environments.'staging']\nstore = 'shop-two'"), ['shop-two.myshopify.com']);
    assert.deepEqual(names('shopify.app.toml', "['build']\ndev_store_url = 'shop-one'"), ['shop-one.myshopify.com']);
  });

  test('a key line with more after its string is not read', () => {
    assert.deepEqual(projectStores('shopify.app.toml', '[build]\ndev_store_url = "shop-one" // mine'), { stores: [], refused: [] });
  });

  test('an array holding a table-like element does not open a table', () => {
    for (const line of ['topics = [ "build" ]', '[ "build" ],']) {
      assert.deepEqual(names('shopify.app.toml', `[webhooks]\n${line}\ndev_store_url = "shop-one"`), [], line);
    }
  });

  test('other string keys of [build] or of an environment are neither offered nor refused', () => {
    assert.deepEqual(projectStores('shopify.app.toml', '[build]\nname = "shop-one"\ninclude_config_on_deploy = "evil.example.com"'), { stores: [], refused: [] });
    assert.deepEqual(projectStores('shopify.theme.toml', '[environments.a]\ntheme = "123"\npassword = "shptka_0123456789abcdef"'), { stores: [], refused: [] });
  });

  test('a value of only spaces is skipped like an empty one, not refused', () => {
    assert.deepEqual(projectStores('shopify.app.toml', '[build]\ndev_store_url = "   "'), { stores: [], refused: [] });
  });

  test('shopify.theme.toml is recognised in any folder, and only by its whole name', () => {
    for (const fileName of ['shopify.theme.toml', '/w/shopify.theme.toml', 'C:\\w\\shopify.theme.toml']) {
      assert.deepEqual(names(fileName, THEME), ['shop-two.myshopify.com'], fileName);
    }
    for (const fileName of ['shopify.theme.toml.bak', '/w/myshopify.theme.toml']) {
      assert.deepEqual(names(fileName, THEME), [], fileName);
    }
  });
});
