import { sniffContentType } from './content-type-sniffing.js';

describe(sniffContentType.name, () => {
  it('should recognise a PDF and a PNG by their bytes', async () => {
    expect(await sniffContentType(Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n'))).toEqual(
      {
        ext: 'pdf',
        mime: 'application/pdf',
      },
    );
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
    expect(await sniffContentType(png)).toEqual({ ext: 'png', mime: 'image/png' });
  });

  it('should not recognise HTML or plain text, whatever they claim to be', async () => {
    expect(
      await sniffContentType(Buffer.from('<!doctype html><script>alert(1)</script>')),
    ).toBeNull();
    expect(await sniffContentType(Buffer.from('just words'))).toBeNull();
  });
});
