import { DomainError } from '@msc/kernel';

export enum StorageErrorCode {
  TooLarge = 'storage.too_large',
  NotFound = 'storage.not_found',
  InvalidKey = 'storage.invalid_key',
  InvalidRange = 'storage.invalid_range',
}

export class StorageError extends DomainError<StorageErrorCode> {
  readonly context = 'storage';
}
