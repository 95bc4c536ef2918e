/**
 * Reading shop hosts out of dest, iss and the shop a developer types: which texts are shops, and the reason a
 * report gives when one is not (the reason is what the user reads).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isShopHost, issSurface, readDest, readIss, shopHostFrom } from '../../../src/shopify/tokens/shop';

describe('isShopHost', () => {
  it('takes one lower-case label of 1 to 63 characters before .myshopify.com, not starting or ending with "-"', () => {
    const label63 = `a${'b'.repeat(61)}c`;
    for (const host of ['a.myshopify.com', '0.myshopify.com', 'my-store.myshopify.com', 'a-b.myshopify.com', 'a--b.myshopify.com', `${label63}.myshopify.com`]) {
      assert.equal(isShopHost(host), true, host);
    }
    for (const host of [
      `${label63}d.myshopify.com`,
      '.myshopify.com',
      'myshopify.com',
      '-a.myshopify.com',
      'a-.myshopify.com',
      'My-Store.myshopify.com',
      'a.b.myshopify.com',
      'a_b.myshopify.com',
      'amyshopify.com',
      'a.myshopifyxcom',
      'axmyshopify.com',
      'a.myshopify.com.evil.example',
      'a.myshopify.com/',
      ' a.myshopify.com',
      'x/a.myshopify.com',
      'a.myshopify.co',
      '',
    ]) {
      assert.equal(isShopHost(host), false, host);
    }
  });
});

describe('readDest', () => {
  it('reads an https origin, with or without its closing "/", and a bare host', () => {
    assert.deepEqual(readDest('https://my-store.myshopify.com'), { ok: true, host: 'my-store.myshopify.com', form: 'origin' });
    assert.deepEqual(readDest('https://my-store.myshopify.com/'), { ok: true, host: 'my-store.myshopify.com', form: 'origin' });
    assert.deepEqual(readDest('my-store.myshopify.com'), { ok: true, host: 'my-store.myshopify.com', form: 'bare' });
  });

  it('says why a dest written as an address is not a shop origin', () => {
    const http = { ok: false, rule: 'format', problem: 'http' };
    assert.deepEqual(readDest('http://my-store.myshopify.com'), http);
    assert.deepEqual(readDest('HTTP://my-store.myshopify.com'), http);
    const address = { ok: false, rule: 'format', problem: 'not-a-shop-address' };
    for (const dest of ['https://my-store.myshopify.com/admin', 'https://my-store.myshopify.com//', 'https://my-store.myshopify.com?x', 'https://my-store.myshopify.com#x', 'ftp://my-store.myshopify.com', 'my-store.myshopify.com:443', 'shop:x', 'xhttps://my-store.myshopify.com']) {
      assert.deepEqual(readDest(dest), address, dest);
    }
  });

  it('says why a bare dest with a path or query is not a shop', () => {
    const path = { ok: false, rule: 'format', problem: 'path' };
    for (const dest of ['my-store.myshopify.com/', 'my-store.myshopify.com/admin', 'my-store.myshopify.com?x=1', 'my-store.myshopify.com#x', '1a.myshopify.com/x']) {
      assert.deepEqual(readDest(dest), path, dest);
    }
  });

  it('says why a host is not a shop host: capital letters, or another host', () => {
    const capitals = { ok: false, rule: 'host', problem: 'capitals' };
    assert.deepEqual(readDest('My-Store.myshopify.com'), capitals);
    assert.deepEqual(readDest('https://my-store.MYSHOPIFY.com'), capitals);
    const other = { ok: false, rule: 'host', problem: 'not-a-shop-host' };
    for (const dest of ['example.com', 'https://example.com', 'https://', '', '1a.myshopify.com:443', 'my-store.myshopify.com.']) {
      assert.deepEqual(readDest(dest), other, dest);
    }
  });
});

describe('readIss', () => {
  it('reads the host and the path', () => {
    assert.deepEqual(readIss('https://my-store.myshopify.com/admin'), { ok: true, host: 'my-store.myshopify.com', path: '/admin' });
    assert.deepEqual(readIss('https://my-store.myshopify.com/a/b/'), { ok: true, host: 'my-store.myshopify.com', path: '/a/b/' });
    assert.deepEqual(readIss('https://my-store.myshopify.com'), { ok: true, host: 'my-store.myshopify.com', path: '' });
    assert.deepEqual(readIss('https://my-store.myshopify.com/'), { ok: true, host: 'my-store.myshopify.com', path: '/' });
  });

  it('says why an iss is not one', () => {
    for (const iss of ['http://my-store.myshopify.com/admin', 'HTTP://my-store.myshopify.com/admin', 'http:x']) {
      assert.deepEqual(readIss(iss), { ok: false, problem: 'http' }, iss);
    }
    for (const iss of ['https://my-store.myshopify.com/admin?x=1', 'https://my-store.myshopify.com/admin#x', 'https://my-store.myshopify.com?x', 'xhttps://my-store.myshopify.com/admin', 'my-store.myshopify.com/admin', ' https://a/admin', '', 'xhttp://my-store.myshopify.com/admin']) {
      assert.deepEqual(readIss(iss), { ok: false, problem: 'not-https' }, iss);
    }
  });
});

describe('issSurface', () => {
  it('names /admin and /checkouts only when they are the whole path', () => {
    assert.equal(issSurface('https://my-store.myshopify.com/admin'), '/admin');
    assert.equal(issSurface('https://my-store.myshopify.com/checkouts'), '/checkouts');
    for (const iss of ['https://my-store.myshopify.com/admins', 'https://my-store.myshopify.com/xadmin', 'https://my-store.myshopify.com/x/admin', 'https://my-store.myshopify.com/checkout', 'https://my-store.myshopify.com/x/checkouts', 'https://my-store.myshopify.com/admin/', 'https://my-store.myshopify.com/abcde', 'https://my-store.myshopify.com/checkoutz', 'https://admin', 'https://checkouts', 'http://a/admin']) {
      assert.equal(issSurface(iss), undefined, iss);
    }
  });
});

describe('shopHostFrom', () => {
  it('makes a shop host of a handle, a host or a shop address', () => {
    for (const shop of ['my-store', 'My-Store', ' my-store ', 'my-store.myshopify.com', 'https://my-store.myshopify.com', 'https://my-store.myshopify.com/', 'https://my-store.myshopify.com/admin', 'https://my-store.myshopify.com/admin/', 'HTTPS://My-Store.myshopify.com/Admin', 'my-store/']) {
      assert.equal(shopHostFrom(shop), 'my-store.myshopify.com', shop);
    }
  });

  it('gives nothing for what names no shop', () => {
    for (const shop of ['', 'my store', 'example.com', 'http://my-store.myshopify.com', 'https://my-store.myshopify.com/admin/x', 'https://my-store.myshopify.com//', 'x https://my-store.myshopify.com', 'my-store.myshopify.com/admin/x', 'xhttps://my-store.myshopify.com', 'my-store/x', 'my-store/admin/x']) {
      assert.equal(shopHostFrom(shop), undefined, shop);
    }
  });
});
