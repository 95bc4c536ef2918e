// The scans that find repeated member names without a second parser: each on the texts whose strings, escapes
// and brackets a wrong count or a wrong end of string would misread. A repeated name is how two libraries come
// to read one token two ways, so each mistake here would let such a token pass.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countFlatMembers, findDuplicateKeys, MAX_JSON_DEPTH, nestsDeeperThan, parseJsonText } from '../../../src/shopify/tokens/json';

describe('countFlatMembers', () => {
  it('counts the members of a flat object, whatever its strings hold', () => {
    assert.equal(countFlatMembers('{}'), 0);
    assert.equal(countFlatMembers('{"a":1}'), 1);
    assert.equal(countFlatMembers('{"a":1,"b":"x","c":true}'), 3);
    // Colons, braces and brackets inside strings are text, not structure.
    assert.equal(countFlatMembers('{"a:b":"c:d","e":"{[x]}"}'), 2);
    // An escaped quote does not end a string; an escaped backslash before a quote does.
    assert.equal(countFlatMembers('{"a":"say \\"x:y\\"","b":1}'), 2);
    assert.equal(countFlatMembers('{"a":"ends in \\\\","b":1}'), 2);
    assert.equal(countFlatMembers('{"a":"three \\\\\\" then:","b":1}'), 2);
  });

  it('gives up (undefined) on any nested object or list, and only then', () => {
    assert.equal(countFlatMembers('{"a":[1,2]}'), undefined);
    assert.equal(countFlatMembers('{"a":{"b":1}}'), undefined);
    assert.equal(countFlatMembers('{"a":"[{"}'), 1);
  });
});

describe('nestsDeeperThan', () => {
  it('counts objects and lists outside strings, and closes them again', () => {
    assert.equal(nestsDeeperThan('{"a":1}', 1), false);
    assert.equal(nestsDeeperThan('{"a":{"b":1}}', 1), true);
    assert.equal(nestsDeeperThan('{"a":{"b":1}}', 2), false);
    assert.equal(nestsDeeperThan('{"a":[[1]]}', 2), true);
    // Siblings do not add up: each closes before the next opens.
    assert.equal(nestsDeeperThan('{"a":{},"b":{},"c":[],"d":[]}', 2), false);
    // Brackets inside strings (with escaped quotes around them) are text.
    assert.equal(nestsDeeperThan('{"a":"\\"[[[[{{{{\\""}', 1), false);
  });

  it('a payload nested past the limit is refused as too deep, one at the limit is read', () => {
    const nested = (depth: number): string => `${'{"a":'.repeat(depth - 1)}{"a":1}${'}'.repeat(depth - 1)}`;
    const atLimit = parseJsonText(nested(MAX_JSON_DEPTH));
    assert.equal(atLimit.ok, true);
    const over = parseJsonText(nested(MAX_JSON_DEPTH + 1));
    assert.deepEqual(over.ok ? 'read' : over.problem, 'too-deep');
  });
});

describe('findDuplicateKeys', () => {
  it('names each repeated member once, with its path', () => {
    assert.deepEqual(findDuplicateKeys('{"a":1,"a":2,"a":3}'), ['a']);
    assert.deepEqual(findDuplicateKeys('{"ext":{"x":1,"x":2},"x":3}'), ['ext.x']);
    assert.deepEqual(findDuplicateKeys('{"a":{"b":{"c":1,"c":2}}}'), ['a.b.c']);
    assert.deepEqual(findDuplicateKeys('{"l":[{"k":1,"k":2}]}'), ['l[].k']);
    // After a list closes, its object's names are read again.
    assert.deepEqual(findDuplicateKeys('{"l":[1,2],"l":3}'), ['l']);
  });

  it('the same name in different objects, or as a value, is no repeat', () => {
    assert.deepEqual(findDuplicateKeys('{"a":{"x":1},"b":{"x":2}}'), []);
    assert.deepEqual(findDuplicateKeys('{"a":"a","b":["a","a"]}'), []);
    assert.deepEqual(findDuplicateKeys('{"l":[{"k":1},{"k":2}]}'), []);
  });

  it('reads escapes in names and in values: an escaped quote or backslash does not end a string', () => {
    assert.deepEqual(findDuplicateKeys('{"a\\"b":1,"a\\"b":2}'), ['a"b']);
    assert.deepEqual(findDuplicateKeys('{"v":"x\\",\\"v\\":\\"y","w":1}'), []);
    assert.deepEqual(findDuplicateKeys('{"p":"ends \\\\","p":2}'), ['p']);
  });

  it('a parsed payload with a repeated name reports it; one without reports none (counted, not scanned)', () => {
    const repeated = parseJsonText('{"aud":"a","sub":"1","aud":"b"}');
    assert.deepEqual(repeated.ok ? repeated.duplicates : 'unread', ['aud']);
    const nestedRepeat = parseJsonText('{"ext":{"x":1,"x":2}}');
    assert.deepEqual(nestedRepeat.ok ? nestedRepeat.duplicates : 'unread', ['ext.x']);
    const clean = parseJsonText('{"aud":"a","sub":"1","note":"x:y"}');
    assert.deepEqual(clean.ok ? clean.duplicates : 'unread', []);
  });
});
