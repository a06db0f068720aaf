import { Injectable } from '@nestjs/common';
import type { EmailLinkMinter } from './notification-message.js';

/**
 * Minters of secret e-mail links, registered by the contexts that own the secrets (identity's
 * password reset), so that this leaf context never depends on them.
 */
@Injectable()
export class EmailLinkMinters {
  private readonly minters = new Map<string, EmailLinkMinter>();

  register(name: string, minter: EmailLinkMinter): void {
    this.minters.set(name, minter);
  }

  get(name: string): EmailLinkMinter {
    const minter = this.minters.get(name);
    // Loud: a process that delivers these e-mails must load the module that registers the minter.
    if (!minter) throw new Error(`no e-mail link minter "${name}" is registered in this process`);
    return minter;
  }
}
