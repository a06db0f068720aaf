import { Designation } from './designation.js';
import { buildOpenBadgeCredential, OB_CONTEXT_V3, VC_CONTEXT_V2 } from './open-badge.js';

describe('buildOpenBadgeCredential', () => {
  const sut = () =>
    buildOpenBadgeCredential({
      credentialId: '5d3c6f0e-1111-4222-8333-944455556666',
      issuer: { id: 'https://msc.example.org', name: 'Center for MSC' },
      achievementBaseUrl: 'https://msc.example.org/achievements',
      holder: { id: 'aaaaaaaa-1111-4222-8333-944455556666', name: 'Ana', email: 'Ana@Example.org' },
      designation: Designation.CertifiedTeacher,
      validFrom: new Date('2027-03-15T10:00:00.000Z'),
      statuses: [
        { purpose: 'revocation', listUrl: 'https://msc.example.org/s/1', index: 42 },
        { purpose: 'suspension', listUrl: 'https://msc.example.org/s/2', index: 7 },
      ],
    }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('should shape an Open Badges 3.0 credential', () => {
    const vc = sut();
    expect(vc['@context']).toEqual([VC_CONTEXT_V2, OB_CONTEXT_V3]);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.issuer).toEqual({
      id: 'https://msc.example.org',
      type: ['Profile'],
      name: 'Center for MSC',
    });
    expect(vc.validFrom).toBe('2027-03-15T10:00:00.000Z');
    expect(vc.credentialSubject.type).toEqual(['AchievementSubject']);
    expect(vc.credentialSubject.achievement).toMatchObject({
      type: ['Achievement'],
      name: 'Certified MSC Teacher',
      criteria: { narrative: expect.any(String) },
    });
  });

  it('should carry a status entry per purpose with the index as a string', () => {
    expect(sut().credentialStatus).toEqual([
      {
        id: 'https://msc.example.org/s/1#42',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '42',
        statusListCredential: 'https://msc.example.org/s/1',
      },
      {
        id: 'https://msc.example.org/s/2#7',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: '7',
        statusListCredential: 'https://msc.example.org/s/2',
      },
    ]);
  });

  it('should identify the holder by name and by a salted e-mail hash, never the e-mail itself', () => {
    const json = JSON.stringify(sut());
    expect(json).not.toMatch(/ana@example\.org/i);
    const ids = sut().credentialSubject.identifier;
    expect(ids[0]).toMatchObject({ identityType: 'name', hashed: false, identityHash: 'Ana' });
    expect(ids[1]).toMatchObject({ identityType: 'emailAddress', hashed: true });
    expect(ids[1].identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
  });
});
