import { DomainError } from '@msc/kernel';

export enum PathwayErrorCode {
  TraineeNotFound = 'pathway.trainee_not_found',
  VersionNotFound = 'pathway.version_not_found',
  NoPublishedVersion = 'pathway.no_published_version',
  InvalidVersion = 'pathway.invalid_version',
  StageNotFound = 'pathway.stage_not_found',
  ProgressNotVisible = 'pathway.progress_not_visible',
}

export class PathwayError extends DomainError<PathwayErrorCode> {
  readonly context = 'pathway';
}
