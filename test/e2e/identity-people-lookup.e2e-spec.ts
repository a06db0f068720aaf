import request from 'supertest';
import { Role } from '@msc/kernel';
import { createTestApp, Factories, type TestApp, type TestUser } from '@msc/testing';

describe('people lookup for pairing (e2e)', () => {
  let app: TestApp;
  let factories: Factories;
  let admin: TestUser;

  beforeAll(async () => {
    app = await createTestApp();
    factories = new Factories(app);
  }, 60_000);
  beforeEach(async () => {
    await app.reset();
    admin = await factories.newAdmin();
    await factories.newUser({
      roles: [Role.Mentor],
      displayName: 'Maya Smith',
      email: 'maya.smith@example.org',
    });
    await factories.newUser({ displayName: 'Smitha Rao', email: 'rao@example.org' });
    await factories.newUser({ displayName: 'Ana Blacksmith', email: 'ana@example.org' });
    await factories.newUser({
      roles: [Role.Mentor, Role.Trainee],
      displayName: 'Noah Guide',
      email: 'noah_g@example.org',
    });
  });
  afterAll(() => app.close());

  const lookup = (query: string, who: TestUser = admin) =>
    request(app.server).get(`/api/v1/users/lookup${query}`).set(who.auth);
  const names = (res: { body: { items: { displayName: string }[] } }) =>
    res.body.items.map((p) => p.displayName);

  it('should find people by the beginning of a word of their name, names starting so first', async () => {
    const smi = await lookup('?q=smi').expect(200);
    // Not "Ana Blacksmith": "smith" is inside a word there, not at its beginning.
    expect(names(smi)).toEqual(['Smitha Rao', 'Maya Smith']);
    expect(smi.body.items[1]).toEqual({
      id: expect.any(String),
      displayName: 'Maya Smith',
      email: 'maya.smith@example.org',
      roles: ['mentor'],
    });
    expect(names(await lookup('?q=MAYA%20sm').expect(200))).toEqual(['Maya Smith']);
    expect(names(await lookup('?q=smi&role=mentor').expect(200))).toEqual(['Maya Smith']);
    expect(names(await lookup('?q=noah&role=trainee').expect(200))).toEqual(['Noah Guide']);
  });

  it('should find people by the beginning of their e-mail, taking pattern characters literally', async () => {
    expect(names(await lookup('?q=RAO@EX').expect(200))).toEqual(['Smitha Rao']);
    expect(names(await lookup('?q=noah_').expect(200))).toEqual(['Noah Guide']);
    expect((await lookup('?q=%25').expect(200)).body.items).toEqual([]);
    expect((await lookup('?q=n_ah').expect(200)).body.items).toEqual([]);
    expect((await lookup('?q=example.org').expect(200)).body.items).toEqual([]);
  });

  it('should answer at most 20, refuse bad input and anyone but admins', async () => {
    for (let i = 0; i < 25; i++) {
      await factories.newUser({ displayName: `Zed ${String(i).padStart(2, '0')}` });
    }
    const many = await lookup('?q=zed').expect(200);
    expect(many.body.items).toHaveLength(20);
    expect(names(many)[0]).toBe('Zed 00');
    expect((await lookup('?q=zed&limit=5').expect(200)).body.items).toHaveLength(5);
    await lookup('?q=zed&limit=21').expect(400);
    await lookup('').expect(400);
    await lookup('?q=').expect(400);
    await lookup(`?q=${'x'.repeat(101)}`).expect(400);
    await lookup('?q=zed&role=owner').expect(400);
    const mentor = await factories.newMentor();
    await lookup('?q=zed', mentor).expect(403);
  });

  it('should use the indexes for both matches', async () => {
    const plan = await app.db.transaction(async () => {
      await app.db.query('SET LOCAL enable_seqscan = off');
      const rows = await app.db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM users
         WHERE to_tsvector('simple'::regconfig, display_name) @@ to_tsquery('simple'::regconfig, 'smi:*')
            OR lower(email) LIKE 'smi%'`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('users_display_name_words_idx');
    expect(plan).toContain('users_email_prefix_idx');
  });
});
