import { Injectable, type OnModuleInit } from '@nestjs/common';
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
} from 'jose';
import { AppConfig } from '@msc/config';
import { TransactionHost } from '@msc/db';
import { AuditLog } from '@msc/domain/audit';
import { AppSecrets } from '@msc/domain/identity';
import { KeyEncryption } from './key-encryption.js';
import { SigningKeysRepository, type SigningKeyRow } from './signing-keys.repository.js';

const KEK_SECRET_NAME = 'credentials_kek';
const ALGORITHM = 'EdDSA';

type KeyLike = Awaited<ReturnType<typeof importJWK>>;

export interface PublicJwk extends JWK {
  kid: string;
  alg: string;
  use: 'sig';
}

/**
 * The issuer's Ed25519 signing keys. Private keys are generated here, stored only sealed under the
 * key-encryption key (CREDENTIALS_KEK, or one generated once and kept in app_secrets) and never
 * leave this class; the JWKS publishes every non-deleted public key, retired ones included.
 */
@Injectable()
export class SigningKeys implements OnModuleInit {
  private encryption!: KeyEncryption;
  private readonly privateKeys = new Map<string, Promise<KeyLike>>();

  constructor(
    private readonly config: AppConfig,
    private readonly tx: TransactionHost,
    private readonly keys: SigningKeysRepository,
    private readonly audit: AuditLog,
    private readonly secrets: AppSecrets,
  ) {}

  async onModuleInit(): Promise<void> {
    if (this.config.CREDENTIALS_KEK) {
      this.encryption = KeyEncryption.fromBase64(this.config.CREDENTIALS_KEK);
      return;
    }
    this.encryption = KeyEncryption.fromBase64(await this.secrets.getOrCreate(KEK_SECRET_NAME, 32));
  }

  /** Signs `payload` as a compact JWS with the active key (made on first use). */
  async sign(payload: JWTPayload, typ: string): Promise<{ jwt: string; kid: string }> {
    const key = await this.activeKey();
    const jwt = await new SignJWT(payload)
      .setProtectedHeader({ alg: ALGORITHM, kid: key.kid, typ })
      .sign(await this.privateKeyOf(key));
    return { jwt, kid: key.kid };
  }

  /** Makes a new active key and retires the previous one, which stays in the JWKS. */
  async rotate(actorId: string | null): Promise<{ kid: string; retired: string[] }> {
    const fresh = await this.generate();
    return this.tx.transaction(async () => {
      await this.keys.lockForRotation();
      const retired = await this.keys.retireActive();
      await this.keys.insert(fresh);
      await this.audit.record({
        actorId,
        action: 'signing_key.rotated',
        subject: `signing_key/${fresh.kid}`,
        details: { retired },
      });
      return { kid: fresh.kid, retired };
    });
  }

  async jwks(): Promise<{ keys: PublicJwk[] }> {
    const rows = await this.keys.listPublic();
    return { keys: rows.map((row) => toPublicJwk(row)) };
  }

  async publicKey(kid: string): Promise<KeyLike | null> {
    const row = await this.keys.findPublic(kid);
    return row ? importJWK(toPublicJwk(row), row.algorithm) : null;
  }

  private async activeKey(): Promise<SigningKeyRow> {
    const found = await this.keys.findActive();
    if (found) return found;
    // No key yet: make one; when another process makes one at the same moment, theirs is used.
    await this.tx.transaction(async () => {
      await this.keys.lockForRotation();
      if (await this.keys.findActive()) return;
      const fresh = await this.generate();
      await this.keys.insert(fresh);
      await this.audit.record({
        actorId: null,
        action: 'signing_key.created',
        subject: `signing_key/${fresh.kid}`,
      });
    });
    return (await this.keys.findActive())!;
  }

  private async generate() {
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    });
    const { kty, crv, x } = await exportJWK(publicKey);
    const publicJwk = { kty: kty!, crv: crv!, x: x! };
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = await exportJWK(privateKey);
    return {
      kid,
      algorithm: ALGORITHM,
      publicJwk,
      privateKeyEncrypted: this.encryption.seal(JSON.stringify(privateJwk), kid),
    };
  }

  private privateKeyOf(row: SigningKeyRow): Promise<KeyLike> {
    let key = this.privateKeys.get(row.kid);
    if (!key) {
      const jwk = JSON.parse(this.encryption.open(row.private_key_encrypted, row.kid)) as JWK;
      key = importJWK(jwk, row.algorithm);
      this.privateKeys.set(row.kid, key);
    }
    return key;
  }
}

function toPublicJwk(row: { kid: string; algorithm: string; public_jwk: Record<string, unknown> }) {
  const { kty, crv, x } = row.public_jwk as { kty: string; crv: string; x: string };
  return { kty, crv, x, kid: row.kid, alg: row.algorithm, use: 'sig' as const };
}
