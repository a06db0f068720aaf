import { AttestationKind } from './attestation.entity.js';
import { judgeAttestation } from './attestation-verified.evaluator.js';
import { cleanFileName } from './evidence.js';

const standing = (over: object) => ({
  kind: AttestationKind.SilentRetreat5d,
  verified_at: null,
  pending: false,
  rejected: false,
  rejection_note: null,
  ...over,
});

describe(judgeAttestation.name, () => {
  it('should be met from the first verification, whatever came after it', () => {
    const verifiedAt = new Date('2027-01-10T09:00:00.000Z');
    const sut = judgeAttestation(
      AttestationKind.SilentRetreat5d,
      standing({ verified_at: verifiedAt, pending: true, rejected: true }),
    );
    expect(sut).toMatchObject({ met: true, have: 1, need: 1, metAt: verifiedAt });
  });

  it('should say what to do while pending, after a rejection, and before anything', () => {
    const kind = AttestationKind.SilentRetreat5d;
    expect(judgeAttestation(kind, standing({ pending: true }))).toMatchObject({
      met: false,
      detail: expect.stringContaining('waiting'),
    });
    expect(
      judgeAttestation(kind, standing({ rejected: true, rejection_note: 'Too short' })),
    ).toMatchObject({ met: false, detail: 'Not accepted: Too short' });
    expect(judgeAttestation(kind, undefined)).toMatchObject({
      met: false,
      have: 0,
      need: 1,
      detail: 'Not submitted yet',
      nextStep: expect.stringContaining('retreat'),
    });
  });
});

describe(cleanFileName.name, () => {
  it('should keep a display name without paths or control characters', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\Users\\ana\\retreat\u0000.pdf')).toBe('retreat.pdf');
    expect(cleanFileName('')).toBeNull();
    expect(cleanFileName('x'.repeat(300))).toHaveLength(200);
  });
});
