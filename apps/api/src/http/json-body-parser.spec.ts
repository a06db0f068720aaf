import { checkJsonText } from './json-body-parser.js';

describe(checkJsonText.name, () => {
  it('should accept nesting up to the limit and refuse one level more', () => {
    expect(checkJsonText('[[[1]]]', 3)).toBeNull();
    expect(checkJsonText('[[[[1]]]]', 3)).toMatch(/deeper than 3 levels/);
    expect(checkJsonText('{"a":{"b":{"c":[]}}}', 4)).toBeNull();
  });

  it('should not count brackets inside strings, nor escaped quotes as string ends', () => {
    expect(checkJsonText('{"a":"[[[[[[\\"{{{{"}', 2)).toBeNull();
  });

  it('should refuse an escaped or raw NUL inside a string, but not an escaped backslash before u0000', () => {
    expect(checkJsonText('{"a":"x\\u0000y"}', 32)).toMatch(/NUL/);
    expect(checkJsonText('{"a":"x\u0000y"}', 32)).toMatch(/NUL/);
    expect(checkJsonText('{"a":"x\\\\u0000"}', 32)).toBeNull();
    expect(checkJsonText('{"a":"\\u00001"}', 32)).toMatch(/NUL/);
    expect(checkJsonText('{"a":"\\u0001"}', 32)).toBeNull();
  });

  it('should refuse a megabyte of brackets and accept a megabyte of shallow items', () => {
    expect(checkJsonText('['.repeat(1_000_000), 32)).toMatch(/deeper/);
    expect(checkJsonText(`[${'[1],'.repeat(250_000)}[1]]`, 32)).toBeNull();
  });
});
