import { chunked } from './chunked.js';

describe('chunked', () => {
  it('should cut a list into chunks of at most the given size', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 2)).toEqual([]);
  });
});
