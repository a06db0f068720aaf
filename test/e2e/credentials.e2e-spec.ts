import { createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet, jwtVerify } from 'jose';
import request from 'supertest';
import {
  CredentialsService,
  decodeStatusList,
  SigningKeys,
  statusBitAt,
} from '@msc/domain/credentials';
import { SignedLinks } from '@msc/domain/courses';
import { Notifier } from '@msc/domain/notifications';
import { ProgressService, RequirementKind } from '@msc/domain/pathway';
import { JobName, JobQueue } from '@msc/queue';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

interface StatusEntry {
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
}

describe('credentials (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;
  let restore: () => void;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  });
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
    restore = factories.meetRequirementsExcept(RequirementKind.AdminApproval);
  });
  afterEach(() => restore());
  afterAll(() => app.close());

  /** Request, approve and wait for the worker: the credential's id. */
  async function credentialFor(trainee: TestUser): Promise<string> {
    const { body } = await request(app.server)
      .post('/api/v1/certifications')
      .set(trainee.auth)
      .send({ designation: 'trained_teacher' })
      .expect(201);
    await request(app.server)
      .post(`/api/v1/certifications/${body.id}/decision`)
      .set(admin.auth)
      .send({ decision: 'approved' })
      .expect(200);
    await app.settle();
    const mine = await request(app.server)
      .get('/api/v1/me/credentials')
      .set(trainee.auth)
      .expect(200);
    expect(mine.body.items).toHaveLength(1);
    return mine.body.items[0].id as string;
  }

  const fetchJwks = async (): Promise<JSONWebKeySet> =>
    (await request(app.server).get('/.well-known/jwks.json').expect(200)).body as JSONWebKeySet;

  const fetchVc = async (id: string): Promise<string> => {
    const res = await request(app.server)
      .get(`/api/v1/credentials/${id}/vc`)
      .buffer(true)
      .parse((response, callback) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        response.on('end', () => callback(null, text));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/vc\+jwt/);
    return res.body as string;
  };

  const verifyOffline = (jwt: string, jwks: JSONWebKeySet) =>
    jwtVerify(jwt, createLocalJWKSet(jwks), { algorithms: ['EdDSA'], typ: 'vc+jwt' });

  /** Fetches a status list credential by the URL in a credential, verifies it, decodes its bits. */
  async function statusBits(entry: StatusEntry, jwks: JSONWebKeySet): Promise<Uint8Array> {
    const path = new URL(entry.statusListCredential).pathname;
    const jwt = (
      await request(app.server)
        .get(path)
        .buffer(true)
        .parse((response, callback) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => callback(null, text));
        })
        .expect(200)
    ).body as string;
    const { payload } = await verifyOffline(jwt, jwks);
    expect(payload.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    const subject = payload.credentialSubject as { statusPurpose: string; encodedList: string };
    expect(subject.statusPurpose).toBe(entry.statusPurpose);
    const bits = decodeStatusList(subject.encodedList);
    expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
    return bits;
  }

  it('should issue an Open Badges credential that verifies offline against the JWKS alone', async () => {
    const trainee = await factories.newUser({ displayName: 'Ana Pereira' });
    const id = await credentialFor(trainee);
    const jwks = await fetchJwks();
    expect(jwks.keys).toHaveLength(1);
    for (const key of jwks.keys) {
      expect(key).not.toHaveProperty('d');
      expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    }
    const jwt = await fetchVc(id);
    expect(decodeProtectedHeader(jwt)).toEqual({
      alg: 'EdDSA',
      kid: jwks.keys[0]!.kid,
      typ: 'vc+jwt',
    });

    const { payload } = await verifyOffline(jwt, jwks);
    expect(payload).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      jti: `urn:uuid:${id}`,
      sub: `urn:uuid:${trainee.id}`,
      issuer: { type: ['Profile'], name: expect.any(String) },
      credentialSubject: {
        type: ['AchievementSubject'],
        name: 'Ana Pereira',
        achievement: {
          type: ['Achievement'],
          name: 'Trained MSC Teacher',
          criteria: { narrative: expect.any(String) },
        },
      },
    });
    expect(payload.iss).toBe((payload.issuer as { id: string }).id);
    expect(typeof payload.iat).toBe('number');
    expect(typeof payload.nbf).toBe('number');
    expect(JSON.stringify(payload)).not.toContain(trainee.email);
    const statuses = payload.credentialStatus as StatusEntry[];
    expect(statuses.map((s) => [s.type, s.statusPurpose])).toEqual([
      ['BitstringStatusListEntry', 'revocation'],
      ['BitstringStatusListEntry', 'suspension'],
    ]);

    // One character changed anywhere breaks it.
    const [header, body, signature] = jwt.split('.') as [string, string, string];
    const at = Math.floor(body.length / 2);
    const tamperedBody = body.slice(0, at) + (body[at] === 'A' ? 'B' : 'A') + body.slice(at + 1);
    await expect(verifyOffline(`${header}.${tamperedBody}.${signature}`, jwks)).rejects.toThrow();
    const mid = Math.floor(signature.length / 2);
    const tamperedSig =
      signature.slice(0, mid) + (signature[mid] === 'A' ? 'B' : 'A') + signature.slice(mid + 1);
    await expect(verifyOffline(`${header}.${body}.${tamperedSig}`, jwks)).rejects.toThrow();
    await expect(verifyOffline(`${header}.${body}.${signature}`, jwks)).resolves.toBeDefined();

    const verified = await request(app.server).get(`/api/v1/credentials/${id}/verify`).expect(200);
    expect(verified.body).toMatchObject({
      valid: true,
      status: 'active',
      designation: 'trained_teacher',
      holderName: 'Ana Pereira',
      issuedAt: expect.any(String),
      issuer: { id: expect.any(String), name: expect.any(String) },
    });
  });

  it('should keep old credentials verifying after a key rotation', async () => {
    const before = await credentialFor(await factories.newTrainee());
    const oldJwt = await fetchVc(before);
    const rotated = await app.get(SigningKeys).rotate(admin.id);
    expect(rotated.retired).toEqual([decodeProtectedHeader(oldJwt).kid]);
    const after = await credentialFor(await factories.newTrainee());
    const newJwt = await fetchVc(after);
    expect(decodeProtectedHeader(newJwt).kid).toBe(rotated.kid);

    const jwks = await fetchJwks();
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(
      [rotated.kid, decodeProtectedHeader(oldJwt).kid].sort(),
    );
    await expect(verifyOffline(oldJwt, jwks)).resolves.toBeDefined();
    await expect(verifyOffline(newJwt, jwks)).resolves.toBeDefined();
    for (const id of [before, after]) {
      const res = await request(app.server).get(`/api/v1/credentials/${id}/verify`).expect(200);
      expect(res.body).toMatchObject({ valid: true, status: 'active' });
    }
    const keys = await app.db.query<{ status: string }>(
      'SELECT status FROM signing_keys ORDER BY created_at',
    );
    expect(keys.map((k) => k.status)).toEqual(['retired', 'active']);
  });

  it('should revoke: /verify says revoked, the list bit is set and the requirement unmet again', async () => {
    const trainee = await factories.newTrainee();
    const id = await credentialFor(trainee);
    const jwt = await fetchVc(id);
    const jwks = await fetchJwks();
    const [revocation, suspension] = (await verifyOffline(jwt, jwks)).payload
      .credentialStatus as StatusEntry[];
    const revocationIndex = Number(revocation!.statusListIndex);
    expect(statusBitAt(await statusBits(revocation!, jwks), revocationIndex)).toBe(false);

    await request(app.server)
      .post(`/api/v1/credentials/${id}/revoke`)
      .set(trainee.auth)
      .send({ reason: 'self' })
      .expect(403);
    await request(app.server)
      .post(`/api/v1/credentials/${id}/revoke`)
      .set(admin.auth)
      .send({})
      .expect(400);
    await request(app.server)
      .post(`/api/v1/credentials/${id}/revoke`)
      .set(admin.auth)
      .send({ reason: 'Ethics violation' })
      .expect(200);

    const verified = await request(app.server).get(`/api/v1/credentials/${id}/verify`).expect(200);
    expect(verified.body).toMatchObject({ valid: false, status: 'revoked' });
    const bits = await statusBits(revocation!, jwks);
    expect(statusBitAt(bits, revocationIndex)).toBe(true);
    expect(bits.reduce((n, byte) => n + (byte.toString(2).match(/1/g)?.length ?? 0), 0)).toBe(1);
    expect(
      statusBitAt(await statusBits(suspension!, jwks), Number(suspension!.statusListIndex)),
    ).toBe(false);

    await request(app.server)
      .post(`/api/v1/credentials/${id}/revoke`)
      .set(admin.auth)
      .send({ reason: 'again' })
      .expect(409);
    const unmet = await app.get(ProgressService).unmetFor(trainee.id, 'practicum');
    expect(unmet.map((u) => u.key)).toEqual(['practicum.designation']);
    const mine = await request(app.server)
      .get('/api/v1/me/credentials')
      .set(trainee.auth)
      .expect(200);
    expect(mine.body.items[0].status).toBe('revoked');
    const audits = await app.db.query<{ actor_id: string }>(
      `SELECT actor_id FROM audit_events WHERE action = 'credential.revoked' AND subject = $1`,
      [`credential/${id}`],
    );
    expect(audits).toEqual([{ actor_id: admin.id }]);
  });

  it('should suspend and reinstate through the suspension list', async () => {
    const id = await credentialFor(await factories.newTrainee());
    const jwks = await fetchJwks();
    const suspension = (
      (await verifyOffline(await fetchVc(id), jwks)).payload.credentialStatus as StatusEntry[]
    )[1]!;
    await request(app.server)
      .post(`/api/v1/credentials/${id}/suspend`)
      .set(admin.auth)
      .send({ reason: 'Under review' })
      .expect(200);
    expect(
      (await request(app.server).get(`/api/v1/credentials/${id}/verify`).expect(200)).body,
    ).toMatchObject({ valid: false, status: 'suspended' });
    expect(
      statusBitAt(await statusBits(suspension, jwks), Number(suspension.statusListIndex)),
    ).toBe(true);
    await request(app.server)
      .post(`/api/v1/credentials/${id}/reinstate`)
      .set(admin.auth)
      .send({})
      .expect(200);
    expect(
      (await request(app.server).get(`/api/v1/credentials/${id}/verify`).expect(200)).body,
    ).toMatchObject({ valid: true, status: 'active' });
    expect(
      statusBitAt(await statusBits(suspension, jwks), Number(suspension.statusListIndex)),
    ).toBe(false);
  });

  describe('issuance exactly once', () => {
    /** A granted designation whose issuance job is not queued: the test runs issuance itself. */
    async function grantedDesignation(trainee: TestUser): Promise<string> {
      const [req] = await app.db.query<{ id: string }>(
        `INSERT INTO certification_requests (trainee_id, designation, status, decided_by, decided_at)
         VALUES ($1, 'trained_teacher', 'approved', $2, now()) RETURNING id`,
        [trainee.id, admin.id],
      );
      const [designation] = await app.db.query<{ id: string }>(
        `INSERT INTO designations (trainee_id, designation, certification_request_id, granted_by)
         VALUES ($1, 'trained_teacher', $2, $3) RETURNING id`,
        [trainee.id, req!.id, admin.id],
      );
      return designation!.id;
    }

    const credentialCount = async () =>
      Number((await app.db.query<{ n: string }>('SELECT count(*) AS n FROM credentials'))[0]!.n);

    it('should issue one credential when issuance runs twice at once and again later', async () => {
      const designationId = await grantedDesignation(await factories.newTrainee());
      const sut = app.get(CredentialsService);
      const outcomes = await Promise.all([sut.issue(designationId), sut.issue(designationId)]);
      const again = await sut.issue(designationId);
      expect(outcomes.filter((o) => o.issued)).toHaveLength(1);
      expect(new Set([...outcomes, again].map((o) => o.credentialId)).size).toBe(1);
      expect(again.issued).toBe(false);
      expect(await credentialCount()).toBe(1);
    });

    it('should issue one credential when a worker dies mid-issuance and the job is retried', async () => {
      const trainee = await factories.newTrainee();
      const designationId = await grantedDesignation(trainee);
      const sut = app.get(CredentialsService);
      // Dies after the credential row is written, before its transaction commits.
      const notifier = app.get(Notifier);
      const notify = notifier.notify.bind(notifier);
      notifier.notify = () => Promise.reject(new Error('worker killed'));
      try {
        await expect(sut.issue(designationId)).rejects.toThrow('worker killed');
      } finally {
        notifier.notify = notify;
      }
      expect(await credentialCount()).toBe(0);
      // The retry, twice through the queue (a re-delivered job), once more after the commit.
      const jobs = app.get(JobQueue);
      await jobs.enqueue(
        { name: JobName.IssueCredential, data: { designationId } },
        { jobId: 'a' },
      );
      await jobs.enqueue(
        { name: JobName.IssueCredential, data: { designationId } },
        { jobId: 'b' },
      );
      await app.settle();
      expect(await sut.issue(designationId)).toMatchObject({ issued: false });
      expect(await credentialCount()).toBe(1);
      const notes = await app.db.query(
        `SELECT 1 FROM notifications WHERE user_id = $1 AND kind = 'credential_issued'`,
        [trainee.id],
      );
      expect(notes).toHaveLength(1);
    });
  });

  it('should answer 404 to an unknown credential', async () => {
    const unknown = '5d3c6f0e-1111-4222-8333-944455556666';
    await request(app.server).get(`/api/v1/credentials/${unknown}/verify`).expect(404);
    await request(app.server).get(`/api/v1/credentials/${unknown}/vc`).expect(404);
    await request(app.server).get(`/api/v1/credentials/status/${unknown}`).expect(404);
    const page = await request(app.server).get(`/verify/${unknown}`).expect(404);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    await request(app.server).get('/verify/not-a-credential').expect(404);
  });

  it('should serve a public HTML verification page with every value escaped', async () => {
    const trainee = await factories.newUser({ displayName: '<img src=x onerror=alert(1)>' });
    const id = await credentialFor(trainee);
    const page = await request(app.server).get(`/verify/${id}`).expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('Trained MSC Teacher');
    expect(page.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page.text).not.toContain('<img');
  });

  it('should give the PDF certificate to its holder and admins only', async () => {
    const trainee = await factories.newTrainee();
    const id = await credentialFor(trainee);
    const pdf = await request(app.server)
      .get(`/api/v1/credentials/${id}/certificate.pdf`)
      .set(trainee.auth)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.body as Buffer).length).toBeGreaterThan(2000);
    await request(app.server)
      .get(`/api/v1/credentials/${id}/certificate.pdf`)
      .set(admin.auth)
      .expect(200);
    const stranger = await factories.newTrainee();
    await request(app.server)
      .get(`/api/v1/credentials/${id}/certificate.pdf`)
      .set(stranger.auth)
      .expect(403);
    await request(app.server).get(`/api/v1/credentials/${id}/certificate.pdf`).expect(401);
  });

  it('should list verification page, a signed PDF link and a LinkedIn link with each credential', async () => {
    const trainee = await factories.newUser({ displayName: 'Ana Pereira' });
    const id = await credentialFor(trainee);
    const { body } = await request(app.server)
      .get('/api/v1/me/credentials')
      .set(trainee.auth)
      .expect(200);
    const item = body.items[0] as Record<string, string>;
    const base = app.config.PUBLIC_BASE_URL.replace(/\/+$/, '');
    expect(item).toMatchObject({
      id,
      designation: 'trained_teacher',
      achievement: 'Trained MSC Teacher',
      status: 'active',
      verificationUrl: `${base}/verify/${id}`,
    });
    const issued = new Date(item.issuedAt!);

    const linkedIn = new URL(item.linkedInUrl!);
    expect(linkedIn.origin + linkedIn.pathname).toBe('https://www.linkedin.com/profile/add');
    expect(Object.fromEntries(linkedIn.searchParams)).toEqual({
      startTask: 'CERTIFICATION_NAME',
      name: 'Trained MSC Teacher',
      organizationName: app.config.CREDENTIALS_ISSUER_NAME,
      issueYear: String(issued.getUTCFullYear()),
      issueMonth: String(issued.getUTCMonth() + 1),
      certUrl: item.verificationUrl,
      certId: id,
    });

    const pdfUrl = new URL(item.pdfUrl!);
    expect(pdfUrl.pathname).toBe(`/api/v1/signed/credentials/${id}/certificate.pdf`);
    expect(new Date(item.pdfUrlExpiresAt!).getTime()).toBeGreaterThan(Date.now());
    const pdf = await request(app.server)
      .get(pdfUrl.pathname + pdfUrl.search)
      .buffer(true)
      .parse((response, callback) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => callback(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const signature = pdfUrl.searchParams.get('signature')!;
    const expires = pdfUrl.searchParams.get('expires')!;
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    for (const altered of [
      `${pdfUrl.pathname}?expires=${expires}&signature=${flipped}`,
      `${pdfUrl.pathname}?expires=${Number(expires) + 60}&signature=${signature}`,
      `/api/v1/signed/ce-credits/${id}/certificate.pdf?expires=${expires}&signature=${signature}`,
    ]) {
      const refused = await request(app.server).get(altered).expect(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const stale = new URL(
      (await app.get(SignedLinks).sign(pdfUrl.pathname, 60, new Date(Date.now() - 120_000))).url,
    );
    const expired = await request(app.server)
      .get(stale.pathname + stale.search)
      .expect(410);
    expect(expired.body.detail).toMatch(/expired/);
  });

  it('should let a verifier on any site read the public verification answers, and nothing else', async () => {
    const trainee = await factories.newTrainee();
    const id = await credentialFor(trainee);
    const vc = await fetchVc(id);
    const { payload } = await verifyOffline(vc, await fetchJwks());
    const statusPath = new URL((payload.credentialStatus as StatusEntry[])[0]!.statusListCredential)
      .pathname;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const origin = 'https://verifier.example';
    const open = [
      [`/api/v1/credentials/${id}/verify`, 200],
      [`/api/v1/credentials/${id}/vc`, 200],
      [statusPath, 200],
      ['/.well-known/jwks.json', 200],
      [`/verify/${id}`, 200],
      [`/api/v1/credentials/${unknown}/verify`, 404],
      [`/api/v1/credentials/${unknown}/vc`, 404],
      [`/api/v1/credentials/status/${unknown}`, 404],
      [`/verify/${unknown}`, 404],
      [`/api/v1/credentials/not-a-uuid/verify`, 400],
    ] as const;
    for (const [path, status] of open) {
      const res = await request(app.server).get(path).set('Origin', origin).expect(status);
      expect([path, res.headers['access-control-allow-origin']]).toEqual([path, '*']);
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      const preflight = await request(app.server)
        .options(path)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET')
        .set('Access-Control-Request-Headers', 'accept, if-none-match')
        .expect(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, HEAD, OPTIONS',
        'access-control-allow-headers': 'accept, if-none-match',
      });
    }

    const closed = [
      ['/api/v1/me/credentials', trainee.auth],
      [`/api/v1/credentials/${id}/certificate.pdf`, trainee.auth],
      ['/api/v1/me', trainee.auth],
      ['/api/v1/courses', trainee.auth],
      [`/api/v1/ce-credits/${unknown}/verify`, {}],
      ['/health/live', {}],
    ] as const;
    for (const [path, auth] of closed) {
      const res = await request(app.server).get(path).set(auth).set('Origin', origin);
      expect([path, res.headers['access-control-allow-origin']]).toEqual([path, undefined]);
      const preflight = await request(app.server)
        .options(path)
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET');
      expect([path, preflight.headers['access-control-allow-origin']]).toEqual([path, undefined]);
      expect(preflight.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('should never put private key material in a response', async () => {
    const id = await credentialFor(await factories.newTrainee());
    const [key] = await app.db.query<{ private_key_encrypted: string }>(
      'SELECT private_key_encrypted FROM signing_keys',
    );
    const sealed = key!.private_key_encrypted.split('.');
    const jwks = await fetchJwks();
    const jwt = await fetchVc(id);
    const status = ((await verifyOffline(jwt, jwks)).payload.credentialStatus as StatusEntry[])[0]!;
    const bodies = [
      JSON.stringify(jwks),
      jwt,
      JSON.stringify((await request(app.server).get(`/api/v1/credentials/${id}/verify`)).body),
      (await request(app.server).get(new URL(status.statusListCredential).pathname)).text,
      (await request(app.server).get(`/verify/${id}`)).text,
    ];
    for (const body of bodies) {
      expect(body).not.toMatch(/"d"\s*:/);
      for (const part of sealed.slice(1)) expect(body).not.toContain(part);
    }
  });
});
