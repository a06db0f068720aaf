import { prefixQuery } from './people-lookup.js';

describe('prefixQuery', () => {
  it('makes each word a prefix, all of them needed', () => {
    expect(prefixQuery('Ana Tr')).toBe('ana:* & tr:*');
    expect(prefixQuery('  José  ')).toBe('josé:*');
  });

  it("drops what the query syntax would read as operators, and gives null when nothing's left", () => {
    expect(prefixQuery("o'neil & !(x) <-> y:*")).toBe('o:* & neil:* & x:* & y:*');
    expect(prefixQuery('&|!()')).toBeNull();
    expect(prefixQuery('')).toBeNull();
  });
});
