import 'reflect-metadata';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ConfigModule } from '@msc/config';
import { DbModule } from '@msc/db';
import { SigningKeys, SigningKeysModule } from '@msc/domain/credentials';

/** Just what rotation needs: configuration, the database and the signing keys. */
@Module({ imports: [ConfigModule, DbModule, SigningKeysModule] })
class KeysRotateModule {}

// `npm run keys:rotate`: a new active credential-signing key; the old one is retired but stays
// in /.well-known/jwks.json, so credentials it signed keep verifying.
const app = await NestFactory.createApplicationContext(KeysRotateModule, {
  logger: ['error', 'warn'],
});
try {
  const { kid, retired } = await app.get(SigningKeys).rotate(null);
  console.log(`active signing key: ${kid}`);
  console.log(retired.length ? `retired: ${retired.join(', ')}` : 'no key was active before');
} finally {
  await app.close();
}
