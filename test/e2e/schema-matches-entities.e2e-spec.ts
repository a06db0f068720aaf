import { DataSource } from 'typeorm';
import { createTestApp, type TestApp } from '@msc/testing';

/**
 * The entities state the schema the migrations build: TypeORM's schema builder, comparing them with
 * the migrated database, has nothing to do (so `npm run migration:generate` generates nothing).
 */
describe('schema matches entities (e2e)', () => {
  let app: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    app = await createTestApp({ role: 'api' });
    dataSource = app.get(DataSource);
  });
  afterAll(() => app.close());

  it('should have an entity for every migrated table', async () => {
    const rows = await dataSource.query<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
          AND table_name <> 'migrations'
        ORDER BY 1`,
    );
    const entityTables = dataSource.entityMetadatas.map((m) => m.tableName).sort();

    expect(rows.map((r) => r.name)).toEqual(entityTables);
  });

  it('should need no statement to bring the migrated database to the entities', async () => {
    const { upQueries } = await dataSource.driver.createSchemaBuilder().log();

    // As SQL, so that a failure reads as the migration (or the entity change) that is missing.
    expect(upQueries.map((q) => `${q.query};`).join('\n')).toBe('');
  });
});
